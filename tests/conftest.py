"""Shared fixtures: the shipped sample reports, the corpus fixtures (tests/data/corpus), scratch warehouses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from budget_reports.model import BlockKind, Document, Table
from budget_reports.normalize import compact
from budget_reports.runs import PROJECT_ROOT, Paths

SEED_DIR = PROJECT_ROOT / "data" / "raw"
CORPUS_DIR = PROJECT_ROOT / "tests" / "data" / "corpus"
SEED_FILES = sorted(p for p in SEED_DIR.iterdir() if p.suffix == ".txt")


def corpus_file(name: str) -> Path:
    """A public report kept in the test fixtures; a missing one is an error, never a skip."""
    path = CORPUS_DIR / name
    if not path.exists():
        raise FileNotFoundError(f"corpus fixture missing: {path}")
    return path


def table_titled(document: Document, title: str) -> Table:
    """The table right after the heading ``title`` (a unit line may stand between them)."""
    blocks = document.blocks
    for i, block in enumerate(blocks):
        if block.kind is BlockKind.HEADING and compact(block.text) == title:
            for following in blocks[i + 1 : i + 3]:
                if following.table is not None:
                    return following.table
    raise AssertionError(f"no table after {title}")


@pytest.fixture
def seed_raw_dir(tmp_path: Path) -> Path:
    """A private copy of the shipped sample reports, safe to modify."""
    raw = tmp_path / "raw"
    shutil.copytree(SEED_DIR, raw, ignore=shutil.ignore_patterns(".*"))
    return raw


@pytest.fixture
def seed_paths(seed_raw_dir: Path, tmp_path: Path) -> Paths:
    return Paths(seed_raw_dir, tmp_path / "warehouse")
