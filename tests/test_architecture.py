"""The layout the architecture page describes is the layout of the package."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "migrantres"
PAGE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
MODULES = sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py"))
STAGES = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())


@pytest.mark.parametrize("module", [m for m in MODULES if not m.endswith("/__init__.py")])
def test_every_module_has_its_line_in_the_architecture_page(module):
    assert re.search(rf"^\| `{re.escape(module)}` \| \S", PAGE, re.MULTILINE), module


@pytest.mark.parametrize("stage", STAGES)
def test_every_stage_folder_is_on_the_page(stage):
    assert f"**`{stage}/`**" in PAGE


def test_the_page_names_no_module_that_is_gone():
    named = re.findall(r"^\| `([\w/]+\.py)` \|", PAGE, re.MULTILINE)
    assert set(named) <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_no_module_over_400_lines_and_no_class_over_250(module):
    source = (PACKAGE / module).read_text(encoding="utf-8")
    assert source.count("\n") <= 400, module
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            assert node.end_lineno is not None
            assert node.end_lineno - node.lineno + 1 <= 250, f"{module}: {node.name}"
