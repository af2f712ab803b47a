"""A folder of wheels made from distributions installed here, for pip runs with no index.

Tests that install with a real pip must work offline, so they cannot download the
dependencies. Each installed distribution's files (listed in its RECORD) are packed
back into a wheel with the tags its WHEEL file gives: the same files pip would install
from the wheel it came from.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import re
import zipfile
from typing import TYPE_CHECKING

from packaging.markers import Marker
from packaging.requirements import Requirement

if TYPE_CHECKING:
    from pathlib import Path

# Files of an installation that are not part of the wheel it came from.
_INSTALLATION_ONLY = {"INSTALLER", "REQUESTED", "RECORD", "direct_url.json"}


def closure(*names: str) -> list[importlib.metadata.Distribution]:
    """The installed distributions ``names`` need to run, themselves excluded."""
    seen: dict[str, importlib.metadata.Distribution] = {}
    todo = [Requirement(r) for name in names for r in _requires(name)]
    while todo:
        requirement = todo.pop()
        key = _normalise(requirement.name)
        if key in seen or key in map(_normalise, names):
            continue
        dist = importlib.metadata.distribution(requirement.name)
        seen[key] = dist
        todo.extend(Requirement(r) for r in _requires(requirement.name))
    return list(seen.values())


def _requires(name: str) -> list[str]:
    """The requirements of ``name`` without extras that hold in this environment."""
    found = []
    for text in importlib.metadata.requires(name) or []:
        requirement = Requirement(text)
        marker = requirement.marker or Marker("python_version >= '0'")
        if marker.evaluate({"extra": ""}):
            found.append(text)
    return found


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def repack(dist: importlib.metadata.Distribution, folder: Path) -> Path:
    """A wheel in ``folder`` holding the files ``dist`` installed."""
    files = [
        f for f in dist.files or () if not str(f).startswith("..") and "__pycache__" not in f.parts
    ]
    info = next(f.parts[0] for f in files if f.parts[0].endswith(".dist-info"))
    wheel_file = next(f for f in files if f.parts == (info, "WHEEL"))
    tags = [
        line.split(":", 1)[1].strip()
        for line in wheel_file.read_text().splitlines()
        if line.startswith("Tag:")
    ]
    parts = [tag.split("-") for tag in tags]
    tag = "-".join(".".join(dict.fromkeys(p[i] for p in parts)) for i in range(3))
    name = re.sub(r"[-_.]+", "_", dist.metadata["Name"])
    path = folder / f"{name}-{dist.version}-{tag}.whl"
    record = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as wheel:
        for file in files:
            if file.parts[0] == info and file.name in _INSTALLATION_ONLY:
                continue
            data = file.locate().read_bytes()
            wheel.writestr(file.as_posix(), data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            record.append(f"{file.as_posix()},sha256={digest.decode()},{len(data)}")
        record.append(f"{info}/RECORD,,")
        wheel.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return path


def wheelhouse(folder: Path, *names: str) -> Path:
    """Wheels of what ``names`` need at run time (and of ``names`` with ``itself``)."""
    folder.mkdir(parents=True, exist_ok=True)
    for dist in closure(*names):
        repack(dist, folder)
    return folder
