"""Language tags as BCP 47 defines them: canonical form, filtering, and names in queries.

* Canonical form is RFC 5646's (section 4.5), and nothing more:
  tags are checked against the IANA Language Subtag Registry that langcodes ships, and
  changed only by its Preferred-Value and extlang rules and the case conventions:
  ``zh-cmn-Hans`` becomes ``cmn-Hans`` and ``iw`` becomes ``he``, while ``tl``
  (Tagalog) and ``prs`` (Dari), valid tags of their own meaning, stay as given. ISO
  639-2 codes, which the compendium writes ("ENG", "ZHO", and the bibliographic
  "FRE", "CHI"), become the shortest tag of their language ("en", "zh", "fr", "zh").
* A language in a query (``languages=``, ``--language``) is a language range, matched
  by RFC 4647 basic filtering: ``zh`` matches ``zh``, ``zh-Hant``
  and ``zh-Hans``; ``*`` matches every tag. ``languages__exact`` matches one tag.
* A query may name a language instead: "French" and
  "français" are ``fr``. The name is looked up in langcodes' name data (the
  ``language-names`` extra) and accepted only when it names one language; otherwise
  the error says which languages it could mean.

The registry is read on first use; the verified bundled data never needs it.
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Final

from migrantres.exceptions import InvalidLanguageError

__all__ = ["ANY_LANGUAGE", "language_range", "matches", "to_bcp47"]

#: The range that matches every tag (RFC 4647).
ANY_LANGUAGE: Final = "*"

# RFC 5646 section 2.1, case-insensitively; grandfathered tags are looked up whole.
# Compiled on first use (re caches it): importing the package compiles nothing.
_LANGTAG = (
    r"(?P<language>[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"
    r"(?:-(?P<script>[a-z]{4}))?"
    r"(?:-(?P<region>[a-z]{2}|[0-9]{3}))?"
    r"(?P<variants>(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*)"
    r"(?P<extensions>(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*)"
    r"(?:-(?P<private>x(?:-[a-z0-9]{1,8})+))?"
    r"|(?P<private_only>x(?:-[a-z0-9]{1,8})+)"
)
_EXTENSION = r"-([0-9a-wyz])((?:-[a-z0-9]{2,8})+)"


@dataclass(frozen=True, slots=True)
class _Registry:
    """What canonical form needs from the registry, keyed by lower-case subtag or tag."""

    #: Registered subtags of each type, and the ranges ("qaa..qtz") of each type.
    subtags: dict[str, frozenset[str]]
    ranges: dict[str, tuple[tuple[str, str], ...]]
    #: Preferred-Value of each deprecated subtag, by type.
    preferred: dict[str, dict[str, str]]
    #: Each extlang's required prefix (its primary language).
    extlang_prefix: dict[str, str]
    #: Grandfathered and redundant tags, with their Preferred-Value or themselves.
    whole_tags: dict[str, str]
    #: The registry's first description of each subtag, by type: "Tagalog" for "tl".
    names: dict[str, dict[str, str]]

    def registered(self, kind: str, subtag: str) -> bool:
        if subtag in self.subtags[kind]:
            return True
        return any(
            len(low) == len(subtag) and low <= subtag <= high for low, high in self.ranges[kind]
        )


@functools.cache
def _registry() -> _Registry:
    """The IANA Language Subtag Registry as langcodes ships it, parsed once."""
    from importlib.resources import files  # noqa: PLC0415 - only when needed

    from langcodes.registry_parser import parse_file  # noqa: PLC0415 - only when needed

    text = files("langcodes").joinpath("data", "language-subtag-registry.txt").read_text("utf-8")
    kinds = ("language", "extlang", "script", "region", "variant")
    subtags: dict[str, set[str]] = {kind: set() for kind in kinds}
    ranges: dict[str, list[tuple[str, str]]] = {kind: [] for kind in kinds}
    preferred: dict[str, dict[str, str]] = {kind: {} for kind in kinds}
    extlang_prefix: dict[str, str] = {}
    whole_tags: dict[str, str] = {}
    names: dict[str, dict[str, str]] = {kind: {} for kind in kinds}
    for entry in parse_file(io.StringIO(text)):  # type: ignore[no-untyped-call] # untyped there
        kind = entry["Type"]
        if kind in {"grandfathered", "redundant"}:
            whole_tags[entry["Tag"].lower()] = entry.get("Preferred-Value", entry["Tag"])
            continue
        subtag = entry["Subtag"].lower()
        if ".." in subtag:
            low, high = subtag.split("..")
            ranges[kind].append((low, high))
            continue
        subtags[kind].add(subtag)
        names[kind][subtag] = entry["Description"][0]
        if "Preferred-Value" in entry:
            preferred[kind][subtag] = entry["Preferred-Value"]
        if kind == "extlang":
            extlang_prefix[subtag] = entry["Prefix"][0].lower()
    return _Registry(
        {k: frozenset(v) for k, v in subtags.items()},
        {k: tuple(v) for k, v in ranges.items()},
        preferred,
        extlang_prefix,
        whole_tags,
        names,
    )


@functools.cache
def _iso_639_2() -> dict[str, str]:
    """ISO 639-2 codes, terminologic and bibliographic, to their ISO 639-1 codes."""
    from langcodes import data_dicts  # noqa: PLC0415 - slow to import; rarely needed

    return {  # langcodes' tables also hold CLDR's tags ('fil', 'fa-AF'): not ISO 639-1
        three: two
        for table in (data_dicts.LANGUAGE_ALPHA3, data_dicts.LANGUAGE_ALPHA3_BIBLIOGRAPHIC)
        for two, three in table.items()
        if len(two) == 2  # noqa: PLR2004 - the length of ISO 639-1 codes
    }


def _invalid(code: str, reason: str) -> InvalidLanguageError:
    return InvalidLanguageError(code, reason)


@functools.lru_cache(maxsize=1024)
def to_bcp47(code: str) -> str:
    """Return the canonical BCP 47 tag (RFC 5646) for an ISO 639 code or a BCP 47 tag.

    Raises:
        InvalidLanguageError: the code is not text, not a well-formed tag, or holds a
            subtag the registry does not have.

    >>> [to_bcp47(c) for c in ("ENG", "fra", "ZHO", "CHI", "pt-br", "zh-cmn-Hans", "tl", "prs")]
    ['en', 'fr', 'zh', 'zh', 'pt-BR', 'cmn-Hans', 'tl', 'prs']
    """
    if not isinstance(code, str):
        raise InvalidLanguageError(code, "not text")
    registry = _registry()
    tag = code.strip().lower()
    if tag in registry.whole_tags:
        return _canonical(registry.whole_tags[tag].lower(), code, registry)
    primary, _, rest = tag.partition("-")
    if len(primary) == 3 and not registry.registered("language", primary):  # noqa: PLR2004
        two = _iso_639_2().get(primary)
        if two is not None:
            tag = f"{two}-{rest}" if rest else two
    return _canonical(tag, code, registry)


def _canonical(tag: str, code: str, registry: _Registry) -> str:
    """Check a lower-case tag against the registry and put it in canonical form."""
    if tag in registry.whole_tags:  # a Preferred-Value that is itself registered whole
        return registry.whole_tags[tag]
    match = re.fullmatch(_LANGTAG, tag)
    if match is None:
        raise _invalid(code, "not a well-formed BCP 47 tag (RFC 5646)")
    if match["private_only"]:
        return tag
    parts = [_language(match["language"], code, registry)]
    if match["script"]:
        parts.append(_subtag(registry, "script", match["script"], code).title())
    if match["region"]:
        parts.append(_subtag(registry, "region", match["region"], code).upper())
    variants = [v for v in match["variants"].split("-") if v]
    if len(set(variants)) != len(variants):
        raise _invalid(code, "a variant subtag is repeated")
    parts.extend(_subtag(registry, "variant", v, code).lower() for v in variants)
    extensions = re.findall(_EXTENSION, match["extensions"])
    if len({singleton for singleton, _ in extensions}) != len(extensions):
        raise _invalid(code, "an extension singleton is repeated")
    parts.extend(f"{singleton}{body}" for singleton, body in sorted(extensions))
    if match["private"]:
        parts.append(match["private"])
    return "-".join(parts)


def _language(subtags: str, code: str, registry: _Registry) -> str:
    """The language subtag, an extended language replaced by its Preferred-Value."""
    language, *extlangs = subtags.split("-")
    if len(extlangs) > 1:
        raise _invalid(code, "more than one extended language subtag")
    if extlangs:
        extlang = extlangs[0]
        if registry.extlang_prefix.get(extlang) != language:
            raise _invalid(code, f"{extlang!r} is not an extended language of {language!r}")
        language = registry.preferred["extlang"][extlang].lower()
    return _subtag(registry, "language", language, code)


def _subtag(registry: _Registry, kind: str, subtag: str, code: str) -> str:
    """A registered subtag, replaced by its Preferred-Value if it has one."""
    if not registry.registered(kind, subtag):
        raise _invalid(code, f"{subtag!r} is not a {kind} subtag in the registry")
    return registry.preferred[kind].get(subtag, subtag)


def matches(language_range: str, tag: str) -> bool:
    """Whether ``tag`` matches ``language_range`` by RFC 4647 basic filtering.

    The range matches a tag equal to it or starting with it and a hyphen, ignoring case;
    ``*`` matches every tag.

    >>> matches("zh", "zh-Hant"), matches("zh", "zh"), matches("zh-Hant", "zh"), matches("z", "zh")
    (True, True, False, False)
    """
    if language_range == ANY_LANGUAGE:
        return True
    wanted, tag = language_range.lower(), tag.lower()
    return tag == wanted or tag.startswith(wanted + "-")


def language_range(value: str) -> str:
    """The canonical range a query means: ``*``, a tag or ISO 639 code, or a language's name.

    Raises:
        InvalidLanguageError: the value is neither a valid tag or code nor the name of
            exactly one language; the message says which languages it could mean, or
            what is needed to look names up.
    """
    if value.strip() == ANY_LANGUAGE:
        return ANY_LANGUAGE
    try:
        return to_bcp47(value)
    except InvalidLanguageError:
        stripped = value.strip()
        if stripped.isascii() and len(stripped) <= 3:  # noqa: PLR2004 - the length of codes
            raise  # a code that does not exist, not a name
    return _named(value)


def _named(name: str) -> str:
    """The one language a name names, in any language langcodes knows ("français")."""
    try:
        import langcodes  # noqa: PLC0415 - slow to import; only for names
        from language_data.names import normalize_name  # noqa: PLC0415 - an optional extra
    except ImportError:
        raise InvalidLanguageError(
            name,
            "not a language tag; to look languages up by name, install the optional "
            "dependency 'language_data' (the 'language-names' extra of migrantres): "
            "pip install language-data",
        ) from None
    name = unicodedata.normalize("NFC", name.strip())
    if not _looks_like_a_name(name):
        raise InvalidLanguageError(name, "neither a language tag nor a language's name")
    key = normalize_name(name)
    candidates = _general(_codes_named(key))
    if len(candidates) == 1:
        return candidates.pop()
    if candidates:
        meant = " or ".join(f"{tag!r} ({_display(tag)})" for tag in sorted(candidates))
        raise InvalidLanguageError(name, f"a name of more than one language: {meant}")
    try:
        near = langcodes.find(name).to_tag()
    except LookupError:
        raise InvalidLanguageError(name, "neither a language tag nor a language's name") from None
    raise InvalidLanguageError(
        name, f"not exactly a language's name; did you mean {near!r} ({_display(near)})?"
    )


def _looks_like_a_name(text: str) -> bool:
    """Letters and marks, with spaces and the punctuation of names ("Hakka Chinese")."""
    return any(c.isalpha() for c in text) and all(
        c.isalpha() or unicodedata.category(c)[0] == "M" or c in " -'\u2019(),." for c in text
    )


def _general(tags: set[str]) -> set[str]:
    """The tags that no other of them covers: {'hi', 'hi-Latn'} is {'hi'}."""
    return {tag for tag in tags if not any(o != tag and matches(o, tag) for o in tags)}


def _display(tag: str) -> str:
    """The registry's English description of a tag: "Chinese, Han (Simplified variant)"."""
    registry = _registry()
    match = re.fullmatch(_LANGTAG, tag.lower())
    if match is None or match["private_only"]:
        return tag
    words = [registry.names["language"].get(match["language"], match["language"])]
    words.extend(
        registry.names[k].get(match[k], match[k]) for k in ("script", "region") if match[k]
    )
    return ", ".join(words)


@functools.cache
def _name_tries() -> tuple[Any, ...]:
    """For each language langcodes has names in, its trie of names to codes."""
    from importlib.resources import files  # noqa: PLC0415 - only when needed

    from language_data.names import load_trie  # noqa: PLC0415 - an optional extra

    root = files("language_data").joinpath("data", "trie")
    return tuple(
        load_trie(str(folder.joinpath("name_to_language.marisa")))
        for folder in sorted(root.iterdir(), key=lambda f: f.name)
        if folder.name != "und" and folder.joinpath("name_to_language.marisa").is_file()
    )


def _codes_named(key: str) -> set[str]:
    """The canonical tags of every language some language calls ``key``."""
    codes = {value.decode("utf-8") for trie in _name_tries() if key in trie for value in trie[key]}
    return {tag for code in codes if (tag := _valid_tag(code)) is not None}


def _valid_tag(code: str) -> str | None:
    """The canonical tag of a code, or ``None`` for one the registry no longer has."""
    try:
        return to_bcp47(code)
    except InvalidLanguageError:
        return None
