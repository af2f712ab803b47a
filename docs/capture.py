"""Run a command in a real terminal of a given size (a tmux pane) and print what it shows.

Used by the tests, and by anyone who wants to look::

    python docs/capture.py --columns 60 -- migrantres list --org IOM

The pane is a fresh, private tmux server (``tmux -L``), so no one's own tmux session is
touched. ``COLUMNS`` and ``LINES`` are removed from the command's environment, so it
reads the pane's size as a program in a terminal does. The capture is the screen as a
person sees it, lines folded by the terminal included; ``--join`` joins the lines the
terminal folded, giving the lines the program wrote. The exit status is the command's.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["Capture", "TmuxMissingError", "capture", "main"]

_CONFIG = """\
set -g remain-on-exit on
set -g history-limit 100000
set -g status off
set -g default-terminal "xterm-256color"
"""


class TmuxMissingError(RuntimeError):
    """tmux is not installed."""


@dataclass(frozen=True)
class Capture:
    """What the pane showed when the command ended."""

    #: The screen's lines, as a person sees them: long lines folded at the pane's width.
    screen: list[str]
    #: The same text with the terminal's folds joined: the lines the command wrote.
    lines: list[str]
    #: The command's exit status.
    status: int


def _trimmed(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def capture(argv: Sequence[str], *, columns: int, rows: int = 200, timeout: float = 60) -> Capture:
    """Run ``argv`` in a tmux pane ``columns`` wide and ``rows`` high; return what it shows.

    Raises:
        TmuxMissingError: tmux is not installed.
        TimeoutError: the command did not end within ``timeout`` seconds.
    """
    tmux = shutil.which("tmux")
    if tmux is None:
        msg = "tmux is not installed (Debian and Ubuntu: apt-get install tmux)"
        raise TmuxMissingError(msg)
    server = [tmux, "-L", f"capture-{os.getpid()}-{uuid.uuid4().hex[:8]}"]
    with tempfile.TemporaryDirectory() as scratch:
        config = Path(scratch) / "tmux.conf"
        config.write_text(_CONFIG, encoding="utf-8")
        command = "unset COLUMNS LINES; exec " + shlex.join(argv)
        size = ["-x", str(columns), "-y", str(rows)]
        try:
            _tmux(server, "-f", str(config), "new-session", "-d", "-s", "capture", *size, command)
            deadline = time.monotonic() + timeout
            while _show(server, "#{pane_dead}") != "1":
                if time.monotonic() > deadline:
                    msg = f"{shlex.join(argv)} did not end within {timeout} s"
                    raise TimeoutError(msg)
                time.sleep(0.05)
            status = int(_show(server, "#{pane_dead_status}") or 0)
            screen = _pane(server, join=False)
            joined = _pane(server, join=True)
        finally:
            _tmux(server, "kill-server", check=False)
    return Capture(screen=screen, lines=joined, status=status)


def _tmux(server: list[str], *args: str, check: bool = True) -> str:
    """Run a tmux command on the private server; return what it printed."""
    # tmux is found on PATH and every argument is built here: nothing comes from a shell.
    return subprocess.run(  # noqa: S603
        [*server, *args], check=check, capture_output=True, text=True
    ).stdout


def _show(server: list[str], variable: str) -> str:
    return _tmux(server, "display-message", "-p", "-t", "capture", variable).strip()


def _pane(server: list[str], *, join: bool) -> list[str]:
    text = _tmux(
        server, "capture-pane", "-p", *(["-J"] if join else []), "-S", "-", "-t", "capture"
    )
    # remain-on-exit writes a "Pane is dead" line under the output.
    return _trimmed("\n".join(line for line in text.splitlines() if "Pane is dead" not in line))


def main(argv: Sequence[str] | None = None) -> int:
    """Print what the command shows in a terminal of the given size; exit with its status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--columns", type=int, default=80, help="the pane's width (default 80)")
    parser.add_argument("--rows", type=int, default=200, help="the pane's height (default 200)")
    parser.add_argument("--join", action="store_true", help="join the lines the terminal folded")
    parser.add_argument("command", nargs="+", help="the command and its arguments")
    args = parser.parse_args(argv)
    shown = capture(args.command, columns=args.columns, rows=args.rows)
    sys.stdout.write("".join(line + "\n" for line in (shown.lines if args.join else shown.screen)))
    return shown.status


if __name__ == "__main__":
    raise SystemExit(main())
