"""Benchmarks: migrantres side by side with pandas and plain Python, at 1k, 10k and 100k.

Run from the repository root, in an environment with migrantres and pandas::

    python benchmarks/run.py                 # full run: prints the report (Markdown)
    python benchmarks/run.py --quick         # fewer rounds, for a quick look
    python benchmarks/run.py --sizes 1000 10000
    python benchmarks/run.py --write         # also writes docs/performance.md

What is measured, at each size (synthetic catalogues from ``generate.py``, cached
outside the repository):

* cold start of a whole process (``subprocess``): ``import migrantres``, ``load()`` and
  one filter, against the floor ``from pydantic import BaseModel`` and against the
  pandas route (``import pandas``, ``pandas.read_json``, the same filter);
* load: ``migrantres.load(path)`` against ``json.loads`` of the same bytes and
  ``pandas.read_json(path)``;
* queries, each against the same operation in pandas on a DataFrame of the same data
  built beforehand, and against a plain list comprehension over the ``Resource``
  objects;
* one-off costs: the indexes a first query builds, the DataFrame's derived columns;
* memory of a loaded catalogue per record (``tracemalloc``, in a fresh process).

Every contender of a comparison, at every size, is timed in the same rounds, in a
rotating order; a time is the median over rounds, and a ratio (migrantres against
pandas, or 100k against 1k) is the median of the ratios within each round, so that a
machine busy with something else slows both sides of a ratio alike. No timed test
asserts anything: the targets are checked here and reported as met or missed.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import csv
import datetime as dt
import gc
import io
import json
import math
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    import pandas as pd

    from migrantres import Catalogue, Resource

REPO: Final = Path(__file__).resolve().parent.parent
DOC: Final = REPO / "docs" / "performance.md"
BEGIN: Final = "<!-- benchmark results: begin (written by benchmarks/run.py --write) -->"
END: Final = "<!-- benchmark results: end -->"

MIG: Final = "migrantres"
PANDAS: Final = "pandas"
NAIVE: Final = "list comp."
FLOOR: Final = "floor"
ONE_MODEL: Final = "one model"
FIVE_MODELS: Final = "five models"
JSON: Final = "json.loads"
TANTIVY: Final = "tantivy"
INDEX: Final = "index build"

#: What the queries look for (chosen for answers of different sizes; see generate.py).
TYPE: Final = "practical-tool"
ORGANIZATION: Final = "Verité"
LANGUAGE: Final = "fr"
#: A selective query (at most 5% of the records match) and a broad one (at least 50%).
SELECTIVE: Final = '"debt bondage" fishing'
BROAD: Final = "labour workers"
SEARCHES: Final = (SELECTIVE, BROAD)
#: The fields tantivy searches, and their boosts (the weights of migrantres's ranking).
TANTIVY_FIELDS: Final = ("title", "organizations", "description")
TANTIVY_BOOSTS: Final = {"title": 3.0, "organizations": 2.0, "description": 1.0}

#: The floor of a cold start: five deferred pydantic models of the records' shape, with
#: no migrantres code, reading the bundled file and filtering, as ``load().filter`` does
#: (the bundled data is verified by its checksum, not validated again: so here).
FIVE_MODELS_CODE: Final = """
import json
from pydantic import BaseModel, ConfigDict
C = ConfigDict(frozen=True, extra="forbid", defer_build=True)
class Organization(BaseModel):
    model_config = C
    name: str
    acronym: str | None = None
class Availability(BaseModel):
    model_config = C
    languages: tuple[str, ...] = ()
    url: str
class SourceLocation(BaseModel):
    model_config = C
    field: str
    first_line: int
    last_line: int
class Provenance(BaseModel):
    model_config = C
    document: str
    file: str
    sha256: str
    section: str
    first_line: int
    last_line: int
    locations: tuple[SourceLocation, ...] = ()
    repairs: tuple[dict, ...] = ()
    corrections: tuple[dict, ...] = ()
class Resource(BaseModel):
    model_config = C
    id: str
    title: str
    type: str
    type_label: str
    jurisdiction: str
    organizations: tuple[Organization, ...]
    launch_date: str | None = None
    date_kind: str
    description: str
    availability: tuple[Availability, ...] = ()
    provenance: Provenance | None = None
records = json.loads(open(PATH, "rb").read())["records"]
[r for r in map(lambda r: Resource.model_construct(**r), records) if r.type == "report"]
"""

#: The columns of the hand-written CSV.
NAIVE_CSV_COLUMNS: Final = (
    "id",
    "title",
    "type",
    "type_label",
    "jurisdiction",
    "organizations",
    "launch_date",
    "date_kind",
    "description",
    "availability",
    "provenance",
)

#: The operations an equality index answers.
INDEXED: Final = ("filter id", "filter type", "filter organization", "filter language")

#: A contender: a tool at a catalogue size.
Key = tuple[str, int]


def progress(message: str) -> None:
    """A line on stderr, so that stdout holds only the report."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- timing ---------------------------------------------------------------------------


@dataclass
class Settings:
    """How hard to measure."""

    rounds: int  # rounds at most
    min_rounds: int  # rounds at least, however long they take
    min_sample: float  # seconds a sample of a fast operation takes at least
    budget: float  # seconds a comparison should take, roughly, beyond its minimum rounds


@dataclass
class Samples:
    """The times of every contender of one comparison, round by round."""

    times: dict[Key, list[float]]
    answers: dict[Key, int | None]
    rounds: int

    def median(self, key: Key) -> float:
        """The median time of one call."""
        return statistics.median(self.times[key])

    def ratio(self, key: Key, reference: Key) -> float:
        """The median over rounds of ``key``'s time over ``reference``'s."""
        pairs = zip(self.times[key], self.times[reference], strict=True)
        return statistics.median(a / b for a, b in pairs)


def _sample(function: Callable[[], object], number: int) -> float:
    start = time.perf_counter()
    for _ in range(number):
        function()
    return (time.perf_counter() - start) / number


class Contender:
    """Something to time: a first call (the warm-up), then samples of ``number`` calls."""

    def warm(self) -> tuple[int | None, float]:
        """Run once; the answer's size and the time taken."""
        raise NotImplementedError

    def sample(self, number: int) -> float:
        """Run ``number`` times; seconds per call."""
        raise NotImplementedError


class Local(Contender):
    """A callable of this process."""

    def __init__(self, function: Callable[[], object]) -> None:
        """Time ``function``."""
        self.function = function

    def warm(self) -> tuple[int | None, float]:
        """Run once; the answer's size and the time taken."""
        start = time.perf_counter()
        result = self.function()
        elapsed = time.perf_counter() - start
        return _answer(result), elapsed

    def sample(self, number: int) -> float:
        """Run ``number`` times; seconds per call."""
        return _sample(self.function, number)


