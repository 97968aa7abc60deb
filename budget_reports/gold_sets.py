"""Where the gold sets live and which document each gold folder describes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from budget_reports.runs import PROJECT_ROOT

GOLD_ROOT = PROJECT_ROOT / "tests" / "gold"
# Gold set -> folder holding its documents (the public corpus is kept as test fixtures).
DOCUMENT_DIRS = {
    "seeds": PROJECT_ROOT / "data" / "raw",
    "corpus": PROJECT_ROOT / "tests" / "data" / "corpus",
}


@dataclass(frozen=True, slots=True)
class GoldDocument:
    gold_set: str
    gold_dir: Path
    document: Path


def gold_documents() -> list[GoldDocument]:
    """Every document with a gold folder; the document path may not exist (a gold folder without its document)."""
    found = []
    for gold_set, document_dir in DOCUMENT_DIRS.items():
        for gold_dir in sorted((GOLD_ROOT / gold_set).glob("*/")) if (GOLD_ROOT / gold_set).exists() else []:
            matches = sorted(document_dir.glob(gold_dir.name + ".*"))
            document = matches[0] if matches else document_dir / gold_dir.name
            found.append(GoldDocument(gold_set, gold_dir, document))
    return found
