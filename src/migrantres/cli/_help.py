"""How the command's help is laid out: wrapped to the terminal, examples kept as written."""

from __future__ import annotations

import argparse
import shlex
from typing import TYPE_CHECKING

from migrantres._formats.terminal import width_of, wrap

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["HelpFormatter"]

#: A space inside a quoted shell word, while the example is wrapped (a private-use
#: character, which str.split() does not split at).
_HELD_SPACE = "\ue000"


def _command_lines(line: str, width: int, indent: str) -> list[str]:
    r"""An example command line, continued with backslashes when it is too wide.

    It is split between its shell words only, so it can be copied as it is.

    >>> _command_lines("  migrantres search 'a b c' --format json", 32, "")
    ["  migrantres search 'a b c' \\", '    --format json']
    """
    lead = indent + line[: len(line) - len(line.lstrip())]
    if width_of(lead + line.strip()) <= width:
        return [lead + line.strip()]
    # A quoted word keeps its spaces: they are held as a character wrap() never splits at.
    words = [shlex.quote(word).replace(" ", _HELD_SPACE) for word in shlex.split(line)]
    # Two columns kept for the " \" that continues each line but the last (argparse
    # keeps two more at the terminal's edge, which a word too long may take).
    out = wrap(" ".join(words), width - 2, first=lead, rest=lead + "  ", limit=width)
    out = [text.replace(_HELD_SPACE, " ") for text in out]
    return [text + " \\" for text in out[:-1]] + out[-1:]


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help, wrapped between words only and fitting narrow terminals.

    Descriptions and epilogs wrap to the width, except their indented lines (the
    examples), which stay as written. An option with choices shows a short metavar
    (``--format FORMAT``) and lists its choices in its help, so the usage line never
    holds a word wider than a narrow terminal. Words (options, paths, ids) are never
    broken at a hyphen.
    """

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        lines = []
        for line in text.splitlines():
            if not line.strip():
                lines.append(indent)
            elif line.startswith(" "):
                lines.extend(_command_lines(line, width, indent))
            else:
                lines.extend(wrap(line, width, first=indent, rest=indent))
        return "\n".join(lines) + "\n"

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _metavar_formatter(
        self, action: argparse.Action, default_metavar: str
    ) -> Callable[[int], tuple[str, ...]]:
        if action.metavar is None and action.choices is not None and action.option_strings:
            default_metavar = action.dest.upper().replace("_", "-")
            action = argparse.Action(action.option_strings, action.dest)
        return super()._metavar_formatter(action, default_metavar)

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help
        if text and action.metavar is None and action.choices is not None:
            text += "; one of: " + ", ".join(str(choice) for choice in action.choices)
        return text