def interleave(
    contenders: dict[Key, Contender] | dict[Key, Callable[[], object]],
    settings: Settings,
    *,
    warm_up: bool = True,
) -> Samples:
    """Time every contender in the same rounds, in a rotating order.

    With ``warm_up``, each contender runs once first, untimed: a warm-up that builds what
    a first call builds (indexes, caches) and gives the answer's size. A fast one then
    runs several times per sample, so that a sample takes ``settings.min_sample``.
    Without, every call is a sample and there are ``settings.min_rounds`` rounds: for
    slow contenders whose first call is no different from the others.
    """
    timed = {
        key: value if isinstance(value, Contender) else Local(value)
        for key, value in contenders.items()
    }
    answers: dict[Key, int | None] = {}
    numbers: dict[Key, int] = dict.fromkeys(timed, 1)
    rounds = settings.min_rounds
    if warm_up:
        cost = 0.0
        for key, contender in timed.items():
            answers[key], once = contender.warm()
            if once < 0.5:  # a first call may be cold; a slow one is not
                once = contender.sample(1)
            numbers[key] = max(1, math.ceil(settings.min_sample / max(once, 1e-7)))
            if numbers[key] > 1:  # single calls of fast functions are too noisy
                once = contender.sample(numbers[key])
                numbers[key] = max(1, math.ceil(settings.min_sample / max(once, 1e-7)))
            cost += once * numbers[key]
        rounds = max(settings.min_rounds, min(settings.rounds, int(settings.budget / cost)))
    times: dict[Key, list[float]] = {key: [] for key in timed}
    keys = list(timed)
    for round_number in range(rounds):
        shift = round_number % len(keys)
        for key in keys[shift:] + keys[:shift]:
            times[key].append(timed[key].sample(numbers[key]))
    return Samples(times, answers, rounds)


def _process(code: str) -> Callable[[], object]:
    """A callable running ``code`` in a new Python process.

    The process may write compiled bytecode (the warm-up run does), as it would for an
    installed package: a cold start is not meant to time the compiler.
    """
    argv = [sys.executable, "-c", code]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def run() -> None:
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)

    return run


# -- the pandas side ------------------------------------------------------------------


@dataclass
class Frame:
    """The DataFrame a pandas user would build, with the helpers they would make once."""

    df: pd.DataFrame
    organizations: pd.Series  # one row per (resource, organization name), exploded
    languages: pd.Series  # one row per (resource, language), exploded
    columns: list[str]  # the columns of the file


def build_frame(path: Path) -> Frame:
    """``pandas.read_json`` of the file, list columns of names and languages, exploded."""
    import pandas as pd  # noqa: PLC0415 - imported when it is measured

    df = pd.read_json(path)
    columns = list(df.columns)
    df["organization_names"] = [[org["name"] for org in orgs] for orgs in df["organizations"]]
    df["languages"] = [
        list(dict.fromkeys(tag for entry in entries for tag in entry["languages"]))
        for entries in df["availability"]
    ]
    return Frame(
        df,
        df["organization_names"].explode(),
        df["languages"].explode(),
        columns,
    )


def _pandas_csv(frame: Frame) -> str:
    """A CSV with one cell per field, lists joined; what a user writes for a spreadsheet."""
    df = frame.df
    flat = df[frame.columns].assign(
        organizations=df["organization_names"].str.join("; "),
        availability=[
            " | ".join(f"[{','.join(a['languages'])}] {a['url']}" for a in entries)
            for entries in df["availability"]
        ],
        provenance=[
            "" if isinstance(p, float) or p is None else json.dumps(p, ensure_ascii=False)
            for p in df["provenance"]
        ],
    )
    return flat.to_csv(index=False)


# -- the plain Python side ------------------------------------------------------------


def _naive_sort(resources: Sequence[Resource]) -> list[Resource]:
    """sort_by("type", "-launch_date") by hand: undated last, newest first."""

    def key(r: Resource) -> tuple[str, bool, tuple[int, ...]]:
        date = r.launch_date
        if date is None:
            return (r.type.value, True, ())
        return (r.type.value, False, tuple(-part for part in date.sort_key))

    return sorted(resources, key=key)


