"""Render the reStructuredText markup of the docstrings as Markdown in the API reference.

The docstrings are Google style, and also use a little reStructuredText that
mkdocstrings would otherwise print as it is: cross-reference roles
(:class:`Catalogue`), ``.. versionadded::``, ``.. code-block::`` and the ``::`` that
introduces a literal block. This griffe extension rewrites them when the API reference
is built (mkdocs.yml names it); the docstrings themselves are unchanged.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

import griffe

_ROLE = re.compile(r":(?:py:)?(class|meth|func|attr|data|mod|exc|obj):`(~?)([^`]+)`")
_VERSION = re.compile(r"^([ \t]*)\.\. versionadded:: (\S+)[ \t]*$", re.MULTILINE)
_CODE_BLOCK = re.compile(r"^(?P<indent>[ \t]*)\.\. code-block::[ \t]*(?P<lang>\S*)[ \t]*$")
_LITERAL_MARKER = re.compile(r"(\S)::$", re.MULTILINE)
_CALLABLE_ROLES = {"meth", "func"}


def _role(match: re.Match[str]) -> str:
    """One role as a code span: ``~a.b.C`` shows ``C``; methods and functions get ``()``."""
    role, short, target = match.groups()
    text = target.rsplit(".", 1)[-1] if short else target
    if role in _CALLABLE_ROLES and not text.endswith(")"):
        text += "()"
    return f"`{text}`"


def _code_blocks(text: str) -> str:
    """``.. code-block:: lang`` and its indented body as a fenced block."""
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        match = _CODE_BLOCK.match(lines[index])
        if match is None:
            out.append(lines[index])
            index += 1
            continue
        indent = len(match["indent"])
        body: list[str] = []
        index += 1
        while index < len(lines) and (
            not lines[index].strip() or len(lines[index]) - len(lines[index].lstrip()) > indent
        ):
            body.append(lines[index])
            index += 1
        while body and not body[-1].strip():
            body.pop()
        code = textwrap.dedent("\n".join(body)).strip("\n")
        fence = match["indent"] + "```"
        out.extend([fence + match["lang"], textwrap.indent(code, match["indent"]), fence, ""])
    return "\n".join(out)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _doctests(text: str) -> str:
    """Each run of ``>>>`` lines and their output as a fenced ``pycon`` block.

    Without a fence, Markdown would read output such as ``['a', 'b']`` as a link. A run
    indented under a paragraph ending in ``::`` (a reStructuredText literal block) is
    brought out to that paragraph's indentation.
    """
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.lstrip().startswith(">>>"):
            out.append(line)
            index += 1
            continue
        indent = _indent(line)
        previous = next((p for p in reversed(out) if p.strip()), "")
        if previous.rstrip().endswith("::") and indent > _indent(previous):
            indent = _indent(previous)
        run: list[str] = []
        while index < len(lines) and lines[index].strip():
            run.append(lines[index])
            index += 1
        prefix = " " * indent
        code = textwrap.dedent("\n".join(run))
        if out and out[-1].strip():
            out.append("")
        out.extend([prefix + "```pycon", textwrap.indent(code, prefix), prefix + "```"])
    return "\n".join(out)


def markdown(text: str) -> str:
    """The docstring ``text`` with its reStructuredText markup turned into Markdown."""
    text = _ROLE.sub(_role, text)
    text = _VERSION.sub(r"\1*New in version \2.*", text)
    text = _code_blocks(text)
    text = _doctests(text)
    return _LITERAL_MARKER.sub(r"\1:", text)


class ReSTRoles(griffe.Extension):
    """Rewrite every docstring of the package as it is loaded."""

    def on_object(self, *, obj: griffe.Object, **_: Any) -> None:  # noqa: ANN401
        """Rewrite the docstring of one module, class, function or attribute."""
        if obj.docstring is not None:
            obj.docstring.value = markdown(obj.docstring.value)
