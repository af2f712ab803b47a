"""Seeded, deterministic synthetic catalogues for the benchmarks.

``generate(n, seed)`` returns ``n`` records in the format of the bundled
``resources.json``, with the variety of a real catalogue:

* organizations: about sixty real ones (some with an acronym, some without, a few
  with accented names) and a long tail of local ones that grows with the catalogue,
  drawn with Zipf-like weights; one to three per resource;
* every :class:`~migrantres.ResourceType`, with every spelling of its label;
* dates at year, month and day precision, some resources undated, both date kinds;
* one to three availability entries, each with one to four of eleven BCP 47 tags;
* titles and descriptions built from a domain vocabulary: descriptions of 50 to 200
  words in one to three paragraphs separated by a blank line;
* a provenance for about a fifth of the records, with repairs and corrections.

The same ``n`` and ``seed`` always give the same records, byte for byte, on every
platform (only :class:`random.Random` is used, seeded per catalogue).

Run as a script, it writes catalogue files to a cache directory outside the
repository (``~/.cache/migrantres-bench`` unless ``--out`` says otherwise) and checks
that ``migrantres.load(path)`` accepts them::

    python benchmarks/generate.py --sizes 1000 10000 100000 --check

By default a file is a bare JSON array of records (``--form array``), which both
``migrantres.load(path)`` and ``pandas.read_json(path)`` read as it is; ``--form
document`` writes the bundled file's shape, a header and ``records``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
import time
import unicodedata
from itertools import accumulate, pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from migrantres import ResourceType

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "DEFAULT_CACHE",
    "FORMS",
    "GENERATOR_VERSION",
    "LANGUAGES",
    "ORGANIZATIONS",
    "TYPES",
    "catalogue_path",
    "document",
    "ensure",
    "generate",
    "write",
]

#: Bump when the generator changes: cached files carry it in their names.
GENERATOR_VERSION: Final = 1

#: Where generated catalogues are cached, outside the repository.
DEFAULT_CACHE: Final = Path(
    os.environ.get("MIGRANTRES_BENCH_CACHE", Path.home() / ".cache" / "migrantres-bench")
)

# -- vocabularies ---------------------------------------------------------------------

#: (name, acronym or None, web domain). Real organizations working on the subject.
ORGANIZATIONS: Final = (
    ("International Organization for Migration", "IOM", "publications.iom.int"),
    ("International Labour Organization", "ILO", "www.ilo.org"),
    ("Organization for Security and Co-operation in Europe", "OSCE", "www.osce.org"),
    ("United Nations Office on Drugs and Crime", "UNODC", "www.unodc.org"),
    ("Office of the United Nations High Commissioner for Human Rights", "OHCHR", "www.ohchr.org"),
    ("United Nations Children's Fund", "UNICEF", "www.unicef.org"),
    ("UN Women", None, "www.unwomen.org"),
    ("Office of the United Nations High Commissioner for Refugees", "UNHCR", "www.unhcr.org"),
    ("Council of Europe", "CoE", "rm.coe.int"),
    ("European Commission", None, "ec.europa.eu"),
    ("European Union Agency for Fundamental Rights", "FRA", "fra.europa.eu"),
    ("Organisation for Economic Co-operation and Development", "OECD", "www.oecd.org"),
    ("World Bank", None, "www.worldbank.org"),
    ("Inter-Agency Coordination Group against Trafficking in Persons", "ICAT", "icat.un.org"),
    ("Walk Free", None, "www.walkfree.org"),
    ("Verité", None, "verite.org"),
    ("Anti-Slavery International", None, "www.antislavery.org"),
    ("La Strada International", "LSI", "lastradainternational.org"),
    ("Polaris", None, "polarisproject.org"),
    ("Humanity United", None, "humanityunited.org"),
    ("H&M Group", None, "hmgroup.com"),
    ("Unseen", None, "www.unseenuk.org"),
    ("Liberty Shared", None, "www.libertyshared.org"),
    ("Stronger Together", None, "www.stronger2gether.org"),
    ("Fair Wear Foundation", None, "www.fairwear.org"),
    ("amfori", None, "www.amfori.org"),
    ("Ethical Trading Initiative", "ETI", "www.ethicaltrade.org"),
    ("Responsible Business Alliance", "RBA", "www.responsiblebusiness.org"),
    ("Fair Labor Association", "FLA", "www.fairlabor.org"),
    ("Institute for Human Rights and Business", "IHRB", "www.ihrb.org"),
    ("Business & Human Rights Resource Centre", "BHRRC", "www.business-humanrights.org"),
    ("Global Alliance Against Traffic in Women", "GAATW", "gaatw.org"),
    ("Clean Clothes Campaign", "CCC", "cleanclothes.org"),
    ("KnowTheChain", None, "knowthechain.org"),
    ("Finnwatch", None, "finnwatch.org"),
    ("Danwatch", None, "danwatch.dk"),
    ("Migrant Forum in Asia", "MFA", "mfasia.org"),
    ("Solidarity Center", None, "www.solidaritycenter.org"),
    ("International Trade Union Confederation", "ITUC", "www.ituc-csi.org"),
    ("International Transport Workers' Federation", "ITF", "www.itfglobal.org"),
    ("INTERPOL", None, "www.interpol.int"),
    ("Europol", None, "www.europol.europa.eu"),
    ("The Mekong Club", None, "themekongclub.org"),
    ("Issara Institute", None, "www.issarainstitute.org"),
    ("Free the Slaves", "FTS", "freetheslaves.net"),
    ("Human Rights Watch", "HRW", "www.hrw.org"),
    ("Amnesty International", None, "www.amnesty.org"),
    ("Freedom Fund", None, "freedomfund.org"),
    ("Rainforest Alliance", None, "www.rainforest-alliance.org"),
    ("Fairtrade International", None, "www.fairtrade.net"),
    ("Consumer Goods Forum", "CGF", "www.theconsumergoodsforum.com"),
    ("Institute for Global Labour and Human Rights", None, "www.globallabourrights.org"),
    ("Tent Partnership for Refugees", None, "www.tent.org"),
    ("Comité contre l'esclavage moderne", "CCEM", "www.esclavagemoderne.org"),
    ("Fundación Esperanza", None, "www.fundacionesperanza.org.co"),
    ("Associação Brasileira de Defesa da Mulher", "ASBRAD", "www.asbrad.org.br"),
    ("Kanlungan Centre Foundation", None, "www.kanlungan.ph"),
    ("Pravo na Zhyttia", None, "www.pravonazhyttia.org.ua"),
    ("Migrant-Rights.org", None, "www.migrant-rights.org"),
    ("Ministry of Manpower", "MOM", "www.mom.gov.sg"),
)

#: BCP 47 tags and how often they occur.
LANGUAGES: Final = (
    ("en", 40),
    ("fr", 12),
    ("es", 10),
    ("ru", 8),
    ("ar", 6),
    ("zh", 5),
    ("pt-BR", 4),
    ("de", 4),
    ("it", 3),
    ("th", 3),
    ("uk", 3),
)

#: Resource type values, their relative frequency and the label spellings' weights.
TYPES: Final = (
    ("report", 34, (70, 20, 10)),
    ("guidance", 9, (100,)),
    ("guidance-implementation", 12, (100,)),
    ("guidance-drafting", 7, (100,)),
    ("practical-tool", 20, (75, 25)),
    ("political-commitments", 7, (100,)),
    ("platform", 11, (100,)),
)

_JURISDICTIONS: Final = (
    ("Global", 30),
    ("OSCE area", 8),
    ("Europe", 6),
    ("European Union", 6),
    ("Asia and the Pacific", 5),
    ("South-East Asia", 4),
    ("Gulf Cooperation Council countries", 4),
    ("Latin America and the Caribbean", 3),
    ("Sub-Saharan Africa", 3),
    ("United Kingdom", 4),
    ("United States", 4),
    ("Thailand", 2),
    ("Malaysia", 2),
    ("Qatar", 2),
    ("Italy", 2),
    ("Ukraine", 1),
    ("Brazil", 1),
    ("Côte d'Ivoire", 1),
    ("Türkiye", 1),
    ("Nepal", 1),
)

_PLACES: Final = (
    "Thailand",
    "Malaysia",
    "Qatar",
    "Saudi Arabia",
    "the United Arab Emirates",
    "Nepal",
    "Bangladesh",
    "India",
    "the Philippines",
    "Indonesia",
    "Viet Nam",
    "Cambodia",
    "Myanmar",
    "Italy",
    "Spain",
    "Greece",
    "Poland",
    "Ukraine",
    "the Russian Federation",
    "Kazakhstan",
    "Uzbekistan",
    "Türkiye",
    "Brazil",
    "Mexico",
    "Guatemala",
    "Côte d'Ivoire",
    "Ghana",
    "Nigeria",
    "Ethiopia",
    "Kenya",
    "the United Kingdom",
    "the United States",
    "Canada",
    "Australia",
    "New Zealand",
    "Québec",
    "São Paulo",
    "the Mekong region",
    "the Western Balkans",
    "Central Asia",
    "the Gulf",
    "the OSCE region",
)

_TOPICS: Final = (
    ("migrant workers", 30),
    ("recruitment fees", 14),
    ("forced labour", 22),
    ("human trafficking", 20),
    ("supply chains", 20),
    ("due diligence", 14),
    ("labour exploitation", 16),
    ("ethical recruitment", 10),
    ("debt bondage", 6),
    ("passport retention", 4),
    ("wage theft", 5),
    ("grievance mechanisms", 7),
    ("remediation", 8),
    ("social audits", 6),
    ("domestic workers", 8),
    ("seafarers", 4),
    ("fishing vessels", 4),
    ("the garment sector", 7),
    ("agriculture", 7),
    ("construction", 7),
    ("the electronics industry", 5),
    ("palm oil plantations", 3),
    ("cocoa farming", 3),
    ("mineral supply chains", 5),
    ("brands and retailers", 6),
    ("trade unions", 6),
    ("civil society organizations", 6),
    ("governments", 8),
    ("national referral mechanisms", 4),
    ("victim identification", 6),
    ("access to justice", 5),
    ("labour migration governance", 5),
    ("bilateral labour agreements", 4),
    ("visa sponsorship", 3),
    ("the kafala system", 3),
    ("the employer pays principle", 4),
    ("worker voice", 4),
    ("living wages", 4),
    ("occupational safety and health", 5),
    ("health risks", 4),
    ("psychosocial support", 3),
    ("shelters", 2),
    ("compensation", 4),
    ("prosecutions", 4),
    ("law enforcement", 5),
    ("public procurement", 5),
    ("modern slavery statements", 5),
    ("transparency legislation", 3),
    ("risk assessment", 6),
    ("indicators of forced labour", 5),
    ("child labour", 6),
    ("gender-based violence", 4),
    ("women migrant workers", 6),
    ("irregular migrants", 4),
    ("asylum seekers", 3),
    ("returnees", 3),
    ("countries of origin", 5),
    ("countries of destination", 5),
    ("labour recruiters", 6),
    ("subcontractors", 4),
    ("suppliers", 6),
    ("auditors", 3),
    ("investors", 4),
    ("multi-stakeholder initiatives", 4),
    ("labour inspectors", 5),
    ("employers", 8),
    ("recruitment agencies", 7),
    ("online recruitment", 3),
    ("digital platforms", 3),
    ("coopération transfrontalière", 1),
)

_SUBJECTS: Final = (
    "This report",
    "The report",
    "The guidance",
    "This tool",
    "The toolkit",
    "The study",
    "This handbook",
    "The platform",
    "The initiative",
    "These guidelines",
    "The publication",
    "The training module",
    "The research",
    "The framework",
    "The declaration",
    "The briefing",
    "The manual",
    "It",
)

_VERBS: Final = (
    "examines",
    "describes",
    "analyses",
    "provides guidance on",
    "sets out",
    "identifies",
    "addresses",
    "documents",
    "maps",
    "assesses",
    "strengthens",
    "supports",
    "promotes",
    "reviews",
    "outlines",
    "highlights",
    "explores",
    "offers practical tools on",
    "summarises",
    "compares",
    "builds on",
    "draws on",
    "measures",
    "monitors",
    "reports on",
)

_ADJECTIVES: Final = (
    "practical",
    "comprehensive",
    "regional",
    "global",
    "national",
    "step-by-step",
    "multi-country",
    "comparative",
    "independent",
    "joint",
    "updated",
    "new",
    "short",
    "detailed",
    "sector-specific",
    "evidence-based",
    "victim-centred",
    "gender-sensitive",
    "rights-based",
    "innovative",
)

_AUDIENCES: Final = (
    "businesses",
    "policy makers",
    "labour inspectors",
    "prosecutors and judges",
    "front-line responders",
    "trade unions",
    "employers",
    "recruitment agencies",
    "investors",
    "civil society",
    "consular officials",
    "journalists",
    "procurement officers",
    "social workers",
)

_CONNECTORS: Final = (
    "In addition,",
    "Furthermore,",
    "Moreover,",
    "As a result,",
    "In particular,",
    "To that end,",
    "On this basis,",
    "At the same time,",
)

_TITLE_FORMS: Final = (
    "{Adj} {Topic}: {Topic2} in {Place}",
    "{Topic} and {Topic2}: {Adj} Findings from {Place}",
    "Guidelines on {Topic} for {Audience}",
    "Handbook for {Audience} on {Topic}",
    "{Topic} in {Place}",
    "Addressing {Topic} in {Topic2}",
    "A {Adj} Guide to {Topic}",
    "{Adj} Tool on {Topic} and {Topic2}",
    "Ending {Topic}: {Adj} Lessons from {Place}",
    "Principles on {Topic} and {Topic2}",
    "{Topic}: Risks and Responses in {Place}",
    "Platform on {Topic} for {Audience}",
)

_DOCUMENTS: Final = (
    "OSCE compendium of resources on trafficking for labour exploitation in supply chains",
    "ICAT compendium of practices on ethical recruitment",
    "Compendium of tools on forced labour in agriculture",
)

_SMALL_WORDS: Final = frozenset(
    {"a", "an", "and", "as", "at", "for", "from", "in", "of", "on", "or", "the", "to", "with"}
)

# A long tail of local organizations, built from these parts.
_LOCAL_KINDS: Final = (
    "Migrant Workers Centre",
    "Coalition against Trafficking",
    "Network for Ethical Recruitment",
    "Legal Aid Foundation",
    "Workers' Rights Association",
    "Anti-Trafficking Task Force",
    "Labour Rights Clinic",
    "Institute for Migration Studies",
)


# -- drawing helpers ------------------------------------------------------------------


class _Weighted:
    """Draws from a sequence with fixed weights, quickly (cumulative weights, bisect)."""

    def __init__(self, items: Sequence[Any], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cumulative = list(accumulate(weights))

    def __call__(self, rng: random.Random) -> Any:  # noqa: ANN401 - any item
        return rng.choices(self.items, cum_weights=self.cumulative)[0]


def _zipf(count: int, exponent: float) -> list[float]:
    return [1.0 / (rank**exponent) for rank in range(1, count + 1)]


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in re.findall(r"[a-z0-9]+", ascii_text.lower()) if w not in _SMALL_WORDS]
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > 72:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug or "resource"


def _title_case(text: str) -> str:
    words = text.split(" ")
    out = []
    for index, word in enumerate(words):
        if index and word in _SMALL_WORDS:
            out.append(word)
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)


class _Generator:
    """Everything one catalogue's records are drawn from, seeded once."""

    def __init__(self, n: int, seed: int) -> None:
        self.rng = random.Random(f"migrantres-bench:{GENERATOR_VERSION}:{seed}:{n}")
        rng = random.Random(f"migrantres-bench-organizations:{seed}")
        local = []
        names: set[str] = set()
        for number in range(max(20, n // 100)):
            kind = _LOCAL_KINDS[number % len(_LOCAL_KINDS)]
            place = rng.choice(_PLACES).removeprefix("the ")
            name = f"{kind} {place}"
            if name in names:
                name = f"{kind} {place} {number}"
            names.add(name)
            initials = "".join(w[0] for w in re.findall(r"[A-Z][\w']*", name))
            acronym = initials if rng.random() < 0.35 and len(initials) > 1 else None
            domain = f"www.{_slug(name).replace('-', '')[:24]}.org"
            local.append((name, acronym, domain))
        organizations = list(ORGANIZATIONS) + local
        # Zipf over every organization, the well-known ones first.
        self.organization = _Weighted(organizations, _zipf(len(organizations), 0.9))
        self.language = _Weighted([t for t, _ in LANGUAGES], [w for _, w in LANGUAGES])
        self.type = _Weighted(TYPES, [w for _, w, _ in TYPES])
        self.jurisdiction = _Weighted(
            [j for j, _ in _JURISDICTIONS], [w for _, w in _JURISDICTIONS]
        )
        self.topic = _Weighted([t for t, _ in _TOPICS], [w for _, w in _TOPICS])
        self.place = _Weighted(_PLACES, _zipf(len(_PLACES), 0.6))
        self.verb = _Weighted(_VERBS, _zipf(len(_VERBS), 0.7))
        self.adjective = _Weighted(_ADJECTIVES, _zipf(len(_ADJECTIVES), 0.7))
        self.audience = _Weighted(_AUDIENCES, _zipf(len(_AUDIENCES), 0.7))
        self.subject = _Weighted(_SUBJECTS, _zipf(len(_SUBJECTS), 0.5))
        self.ids: set[str] = set()

    # -- text -------------------------------------------------------------------------

    def sentence(self, first: bool) -> str:  # noqa: FBT001 - private helper
        rng = self.rng
        topic, topic2, place = self.topic(rng), self.topic(rng), self.place(rng)
        form = rng.randrange(8)
        if form == 0:
            text = (
                f"{self.subject(rng)} {self.verb(rng)} {topic} and {topic2} in {place}, "
                f"with a focus on {self.topic(rng)}"
            )
        elif form == 1:
            text = (
                f"{self.subject(rng)} {self.verb(rng)} the {self.adjective(rng)} evidence on "
                f"{topic} among {self.topic(rng)} in {place}"
            )
        elif form == 2:
            text = (
                f"It is intended for {self.audience(rng)} and {self.audience(rng)} who work "
                f"on {topic} and {topic2}"
            )
        elif form == 3:
            text = (
                f"The objective of this {self.adjective(rng)} work was to investigate how "
                f"{topic} affects {topic2} in {place} and which measures reduce the risks"
            )
        elif form == 4:
            year = rng.randrange(2005, 2022)
            text = (
                f"Based on interviews conducted between {year} and {year + rng.randrange(1, 4)} "
                f"with {rng.randrange(12, 900)} workers and experts on {topic}, it "
                f"{self.verb(rng)} {topic2}"
            )
        elif form == 5:
            text = (
                f"{rng.choice(_CONNECTORS)} the {self.adjective(rng)} recommendations address "
                f"{topic}, {topic2} and {self.topic(rng)} across {place}"
            )
        elif form == 6:
            text = (
                f"{self.subject(rng)} {self.verb(rng)} the role of {topic} in preventing {topic2}"
            )
        else:
            text = (
                f"Case studies from {place} and {self.place(rng)} show how {topic} "
                f"and {topic2} can be {self.adjective(rng)} in practice"
            )
        if first and text.startswith("It "):
            text = f"{self.subject(rng)} {text[3:]}"
        return text[0].upper() + text[1:] + "."

    def description(self) -> str:
        rng = self.rng
        target = rng.randint(50, 200)
        paragraphs_wanted = rng.choices((1, 2, 3), weights=(45, 35, 20))[0]
        sentences: list[str] = []
        words = 0
        while words < target:
            sentence = self.sentence(first=not sentences)
            length = sentence.count(" ") + 1
            if words + length > 200 and words >= 50:
                break
            sentences.append(sentence)
            words += length
        paragraphs_wanted = min(paragraphs_wanted, len(sentences))
        cuts = sorted(rng.sample(range(1, len(sentences)), paragraphs_wanted - 1))
        bounds = [0, *cuts, len(sentences)]
        return "\n\n".join(" ".join(sentences[a:b]) for a, b in pairwise(bounds))

    def title(self) -> str:
        rng = self.rng
        form = rng.choice(_TITLE_FORMS)
        text = form.format(
            Adj=self.adjective(rng),
            Topic=self.topic(rng),
            Topic2=self.topic(rng),
            Place=self.place(rng),
            Audience=self.audience(rng),
        )
        if rng.random() < 0.15:
            text += f" ({rng.randrange(2000, 2026)} edition)"
        return _title_case(text)

    def identifier(self, title: str) -> str:
        base = _slug(title)
        candidate, number = base, 1
        while candidate in self.ids:
            number += 1
            candidate = f"{base}-{number}"
        self.ids.add(candidate)
        return candidate

    # -- structured fields ------------------------------------------------------------

    def date(self) -> str | None:
        rng = self.rng
        if rng.random() < 0.08:
            return None
        year = min(2026, int(1998 + 28 * rng.betavariate(3.0, 1.6)))
        precision = rng.random()
        if precision < 0.30:
            return f"{year:04d}"
        month = rng.randint(1, 12)
        if precision < 0.55:
            return f"{year:04d}-{month:02d}"
        day = rng.randint(1, 28 if month == 2 else 30)
        return f"{year:04d}-{month:02d}-{day:02d}"

    def organizations(self) -> list[tuple[str, str | None, str]]:
        wanted = self.rng.choices((1, 2, 3), weights=(70, 22, 8))[0]
        chosen: dict[str, tuple[str, str | None, str]] = {}
        while len(chosen) < wanted:
            org = self.organization(self.rng)
            chosen.setdefault(org[0], org)
        return list(chosen.values())

    def availability(self, identifier: str, domain: str) -> list[dict[str, Any]]:
        rng = self.rng
        entries = []
        count = rng.choices((1, 2, 3), weights=(60, 28, 12))[0]
        for number in range(count):
            size = rng.choices((1, 2, 3, 4), weights=(65, 20, 10, 5))[0]
            tags: dict[str, None] = {"en": None} if number == 0 and rng.random() < 0.7 else {}
            while len(tags) < size:
                tags.setdefault(self.language(rng), None)
            suffix = "" if number == 0 else f"-{next(iter(tags)).lower()}"
            path = rng.choice(("sites/default/files", "publications", "media", "docs"))
            entries.append(
                {
                    "languages": list(tags),
                    "url": f"https://{domain}/{path}/{identifier}{suffix}.pdf",
                }
            )
        return entries

    def provenance(self, organization: tuple[str, str | None, str]) -> dict[str, Any]:
        rng = self.rng
        name, acronym, _ = organization
        file = f"upstream/compendium-{_slug(acronym or name)[:40]}.txt"
        first = rng.randint(1, 4000)
        fields = (
            "title",
            "type_label",
            "jurisdiction",
            "organizations",
            "launch_date",
            "description",
            "availability",
        )
        locations = [
            {"field": field, "first_line": first + i, "last_line": first + i}
            for i, field in enumerate(fields)
        ]
        repairs = []
        if rng.random() < 0.3:
            repairs.append(
                {
                    "kind": "rejoined-url",
                    "field": "availability",
                    "line": first + 6,
                    "source_text": "Available at: https://example.org/some/ path.pdf",
                    "detail": "joined a URL broken by a space",
                }
            )
        corrections = []
        if rng.random() < 0.05:
            corrections.append(
                {
                    "field": "title",
                    "source_value": "Supply Chains",
                    "value": "Supply Chains and Forced Labour",
                    "reason": "the extraction lost the end of the title",
                    "evidence": "the title page of the published document",
                }
            )
        return {
            "document": rng.choice(_DOCUMENTS),
            "file": file,
            "sha256": hashlib.sha256(file.encode()).hexdigest(),
            "section": f"{name} ({acronym})" if acronym else name,
            "first_line": first,
            "last_line": first + len(fields),
            "locations": locations,
            "repairs": repairs,
            "corrections": corrections,
        }

    def record(self) -> dict[str, Any]:
        rng = self.rng
        title = self.title()
        identifier = self.identifier(title)
        kind, _, label_weights = self.type(rng)
        spellings = ResourceType(kind).spellings
        weights = [*label_weights, *[5] * len(spellings)][: len(spellings)]
        label = rng.choices(spellings, weights=weights)[0]
        organizations = self.organizations()
        date = self.date()
        record: dict[str, Any] = {
            "id": identifier,
            "title": title,
            "type": kind,
            "type_label": label,
            "jurisdiction": self.jurisdiction(rng),
            "organizations": [
                {"name": name, "acronym": acronym} if acronym else {"name": name}
                for name, acronym, _ in organizations
            ],
            "launch_date": date,
            "date_kind": "publication" if rng.random() < 0.4 else "launch",
            "description": self.description(),
            "availability": self.availability(identifier, organizations[0][2]),
        }
        if rng.random() < 0.2:
            record["provenance"] = self.provenance(organizations[0])
        return record


# -- public API -----------------------------------------------------------------------


def generate(n: int, seed: int = 0) -> list[dict[str, Any]]:
    """``n`` valid records, the same for the same ``n`` and ``seed``."""
    if n < 0:
        msg = f"n must be 0 or more, not {n}"
        raise ValueError(msg)
    generator = _Generator(n, seed)
    return [generator.record() for _ in range(n)]


def document(n: int, seed: int = 0) -> dict[str, Any]:
    """A catalogue file's content (the bundled format): header and ``n`` records."""
    return {
        "schema_version": 1,
        "name": "migrantres-bench",
        "version": f"bench-{n}-{seed}-g{GENERATOR_VERSION}",
        "as_of": "2026-11-28",
        "records": generate(n, seed),
    }


#: The two shapes of a catalogue file ``migrantres.load(path)`` reads.
FORMS: Final = ("array", "document")


def catalogue_path(n: int, seed: int = 0, out: Path = DEFAULT_CACHE, form: str = "array") -> Path:
    """Where the catalogue of ``n`` records with ``seed`` is cached, in ``form``."""
    if form not in FORMS:
        msg = f"form must be one of {FORMS}, not {form!r}"
        raise ValueError(msg)
    prefix = "records" if form == "array" else "catalogue"
    return Path(out) / f"{prefix}-{n}-seed{seed}-g{GENERATOR_VERSION}.json"


def write(n: int, seed: int = 0, out: Path = DEFAULT_CACHE, form: str = "array") -> Path:
    """Generate and write a catalogue file, indented as the bundled one, atomically.

    ``form="array"`` writes a bare JSON array of records, which both
    ``migrantres.load(path)`` and ``pandas.read_json(path)`` read as it is, so the
    benchmarks give every tool the same bytes; ``form="document"`` writes the bundled
    file's shape, a header and ``records``.
    """
    path = catalogue_path(n, seed, out, form)
    content: Any = generate(n, seed) if form == "array" else document(n, seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(content, ensure_ascii=False, indent=2) + "\n"
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
    return path


def ensure(n: int, seed: int = 0, out: Path = DEFAULT_CACHE, form: str = "array") -> Path:
    """The cached catalogue file of ``n`` records, generated first if it is missing."""
    path = catalogue_path(n, seed, out, form)
    return path if path.exists() else write(n, seed, out, form)


def main(argv: Sequence[str] | None = None) -> int:
    """Write catalogue files to the cache directory; with ``--check``, load each one."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=DEFAULT_CACHE, help="cache directory")
    parser.add_argument("--form", choices=FORMS, default="array", help="file shape")
    parser.add_argument("--force", action="store_true", help="regenerate cached files")
    parser.add_argument(
        "--check", action="store_true", help="load each file with migrantres.load(path)"
    )
    args = parser.parse_args(argv)
    for n in args.sizes:
        start = time.perf_counter()
        if args.force:
            path = write(n, args.seed, args.out, args.form)
        else:
            path = ensure(n, args.seed, args.out, args.form)
        size = path.stat().st_size
        print(f"{n:>7} records  {size / 1e6:8.1f} MB  {time.perf_counter() - start:6.1f} s  {path}")
        if args.check:
            import migrantres  # noqa: PLC0415 - only to check the output

            catalogue = migrantres.load(path)
            if len(catalogue) != n:
                print(f"  loaded {len(catalogue)} records, expected {n}", file=sys.stderr)
                return 1
            print(f"          loaded by migrantres.load: {catalogue!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