def _naive_csv(resources: Sequence[Resource]) -> str:
    """Every field, one cell each, lists joined: the CSV a user writes by hand."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(NAIVE_CSV_COLUMNS)
    writer.writerows(
        [
            r.id,
            r.title,
            r.type.value,
            r.type_label,
            r.jurisdiction,
            "; ".join(o.name for o in r.organizations),
            "" if r.launch_date is None else str(r.launch_date),
            r.date_kind.value,
            r.description,
            " | ".join(f"[{','.join(a.languages)}] {a.url}" for a in r.availability),
            "" if r.provenance is None else r.provenance.model_dump_json(),
        ]
        for r in resources
    )
    return out.getvalue()


def _terms(query: str) -> list[str]:
    """The quoted phrases and words of a query, casefolded."""
    return [a or b for a, b in re.findall(r'"([^"]+)"|(\S+)', query.casefold())]


def _naive_search(resources: Sequence[Resource], query: str) -> list[Resource]:
    """A casefolded substring scan: the resources whose text holds every term."""
    terms = _terms(query)
    return [
        r
        for r in resources
        if all(
            t in f"{r.title} {' '.join(o.name for o in r.organizations)} {r.description}".casefold()
            for t in terms
        )
    ]


def build_tantivy(resources: Sequence[Resource]) -> Any:  # noqa: ANN401 - an optional tool
    """A tantivy index in memory over the same three fields, or None without tantivy."""
    try:
        import tantivy  # noqa: PLC0415 - optional
    except ImportError:
        return None
    builder = tantivy.SchemaBuilder()
    for name in TANTIVY_FIELDS:
        builder.add_text_field(name, stored=False)
    index = tantivy.Index(builder.build())
    writer = index.writer()
    for r in resources:
        writer.add_document(
            tantivy.Document(
                title=r.title,
                organizations=" ".join(
                    f"{o.name} {o.acronym}" if o.acronym else o.name for o in r.organizations
                ),
                description=r.description,
            )
        )
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return index


def tantivy_search(index: Any, query: str, limit: int) -> list[Any]:  # noqa: ANN401
    """The best ``limit`` hits of tantivy: every term must match, fields boosted 3, 2, 1."""
    parsed = index.parse_query(
        query, list(TANTIVY_FIELDS), field_boosts=TANTIVY_BOOSTS, conjunction_by_default=True
    )
    return list(index.searcher().search(parsed, limit).hits)


# -- the operations -------------------------------------------------------------------


@dataclass
class Operation:
    """One query, in migrantres, in pandas and in plain Python."""

    name: str
    migrantres: str  # as written in the report
    contenders: dict[str, Callable[[], object]]
    fallback: bool = False


def operations(catalogue: Catalogue, frame: Frame, sample_id: str) -> list[Operation]:
    """Every compared operation, on a loaded catalogue and a built DataFrame."""
    from migrantres import PartialDate, ResourceType  # noqa: PLC0415

    df, orgs, langs = frame.df, frame.organizations, frame.languages
    resources = list(catalogue)
    since, until = PartialDate(2015), PartialDate(2020)
    to_json = getattr(catalogue, "to_json", None)
    to_csv = getattr(catalogue, "to_csv", None)

    def fallback_json() -> str:  # FALLBACK while Catalogue.to_json does not exist
        return "[" + ",".join(r.model_dump_json() for r in catalogue) + "]"

    def fallback_csv() -> str:  # FALLBACK while Catalogue.to_csv does not exist
        return _naive_csv(resources)

    ops = [
        Operation(
            "filter id",
            f"filter(id={sample_id[:12]!r}…)",
            {
                MIG: lambda: catalogue.filter(id=sample_id),
                PANDAS: lambda: df[df["id"] == sample_id],
                NAIVE: lambda: [r for r in resources if r.id == sample_id],
            },
        ),
        Operation(
            "filter type",
            f"filter(type={TYPE!r})",
            {
                MIG: lambda: catalogue.filter(type=TYPE),
                PANDAS: lambda: df[df["type"] == TYPE],
                NAIVE: lambda: [r for r in resources if r.type == TYPE],
            },
        ),
        Operation(
            "filter organization",
            f"filter(organizations={ORGANIZATION!r})",
            {
                MIG: lambda: catalogue.filter(organizations=ORGANIZATION),
                PANDAS: lambda: df[df.index.isin(orgs.index[orgs == ORGANIZATION])],
                NAIVE: lambda: [
                    r for r in resources if any(o.name == ORGANIZATION for o in r.organizations)
                ],
            },
        ),
        Operation(
            "filter language",
            f"filter(languages={LANGUAGE!r})",
            {
                MIG: lambda: catalogue.filter(languages=LANGUAGE),
                PANDAS: lambda: df[df.index.isin(langs.index[langs == LANGUAGE])],
                NAIVE: lambda: [r for r in resources if LANGUAGE in r.languages],
            },
        ),
        Operation(
            "filter date range",
            'filter(launch_date__gte="2015", launch_date__lt="2020")',
            {
                MIG: lambda: catalogue.filter(launch_date__gte="2015", launch_date__lt="2020"),
                PANDAS: lambda: df[(df["launch_date"] >= "2015") & (df["launch_date"] < "2020")],
                NAIVE: lambda: [
                    r
                    for r in resources
                    if r.launch_date is not None and since <= r.launch_date < until
                ],
            },
        ),
        Operation(
            "filter three lookups",
            'filter(type="report", languages="fr", launch_date__year__gte=2010)',
            {
                MIG: lambda: catalogue.filter(
                    type="report", languages="fr", launch_date__year__gte=2010
                ),
                PANDAS: lambda: df[
                    (df["type"] == "report")
                    & df.index.isin(langs.index[langs == "fr"])
                    & (df["launch_date"] >= "2010")
                ],
                NAIVE: lambda: [
                    r
                    for r in resources
                    if r.type == "report"
                    and "fr" in r.languages
                    and r.launch_date is not None
                    and r.launch_date.year >= 2010
                ],
            },
        ),
        Operation(
            "sort_by two keys",
            'sort_by("type", "-launch_date")',
            {
                MIG: lambda: catalogue.sort_by("type", "-launch_date"),
                PANDAS: lambda: df.sort_values(
                    ["type", "launch_date"], ascending=[True, False], na_position="last"
                ),
                NAIVE: lambda: _naive_sort(resources),
            },
        ),
        Operation(
            "group_by",
            'group_by("type")',
            {
                MIG: lambda: catalogue.group_by("type"),
                PANDAS: lambda: dict(list(df.groupby("type"))),
                NAIVE: lambda: {t: [r for r in resources if r.type is t] for t in ResourceType},
            },
        ),
        Operation(
            "facets",
            'facets("organizations")',
            {
                MIG: lambda: catalogue.facets("organizations"),
                PANDAS: orgs.value_counts,
                NAIVE: lambda: collections.Counter(
                    o.name for r in resources for o in r.organizations
                ).most_common(),
            },
        ),
    ]
    text = df["title"] + " " + df["organization_names"].str.join(" ") + " " + df["description"]
    tantivy_index = build_tantivy(resources)
    for name, query, limit in (
        ("search selective", SELECTIVE, None),
        ("search broad", BROAD, None),
        ("search broad, best 10", BROAD, 10),
    ):
        terms = _terms(query)

        def pandas_search(t: list[str] = terms, n: int | None = limit) -> object:
            mask = text.str.contains(t[0], case=False, regex=False)
            for term in t[1:]:
                mask &= text.str.contains(term, case=False, regex=False)
            found = df[mask]
            return found if n is None else found.head(n)

        contenders: dict[str, Callable[[], object]] = {
            MIG: lambda q=query, n=limit: catalogue.search(q, limit=n),
            PANDAS: pandas_search,
            NAIVE: lambda q=query, n=limit: _naive_search(resources, q)[:n],
        }
        if tantivy_index is not None:
            contenders[TANTIVY] = lambda q=query, n=limit: tantivy_search(
                tantivy_index, q, n or len(resources)
            )
        note = f"search({query!r}" + (f", limit={limit})" if limit else ")")
        ops.append(Operation(name, note, contenders))
    ops += [
        Operation(
            "to_json",
            "to_json()",
            {
                MIG: to_json or fallback_json,
                PANDAS: lambda: df[frame.columns].to_json(orient="records", force_ascii=False),
                NAIVE: lambda: json.dumps(
                    [r.model_dump(mode="json") for r in resources], ensure_ascii=False
                ),
            },
            fallback=to_json is None,
        ),
        Operation(
            "to_csv",
            "to_csv()",
            {
                MIG: to_csv or fallback_csv,
                PANDAS: lambda: _pandas_csv(frame),
                NAIVE: lambda: _naive_csv(resources),
            },
            fallback=to_csv is None,
        ),
    ]
    return ops


def _answer(result: object) -> int | None:
    """How many resources (or groups) an operation found; None for text output."""
    if isinstance(result, str):
        return None
    with contextlib.suppress(TypeError):
        return len(result)  # type: ignore[arg-type]
    return None


# -- measuring ------------------------------------------------------------------------


@dataclass
class Comparison:
    """One operation, timed for every tool at every size in the same rounds."""

    name: str
    note: str
    samples: Samples
    sizes: list[int]
    tools: tuple[str, ...] = (MIG, PANDAS, NAIVE)
    fallback: bool = False

    def time(self, tool: str, size: int) -> float:
        """Median seconds per call."""
        return self.samples.median((tool, size))

    def vs(self, tool: str, size: int, reference: str = MIG) -> float:
        """``tool``'s time over ``reference``'s at one size: above 1, the reference is faster."""
        return self.samples.ratio((tool, size), (reference, size))

    def growth(self, tool: str = MIG) -> float:
        """The tool's time at the largest size over its time at the smallest."""
        return self.samples.ratio((tool, self.sizes[-1]), (tool, self.sizes[0]))

    def answer(self, tool: str, size: int) -> int | None:
        """The size of the tool's answer."""
        return self.samples.answers.get((tool, size))


