"""Files written whole or not at all: a temporary file beside the target, renamed over it.

A reader of the target sees the old file or the complete new one, never a part: the
new file is written under a temporary name in the same directory (so the rename stays
on one file system) and moved over the target with :func:`os.replace`, which is atomic
on POSIX and Windows. If writing fails, the temporary file is removed and the target is
left as it was.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["replaced", "target_path"]


def target_path(path: object) -> Path:
    """The path to write, from a str or path-like; a ``TypeError`` for anything else."""
    if not isinstance(path, str | os.PathLike):
        msg = f"path must be a str or os.PathLike, not {type(path).__name__}"
        raise TypeError(msg)
    return Path(os.fspath(path))


@contextlib.contextmanager
def replaced(path: Path) -> Iterator[Path]:
    """A new, empty temporary path to write to; on success it replaces ``path``.

    The temporary file is created as :func:`open` would create the target (mode 0o666
    less the umask), so the result has the permissions a plain write would give.

    Raises:
        OSError: the directory cannot be written, or the file cannot be replaced.
    """
    written = _new_file(path)
    try:
        yield written
        written.replace(path)
    except BaseException:
        written.unlink(missing_ok=True)
        raise


def _new_file(path: Path) -> Path:
    """Create an empty file with an unused name beside ``path``."""
    while True:
        candidate = path.with_name(f".{path.name}.{secrets.token_hex(6)}.partial")
        try:
            descriptor = os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
        except FileExistsError:
            continue
        os.close(descriptor)
        return candidate