@dataclass
class Results:
    """Everything one run measured."""

    sizes: list[int]
    megabytes: dict[int, float]
    bundled: Comparison | None = None
    cold: Comparison | None = None
    load: Comparison | None = None
    index: Comparison | None = None
    queries: list[Comparison] = field(default_factory=list)
    one_off: dict[str, dict[int, float]] = field(default_factory=dict)
    memory: dict[int, dict[str, float]] = field(default_factory=dict)


def measure_bundled(settings: Settings, cache: Path) -> Comparison:
    """A whole process with the bundled data, against the floor and the pandas route."""
    document = json.loads(files("migrantres").joinpath("data", "resources.json").read_bytes())
    copy = cache / "bundled-records.json"  # the bundled records as a bare array, for pandas
    cache.mkdir(parents=True, exist_ok=True)
    copy.write_text(
        json.dumps(document["records"], ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    size = len(document["records"])
    contenders = {
        (FLOOR, size): _process("from pydantic import BaseModel"),
        (ONE_MODEL, size): _process(
            "from pydantic import BaseModel\nclass M(BaseModel):\n    x: int"
        ),
        (FIVE_MODELS, size): _process(
            f"PATH = {str(files('migrantres').joinpath('data', 'resources.json'))!r}\n"
            + FIVE_MODELS_CODE
        ),
        (MIG, size): _process("import migrantres; migrantres.load().filter(type='report')"),
        (PANDAS, size): _process(
            f"import pandas; df = pandas.read_json({str(copy)!r}); df[df['type'] == 'report']"
        ),
    }
    samples = interleave(contenders, settings)  # the warm-up writes compiled bytecode
    return Comparison(
        "cold start, bundled", "", samples, [size], (FLOOR, ONE_MODEL, FIVE_MODELS, MIG, PANDAS)
    )


def measure_cold(paths: dict[int, Path], settings: Settings) -> Comparison:
    """A whole process loading each catalogue file and filtering it, against pandas."""
    contenders = {}
    for size, path in paths.items():
        contenders[MIG, size] = _process(
            f"import migrantres; migrantres.load({str(path)!r}).filter(type='report')"
        )
        contenders[PANDAS, size] = _process(
            f"import pandas; df = pandas.read_json({str(path)!r}); df[df['type'] == 'report']"
        )
    # The bundled cold starts already wrote the bytecode: no warm-up needed.
    samples = interleave(contenders, settings, warm_up=False)
    return Comparison("cold start", "", samples, list(paths), (MIG, PANDAS))


def measure_load(paths: dict[int, Path], settings: Settings) -> Comparison:
    """``migrantres.load`` against ``json.loads`` of the same bytes and ``pandas.read_json``."""
    import pandas as pd  # noqa: PLC0415 - imported when it is measured

    import migrantres  # noqa: PLC0415

    smallest = paths[min(paths)]
    migrantres.load(smallest)  # the warm-up: validators built, language tags cached
    pd.read_json(smallest)
    contenders: dict[Key, Callable[[], object]] = {}
    for size, path in paths.items():
        contenders[MIG, size] = lambda p=path: migrantres.load(p)
        contenders[JSON, size] = lambda p=path: json.loads(p.read_bytes())
        contenders[PANDAS, size] = lambda p=path: pd.read_json(p)
    samples = interleave(contenders, settings, warm_up=False)
    return Comparison("load", "", samples, list(paths), (MIG, JSON, PANDAS))


def measure_index(paths: dict[int, Path], settings: Settings) -> Comparison:
    """The full-text index a first search builds, against ``load()`` and tantivy's build.

    A process of its own holds the records of every size (the index is built from
    them), so that the load comparison above runs in a process of ordinary size.
    """
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); import run; "
        "print(json.dumps(run.index_samples(json.loads(sys.argv[2]), json.loads(sys.argv[3]))))"
    )
    numbers = [settings.rounds, settings.min_rounds, settings.min_sample, settings.budget]
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            str(Path(__file__).resolve().parent),
            json.dumps({str(k): str(v) for k, v in paths.items()}),
            json.dumps(numbers),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    found = json.loads(completed.stdout)
    times = {(tool, int(size)): values for tool, size, values in found["times"]}
    tools = tuple(found["tools"])
    return Comparison("index", "", Samples(times, {}, found["rounds"]), list(paths), tools)


def index_samples(paths: dict[str, str], numbers: list[float]) -> dict[str, Any]:
    """The index comparison's rounds, run in the child process of :func:`measure_index`."""
    import migrantres  # noqa: PLC0415
    from migrantres._query.search import FullTextIndex  # noqa: PLC0415

    settings = Settings(int(numbers[0]), int(numbers[1]), numbers[2], numbers[3])
    contenders: dict[Key, Callable[[], object]] = {}
    tools: tuple[str, ...] = (MIG, INDEX)
    if build_tantivy([]) is not None:
        tools += (TANTIVY,)
    migrantres.load(Path(paths[min(paths, key=int)]))
    for size, path in paths.items():
        resources = tuple(migrantres.load(Path(path)))
        contenders[MIG, int(size)] = lambda p=Path(path): migrantres.load(p)
        contenders[INDEX, int(size)] = lambda r=resources: FullTextIndex.build(r)
        if TANTIVY in tools:
            contenders[TANTIVY, int(size)] = lambda r=resources: build_tantivy(r)
    samples = interleave(contenders, settings, warm_up=False)
    return {
        "times": [[tool, size, values] for (tool, size), values in samples.times.items()],
        "tools": list(tools),
        "rounds": samples.rounds,
    }


class Worker:
    """A process holding one catalogue and its DataFrame, running operations on request.

    Each size lives in a process of its own, so that a catalogue's heap is all that the
    garbage collector of that process walks, as in a user's process; the parent still
    times every size in the same rounds.
    """

    def __init__(self, path: Path) -> None:
        """Start the worker and wait until its catalogue and DataFrame are ready."""
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker", str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.operations: list[dict[str, Any]] = self._receive()["operations"]

    def _receive(self) -> dict[str, Any]:
        assert self.process.stdout is not None  # noqa: S101 - set by Popen
        line = self.process.stdout.readline()
        if not line:
            msg = f"the benchmark worker stopped (exit code {self.process.wait()})"
            raise RuntimeError(msg)
        found: dict[str, Any] = json.loads(line)
        return found

    def call(self, **command: object) -> dict[str, Any]:
        """Send a command, return the reply."""
        assert self.process.stdin is not None  # noqa: S101 - set by Popen
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        return self._receive()

    def close(self) -> None:
        """Stop the worker."""
        with contextlib.suppress(OSError, RuntimeError):
            self.call(cmd="quit")
        self.process.wait()


class Remote(Contender):
    """An operation run by a worker, which times it itself."""

    def __init__(self, worker: Worker, op: int, tool: str) -> None:
        """Time operation ``op`` of ``tool`` in ``worker``."""
        self.worker, self.op, self.tool = worker, op, tool

    def warm(self) -> tuple[int | None, float]:
        """Run once; the answer's size and the time taken."""
        reply = self.worker.call(cmd="warm", op=self.op, tool=self.tool)
        return reply["answer"], reply["time"]

    def sample(self, number: int) -> float:
        """Run ``number`` times; seconds per call."""
        reply = self.worker.call(cmd="sample", op=self.op, tool=self.tool, number=number)
        seconds: float = reply["time"]
        return seconds


def serve(path: Path) -> int:
    """The worker's side of :class:`Worker`: answer commands on stdin, on stdout."""
    import migrantres  # noqa: PLC0415

    catalogue = migrantres.load(path)
    frame = build_frame(path)
    ops = operations(catalogue, frame, catalogue[len(catalogue) * 2 // 3].id)
    del catalogue, frame  # the operations hold what they need
    gc.collect()
    out = sys.stdout

    def reply(**values: object) -> None:
        out.write(json.dumps(values) + "\n")
        out.flush()

    reply(
        operations=[
            {
                "name": op.name,
                "note": op.migrantres,
                "fallback": op.fallback,
                "tools": list(op.contenders),
            }
            for op in ops
        ]
    )
    for line in sys.stdin:
        command = json.loads(line)
        if command["cmd"] == "quit":
            break
        function = ops[command["op"]].contenders[command["tool"]]
        if command["cmd"] == "warm":
            start = time.perf_counter()
            result = function()
            elapsed = time.perf_counter() - start
            reply(answer=_answer(result), time=elapsed)
            del result
        else:
            reply(time=_sample(function, command["number"]))
    return 0


def measure_queries(paths: dict[int, Path], settings: Settings) -> list[Comparison]:
    """Every operation, at every size in the same rounds, each size in its own process."""
    workers = {}
    try:
        for size, path in paths.items():
            progress(f"preparing the catalogue and the DataFrame of {size:,} records")
            workers[size] = Worker(path)
        comparisons = []
        for index, op in enumerate(workers[min(workers)].operations):
            progress(op["name"])
            tools = tuple(op["tools"])
            contenders: dict[Key, Contender] = {
                (tool, size): Remote(worker, index, tool)
                for size, worker in workers.items()
                for tool in tools
            }
            samples = interleave(contenders, settings)
            comparisons.append(
                Comparison(
                    op["name"], op["note"], samples, list(paths), tools, fallback=op["fallback"]
                )
            )
    finally:
        for worker in workers.values():
            worker.close()
    return comparisons


def _timed(make: Callable[[], object], use: Callable[[Any], object], settings: Settings) -> float:
    """The median time of ``use(make())``, untimed ``make``; as many calls as the budget allows."""
    times: list[float] = []
    while not times or (len(times) < settings.min_rounds and sum(times) < settings.budget / 4):
        made = make()
        start = time.perf_counter()
        use(made)
        times.append(time.perf_counter() - start)
        del made
    return statistics.median(times)


def measure_one_off(paths: dict[int, Path], settings: Settings) -> dict[str, dict[int, float]]:
    """What a first query costs on a fresh catalogue: the index it builds, once."""
    import migrantres  # noqa: PLC0415
    from migrantres import Catalogue  # noqa: PLC0415

    found: dict[str, dict[int, float]] = collections.defaultdict(dict)
    for size, path in paths.items():
        progress(f"one-off costs at {size:,}")
        catalogue = migrantres.load(path)
        lookups = {
            "first filter(id=...): id index": {"id": catalogue[0].id},
            "first filter(type=...): type index": {"type": TYPE},
            "first filter(organizations=...): organizations index": {"organizations": ORGANIZATION},
            "first filter(languages=...): languages index": {"languages": LANGUAGE},
        }
        for name, lookup in lookups.items():
            # A slice is a new catalogue, without indexes of its own.
            found[name][size] = _timed(
                lambda c=catalogue: c[:], lambda fresh, kw=lookup: fresh.filter(**kw), settings
            )
        # A catalogue made afresh has no origin to share a search index with.
        found["first search(...): search index"][size] = _timed(
            lambda r=catalogue.resources: Catalogue(r),
            lambda fresh: fresh.search(SEARCHES[0]),
            settings,
        )
        found["pandas: read_json + list columns + explode"][size] = _timed(
            lambda p=path: p, build_frame, settings
        )
    return dict(found)


_MEMORY_CHILD: Final = """
import gc, json, sys, tracemalloc
from pathlib import Path
path, warm, tool = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]

def rss():
    # The resident set now, not its peak, after the C allocator has handed back what is
    # free (glibc keeps freed memory otherwise, so a load's peak would count as held).
    try:
        import ctypes
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096

if tool in ("migrantres", "index"):
    import migrantres
    load = migrantres.load
elif tool == "pandas":
    import pandas
    load = pandas.read_json
else:
    load = lambda p: json.loads(p.read_bytes())
load(warm)  # schemas built, caches filled, on a small file
if tool == "index":
    from migrantres._query.search import FullTextIndex
    FullTextIndex.build(tuple(load(warm)))
    loaded = tuple(load(path))
gc.collect()
tracemalloc.start()
base, base_rss = tracemalloc.get_traced_memory()[0], rss()
if tool == "index":
    index = FullTextIndex.build(loaded)
else:
    loaded = load(path)
gc.collect()
current, peak = tracemalloc.get_traced_memory()
grown = rss() - base_rss
sqlite = 0
if tool == "index":  # the pages of SQLite's in-memory database: the index itself
    sqlite = index._connection.execute("PRAGMA page_count").fetchone()[0] * 4096
print(json.dumps({"retained": current - base, "peak": peak - base, "rss": grown, "sqlite": sqlite}))
"""


def measure_memory(paths: dict[int, Path]) -> dict[int, dict[str, float]]:
    """Bytes per record held by a loaded catalogue (traced and resident), and by its index."""
    warm = paths[min(paths)]
    found: dict[int, dict[str, float]] = {}
    for size, path in paths.items():
        progress(f"memory at {size:,}")
        found[size] = {}
        for tool in (MIG, JSON, PANDAS, "index"):
            completed = subprocess.run(
                [sys.executable, "-c", _MEMORY_CHILD, str(path), str(warm), tool],
                check=True,
                capture_output=True,
                text=True,
            )
            measured = json.loads(completed.stdout)
            found[size][f"{tool} retained"] = measured["retained"] / size
            found[size][f"{tool} peak"] = measured["peak"] / size
            found[size][f"{tool} rss"] = measured["rss"] / size
            found[size][f"{tool} sqlite"] = measured["sqlite"] / size
    return found


# -- the report -----------------------------------------------------------------------


def _ms(seconds: float) -> str:
    if seconds >= 10:
        return f"{seconds:.1f} s"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    milliseconds = seconds * 1000
    if milliseconds >= 10:
        return f"{milliseconds:.0f} ms"
    if milliseconds >= 1:
        return f"{milliseconds:.1f} ms"
    if milliseconds >= 0.1:
        return f"{milliseconds:.2f} ms"
    return f"{milliseconds * 1000:.0f} µs"


def _speed(ratio: float) -> str:
    """Their time over migrantres's, as migrantres being faster or slower."""
    if ratio >= 1.05:
        return f"**{ratio:.1f}x faster**"
    if ratio <= 1 / 1.05:
        return f"{1 / ratio:.1f}x slower"
    return "even"


def _size(n: int) -> str:
    return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n)


def _exponent(growth: float, sizes: Sequence[int]) -> float:
    return math.log(growth) / math.log(sizes[-1] / sizes[0])


def _growth_word(exponent: float) -> str:
    if exponent < 0.3:
        return "≈ constant"
    if exponent < 0.85:
        return "sublinear"
    if exponent <= 1.2:
        return "linear / n log n"
    return "**superlinear**"


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


@dataclass
class Verdict:
    """One target and how it fared."""

    target: str
    measured: str
    met: bool


def _cold_verdicts(bundled: Comparison) -> list[Verdict]:
    size = bundled.sizes[0]
    times_floor = 1 / bundled.vs(FIVE_MODELS, size)
    faster = bundled.vs(PANDAS, size)
    return [
        Verdict(
            "Cold start (import + `load()` + filter) ≤ 1.10x five deferred pydantic models "
            "of the same shape",
            f"{times_floor:.2f}x ({_ms(bundled.time(MIG, size))} vs "
            f"{_ms(bundled.time(FIVE_MODELS, size))})",
            times_floor <= 1.10,
        ),
        Verdict(
            "Cold start ≥ 2x faster than the pandas route",
            f"{faster:.2f}x faster ({_ms(bundled.time(MIG, size))} vs "
            f"{_ms(bundled.time(PANDAS, size))})",
            faster >= 2,
        ),
    ]


def _load_verdicts(results: Results, big: int) -> list[Verdict]:
    load = results.load
    if load is None:
        return []
    times = 1 / load.vs(JSON, big)
    found = [
        Verdict(
            f"Load at {_size(big)} ≤ 1.5x `json.loads`",
            f"{times:.2f}x `json.loads` ({_ms(load.time(MIG, big))} vs "
            f"{_ms(load.time(JSON, big))})",
            times <= 1.5,
        ),
    ]
    if (built := results.index) is not None:
        index = built.vs(INDEX, big)
        found.append(
            Verdict(
                f"Full-text index build at {_size(big)} ≤ 0.6x `load()`",
                f"{index:.2f}x `load()` ({_ms(built.time(INDEX, big))} vs "
                f"{_ms(built.time(MIG, big))}, in the same rounds)",
                index <= 0.6,
            )
        )
    memory = results.memory.get(big)
    if memory:
        traced = memory[f"{MIG} retained"] / memory[f"{JSON} retained"]
        resident = memory[f"{MIG} rss"] / memory[f"{JSON} rss"]
        found.append(
            Verdict(
                f"Memory of a loaded catalogue at {_size(big)} ≤ 1.2x the dicts of `json.loads`",
                f"{traced:.2f}x traced, {resident:.2f}x resident "
                f"({memory[f'{MIG} retained'] / 1024:.1f} vs "
                f"{memory[f'{JSON} retained'] / 1024:.1f} KiB a record traced)",
                max(traced, resident) <= 1.2,
            )
        )
        per_record = max(memory["index rss"], memory["index sqlite"] + memory["index retained"])
        found.append(
            Verdict(
                f"Full-text index memory at {_size(big)} ≤ 1 KiB a record",
                f"{memory['index sqlite'] / 1024:.2f} KiB of SQLite pages and "
                f"{memory['index retained'] / 1024:.2f} KiB traced; resident "
                f"{memory['index rss'] / 1024:.2f} KiB",
                per_record <= 1024,
            )
        )
    return found


def _search_verdict(query: Comparison, unlimited: Comparison) -> Verdict:
    big = query.sizes[-1]
    faster = query.vs(NAIVE, big)
    share = (unlimited.answer(MIG, big) or 0) / big
    goal = 10 if "best 10" in query.name else 100
    measured = (
        f"{faster:.0f}x faster ({_ms(query.time(MIG, big))} vs {_ms(query.time(NAIVE, big))}), "
        f"{share:.0%} of the records match"
    )
    if TANTIVY in query.tools:
        measured += f"; tantivy {_ms(query.time(TANTIVY, big))}"
    return Verdict(
        f"`{query.note}` at {_size(big)} ≥ {goal}x faster than a casefolded substring scan",
        measured,
        faster >= goal,
    )


def _indexed_verdict(query: Comparison) -> Verdict:
    big, small = query.sizes[-1], query.sizes[0]
    faster = query.vs(PANDAS, big)
    measured = f"{_speed(faster)} than pandas ({_ms(query.time(MIG, big))})"
    met = faster > 1
    if big != small:
        time_growth = query.growth()
        answer_growth = (query.answer(MIG, big) or 1) / (query.answer(MIG, small) or 1)
        met = met and time_growth <= 2.5 * max(answer_growth, 1)
        measured += (
            f"; {_size(small)}→{_size(big)}: time x{time_growth:.1f}, answer x{answer_growth:.0f}"
        )
    return Verdict(
        f"`{query.note}` at {_size(big)}: faster than pandas, cost follows the answer",
        measured,
        met,
    )


def _other_verdict(query: Comparison) -> Verdict:
    big = query.sizes[-1]
    slower = 1 / query.vs(PANDAS, big)
    measured = f"{slower:.2f}x pandas's time"
    met = slower <= 2
    if len(query.sizes) > 1:
        exponent = _exponent(query.growth(), query.sizes)
        measured += f"; growth exponent {exponent:.2f} ({_growth_word(exponent)})"
        met = met and exponent <= 1.2
    return Verdict(f"`{query.note}` at {_size(big)}: ≤ 2x pandas, linear", measured, met)


def verdicts(results: Results) -> list[Verdict]:
    """Check every target of the issue against this run's numbers."""
    found = _cold_verdicts(results.bundled) if results.bundled is not None else []
    big = results.sizes[-1] if results.sizes else None
    if big is not None:
        found += _load_verdicts(results, big)
    for query in results.queries:
        if query.name in INDEXED:
            found.append(_indexed_verdict(query))
        elif query.name == "search selective":
            found.append(_search_verdict(query, query))
        elif query.name == "search broad, best 10":
            broad = next(q for q in results.queries if q.name == "search broad")
            found.append(_search_verdict(query, broad))
        elif not query.name.startswith("search"):
            found.append(_other_verdict(query))
    return found


def report(results: Results, command: str, elapsed: float) -> str:
    """The Markdown report."""
    lines = [
        f"Command: `{command}` (took {elapsed / 60:.0f} min).",
        "",
        environment(),
        "",
        "Times are medians. Ratios are medians of same-round ratios: **Nx faster** means",
        "migrantres took 1/N of the other tool's time in the same rounds.",
        "",
        "### Targets",
        "",
    ]
    lines += _table(
        ["Target", "Measured", "Verdict"],
        ([v.target, v.measured, "met" if v.met else "**MISSED**"] for v in verdicts(results)),
    )
    if results.bundled is not None:
        lines += _bundled_section(results.bundled)
    if results.sizes:
        lines += _load_section(results)
    if results.queries:
        lines += _query_section(results.queries)
        if len(results.sizes) > 1:
            lines += _growth_section(results)
    if results.one_off:
        lines += _one_off_section(results)
    if results.memory:
        lines += _memory_section(results)
    return "\n".join(lines) + "\n"


def _bundled_section(bundled: Comparison) -> list[str]:
    size = bundled.sizes[0]
    lines = [
        "",
        "### Cold start of a whole process, bundled data",
        "",
        (
            f"`python -c ...`, {bundled.samples.rounds} rounds after a warm-up; the bundled "
            f"catalogue holds {size} records."
        ),
        "",
    ]
    return lines + _table(
        ["Process", "Median", "migrantres"],
        [
            ["`from pydantic import BaseModel` (the floor)", _ms(bundled.time(FLOOR, size)), ""],
            [
                "the floor + one trivial model, `class M(BaseModel): x: int`",
                _ms(bundled.time(ONE_MODEL, size)),
                f"takes {1 / bundled.vs(ONE_MODEL, size):.2f}x its time",
            ],
            [
                (
                    "five deferred pydantic models of the records' shape, reading the bundled "
                    "file and filtering (no migrantres code)"
                ),
                _ms(bundled.time(FIVE_MODELS, size)),
                f"takes {1 / bundled.vs(FIVE_MODELS, size):.2f}x its time",
            ],
            [
                "`import migrantres; migrantres.load().filter(type='report')`",
                _ms(bundled.time(MIG, size)),
                f"takes {1 / bundled.vs(FLOOR, size):.2f}x the floor",
            ],
            [
                "`import pandas; pandas.read_json(...)`, `df[df['type'] == 'report']`",
                _ms(bundled.time(PANDAS, size)),
                _speed(bundled.vs(PANDAS, size)),
            ],
        ],
    )


def _load_section(results: Results) -> list[str]:
    lines = ["", "### Synthetic catalogues", ""]
    lines += _table(
        ["Records", "File (a bare JSON array, indented)"],
        ([f"{size:,}", f"{results.megabytes[size]:.1f} MB"] for size in results.sizes),
    )
    lines += [
        "",
        "### Cold start and load, by size",
        "",
        "Cold start: a whole process doing `import`, loading the file, and `type == 'report'`.",
        "Load, in a warm process: `migrantres.load(path)` against `json.loads` of the same",
        "bytes (the floor) and `pandas.read_json(path)`.",
        "",
    ]
    rows = []
    for size in results.sizes:
        if (cold := results.cold) is not None:
            rows.append(
                [
                    _size(size),
                    "cold start",
                    _ms(cold.time(MIG, size)),
                    "",
                    _ms(cold.time(PANDAS, size)),
                    "",
                    _speed(cold.vs(PANDAS, size)),
                ]
            )
        if (load := results.load) is not None:
            rows.append(
                [
                    _size(size),
                    "load",
                    _ms(load.time(MIG, size)),
                    _ms(load.time(JSON, size)),
                    _ms(load.time(PANDAS, size)),
                    f"{1 / load.vs(JSON, size):.2f}x",
                    _speed(load.vs(PANDAS, size)),
                ]
            )
        if (built := results.index) is not None:
            builds = f"{built.vs(INDEX, size):.2f}x `load()`"
            if TANTIVY in built.tools:
                builds += f"; tantivy's build {_ms(built.time(TANTIVY, size))}"
            rows.append(
                [
                    _size(size),
                    "full-text index build",
                    _ms(built.time(INDEX, size)),
                    "",
                    "",
                    "",
                    builds,
                ]
            )
    return lines + _table(
        ["n", "", MIG, JSON, PANDAS, "migrantres ÷ json.loads", "vs pandas"], rows
    )


def _answer_cell(query: Comparison, size: int) -> str:
    answers = {tool: query.answer(tool, size) for tool in query.tools}
    distinct = {a for a in answers.values() if a is not None}
    if len(distinct) > 1:
        return "≠ " + " / ".join(f"{k}: {v}" for k, v in answers.items())
    return "/".join(str(a) for a in distinct)


def _query_section(queries: list[Comparison]) -> list[str]:
    lines = [
        "",
        "### Queries, by size",
        "",
        "pandas works on a DataFrame built beforehand (`read_json`, then list columns of",
        "organization names and languages, exploded once); the list comprehension works on",
        "the list of `Resource` objects. *Answer* is the number of resources (groups, for",
        "`group_by` and `facets`) each found; a `≠` would mark a disagreement.",
        "",
    ]
    rows = [
        [
            f"`{query.note}`" if size == query.sizes[0] else "",
            _size(size),
            _answer_cell(query, size),
            *(_ms(query.time(tool, size)) for tool in (MIG, PANDAS, NAIVE)),
            _speed(query.vs(PANDAS, size)),
            _speed(query.vs(NAIVE, size)),
        ]
        for query in queries
        for size in query.sizes
    ]
    lines += _table(
        ["Operation", "n", "Answer", MIG, PANDAS, NAIVE, "vs pandas", "vs list comp."], rows
    )
    searches = [query for query in queries if TANTIVY in query.tools]
    if searches:
        lines += [
            "",
            "### Search against a scan and a compiled engine",
            "",
            "The scan casefolds each record's text and looks for every term (the list",
            "comprehension above); tantivy, a compiled search engine (Rust), searches an",
            "index of the same three fields in memory, every term required, fields boosted",
            "3, 2 and 1, and returns its best hits (all of them, without a limit).",
            "",
        ]
        lines += _table(
            ["Operation", "n", "Answer", MIG, "scan", TANTIVY, "vs scan", "vs tantivy"],
            [
                [
                    f"`{query.note}`" if size == query.sizes[0] else "",
                    _size(size),
                    _answer_cell(query, size),
                    _ms(query.time(MIG, size)),
                    _ms(query.time(NAIVE, size)),
                    _ms(query.time(TANTIVY, size)),
                    _speed(query.vs(NAIVE, size)),
                    _speed(query.vs(TANTIVY, size)),
                ]
                for query in searches
                for size in query.sizes
            ],
        )
    fallbacks = [query.note for query in queries if query.fallback]
    if fallbacks:
        names = " and ".join(f"`{name}`" for name in fallbacks)
        lines += [
            "",
            (
                f"**Fallback**: {names} did not exist in `Catalogue` at this run; their rows "
                "time a stand-in (pydantic `model_dump_json` per record, or the `csv` module)."
            ),
        ]
    return lines


def _growth_section(results: Results) -> list[str]:
    sizes = results.sizes
    n_log_n = _exponent(sizes[-1] * math.log(sizes[-1]) / (sizes[0] * math.log(sizes[0])), sizes)
    lines = [
        "",
        f"### Growth from {_size(sizes[0])} to {_size(sizes[-1])}",
        "",
        (
            f"*time x*: migrantres's time at {_size(sizes[-1])} over its time at "
            f"{_size(sizes[0])}, in the same rounds. *Exponent*: log(time x) / "
            f"log({sizes[-1] // sizes[0]}); 0 is constant, 1 linear, and n log n gives "
            f"{n_log_n:.2f}."
        ),
        "",
    ]
    comparisons = [c for c in (results.load, results.cold) if c is not None]
    rows = []
    for query in comparisons + results.queries:
        exponent = _exponent(query.growth(), sizes)
        answer = ""
        if (a := query.answer(MIG, sizes[0])) and (b := query.answer(MIG, sizes[-1])):
            answer = f"x{b / a:.0f}"
        rows.append(
            [
                query.name,
                f"x{query.growth():.0f}",
                answer,
                f"{exponent:.2f}",
                _growth_word(exponent),
                f"{_exponent(query.growth(PANDAS), sizes):.2f}",
                f"{_exponent(query.growth(NAIVE), sizes):.2f}" if NAIVE in query.tools else "",
            ]
        )
    header = ["Operation", "time x", "answer x", "exponent", "growth"]
    return lines + _table([*header, "pandas exponent", "list comp. exponent"], rows)


def _one_off_section(results: Results) -> list[str]:
    lines = [
        "",
        "### One-off costs",
        "",
        "What the first query of a kind costs on a fresh catalogue (it builds an index that",
        "later queries reuse), and what the pandas side pays once to build its DataFrame.",
        "",
    ]
    return lines + _table(
        ["One-off", *(_size(size) for size in results.sizes)],
        (
            [name, *(_ms(by_size[size]) for size in results.sizes)]
            for name, by_size in results.one_off.items()
        ),
    )


def _memory_section(results: Results) -> list[str]:
    lines = [
        "",
        "### Memory per record",
        "",
        "A fresh process for each, around one load: *traced* is what `tracemalloc` sees the",
        "loaded result keep, *resident* how much the process's resident set grew, *peak* the",
        "most traced at once while loading. Resident memory is read after the C allocator",
        "has returned freed memory (`malloc_trim`). The full-text index is measured around",
        "its build on a loaded catalogue: SQLite's pages are not traced by `tracemalloc`.",
        "",
    ]

    def kib(size: int, key: str) -> str:
        return f"{results.memory[size][key] / 1024:.2f} KiB"

    return lines + _table(
        [
            "n",
            "migrantres traced",
            "resident",
            "peak",
            "json.loads traced",
            "resident",
            "pandas traced",
            "index traced",
            "index SQLite pages",
            "index resident",
        ],
        (
            [
                _size(size),
                kib(size, f"{MIG} retained"),
                kib(size, f"{MIG} rss"),
                kib(size, f"{MIG} peak"),
                kib(size, f"{JSON} retained"),
                kib(size, f"{JSON} rss"),
                kib(size, f"{PANDAS} retained"),
                kib(size, "index retained"),
                kib(size, "index sqlite"),
                kib(size, "index rss"),
            ]
            for size in results.sizes
            if size in results.memory
        ),
    )


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def environment() -> str:
    """Versions and the machine, so that a reader can compare runs."""
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        info = Path("/proc/cpuinfo").read_text(encoding="utf-8")
        if found := re.search(r"model name\s*:\s*(.+)", info):
            cpu = found.group(1).strip()
    commit = "unknown"
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        git = ["git", "-C", str(REPO)]
        commit = subprocess.run(
            [*git, "rev-parse", "--short", "HEAD"], check=True, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            [*git, "status", "--porcelain", "--", "src"], check=True, capture_output=True, text=True
        ).stdout.strip()
        if dirty:
            commit += " with uncommitted changes in src/"
    return (
        f"Run on {dt.datetime.now(tz=dt.UTC):%Y-%m-%d %H:%M} UTC: {cpu}, {os.cpu_count()} CPUs, "
        f"{platform.system()} {platform.release()}; Python {platform.python_version()}, "
        f"migrantres {_version('migrantres')} (commit {commit}), pydantic {_version('pydantic')} "
        f"(pydantic-core {_version('pydantic-core')}), pandas {_version('pandas')}, "
        f"numpy {_version('numpy')}, tantivy {_version('tantivy')}; SQLite "
        f"{__import__('sqlite3').sqlite_version}."
    )


def write_doc(text: str) -> None:
    """Put the report between the markers of docs/performance.md, keeping the prose."""
    block = f"{BEGIN}\n\n{text}\n{END}"
    if DOC.exists():
        current = DOC.read_text(encoding="utf-8")
        if BEGIN in current and END in current:
            head, rest = current.split(BEGIN, 1)
            tail = rest.split(END, 1)[1]
            DOC.write_text(head + block + tail, encoding="utf-8")
            return
    DOC.write_text(
        f"# Performance\n\nReproduce with `python benchmarks/run.py --write`.\n\n{block}\n",
        encoding="utf-8",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Measure, print the report, and with ``--write`` put it in docs/performance.md."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, shorter samples")
    parser.add_argument("--seed", type=int, default=0, help="the generator's seed")
    parser.add_argument("--cache", type=Path, default=generate.DEFAULT_CACHE)
    parser.add_argument("--no-cold", action="store_true", help="skip the cold starts")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory measurements")
    parser.add_argument("--write", action="store_true", help=f"write {DOC.relative_to(REPO)}")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker is not None:
        return serve(args.worker)
    if args.quick:
        settings = Settings(rounds=5, min_rounds=2, min_sample=0.005, budget=5.0)
        cold_settings = Settings(rounds=7, min_rounds=2, min_sample=0.0, budget=10.0)
    else:
        settings = Settings(rounds=11, min_rounds=3, min_sample=0.02, budget=15.0)
        cold_settings = Settings(rounds=21, min_rounds=3, min_sample=0.0, budget=20.0)
    started = time.perf_counter()
    sizes = sorted(set(args.sizes))
    paths = {}
    for size in sizes:
        progress(f"catalogue file of {size:,} records")
        paths[size] = generate.ensure(size, args.seed, args.cache)
    results = Results(sizes, {size: path.stat().st_size / 1e6 for size, path in paths.items()})
    if not args.no_cold:
        progress("cold start with the bundled data")
        results.bundled = measure_bundled(cold_settings, args.cache)
        progress("cold start with each file")
        results.cold = measure_cold(paths, cold_settings)
    progress("load")
    results.load = measure_load(paths, settings)
    progress("full-text index build")
    results.index = measure_index(paths, settings)
    gc.collect()
    results.queries = measure_queries(paths, settings)
    gc.collect()
    results.one_off = measure_one_off(paths, settings)
    if not args.no_memory:
        results.memory = measure_memory(paths)
    shown = [a for a in (argv if argv is not None else sys.argv[1:]) if a != "--write"]
    command = shlex.join(["python", "benchmarks/run.py", *shown])
    text = report(results, command, time.perf_counter() - started)
    print(text)
    if args.write:
        write_doc(text)
        progress(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
