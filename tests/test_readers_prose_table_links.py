"""A table figure the text left ambiguous is placed by what the report's prose states, or left alone.

The Putuo 2024 财政拨款“三公”经费支出决算表, as pdftotext -raw and pypdfium2 write it, prints
``0.95 0.95`` under twelve columns: the row's sums fit 合计 with 因公出国(境)费 or 公务接待费, as
预算数 or 决算数. The report's prose states ``年初预算为0.95万元，支出决算为0.00万元`` and each item's
决算: only the 预算数 placements agree, so the first figure is the 三公 budget; the item stays
ambiguous (the prose states no item's budget). Variants of the real text change what the prose
states: the placement follows it, and where no placement agrees nothing is placed.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from budget_reports.gold import extract_frames
from budget_reports.text_serializations import missing_program, write_serialization
from tests.conftest import corpus_file

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"
STATED = "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元"
ITEM = "公务接待费支出决算为0.00万元"


def _frames(tmp_path: Path, serializer: str, *changes: tuple[str, str]) -> dict[str, pl.DataFrame]:
    if (missing := missing_program(serializer)) is not None:
        pytest.skip(missing)
    path = write_serialization(corpus_file(PUTUO), serializer, tmp_path)
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return extract_frames(path, PUTUO)


def _three_public(frames: dict[str, pl.DataFrame], metric: str) -> dict:
    """The table fact of ``metric`` (all NULL when the table gives it no figure)."""
    rows = frames["summary_metrics"].filter(
        (pl.col("source_kind") == "table") & (pl.col("metric") == metric) & pl.col("scope").is_null()
    )
    assert rows.height <= 1, rows
    return rows.row(0, named=True) if rows.height else {"value": None, "budget_value": None}


def _findings(frames: dict[str, pl.DataFrame], rule_id: str) -> pl.DataFrame:
    return frames["dq_findings"].filter(pl.col("rule_id") == rule_id)


@pytest.mark.parametrize("serializer", ["pdftotext-raw", "pypdfium2"])
def test_the_prose_settles_the_three_public_budget(serializer: str, tmp_path: Path) -> None:
    frames = _frames(tmp_path, serializer)
    total = _three_public(frames, "三公经费")
    assert total["budget_value"] == Decimal("0.95") and total["value"] is None
    assert _three_public(frames, "公务接待费")["budget_value"] is None  # the prose states no item budget
    settled = _findings(frames, "extraction.settled_by_prose")
    assert settled.height == 1
    finding = settled.row(0, named=True)
    assert finding["severity"] == "info" and finding["expected"] == "合计/预算数"
    assert "合计/决算数" in finding["message"] and "合计/决算数 = 0.00万元" in finding["message"]
    ambiguous = _findings(frames, "extraction.ambiguous_cell")
    still = ambiguous.filter(pl.col("message").str.contains("0.95"))
    assert still.height == 1 and "公务接待费/预算数" in still["expected"][0] and "决算数" not in still["expected"][0]


def test_prose_stating_the_item_settles_it_too(tmp_path: Path) -> None:
    frames = _frames(tmp_path, "pdftotext-raw", (ITEM, "公务接待费年初预算为0.95万元，" + ITEM))
    assert _three_public(frames, "三公经费")["budget_value"] == Decimal("0.95")
    assert _three_public(frames, "公务接待费")["budget_value"] == Decimal("0.95")
    assert _findings(frames, "extraction.ambiguous_cell").filter(pl.col("message").str.contains("0.95")).height == 0


def test_prose_stating_actuals_places_the_figures_as_actuals(tmp_path: Path) -> None:
    actuals = "“三公”经费财政拨款支出年初预算为0.00万元，支出决算为0.95万元"
    frames = _frames(tmp_path, "pdftotext-raw", (STATED, actuals), (ITEM, "公务接待费支出决算为0.95万元"))
    total = _three_public(frames, "三公经费")
    assert total["value"] == Decimal("0.95") and total["budget_value"] is None
    assert _three_public(frames, "公务接待费")["value"] == Decimal("0.95")


def test_prose_that_contradicts_itself_settles_nothing(tmp_path: Path) -> None:
    # 决算 0.95 in total but 0.00 for every item: no placement agrees with all it states.
    actuals = "“三公”经费财政拨款支出年初预算为0.00万元，支出决算为0.95万元"
    frames = _frames(tmp_path, "pdftotext-raw", (STATED, actuals))
    assert _three_public(frames, "三公经费") == {"value": None, "budget_value": None}
    assert _findings(frames, "extraction.settled_by_prose").height == 0


def test_prose_that_no_placement_agrees_with_settles_nothing(tmp_path: Path) -> None:
    disagreeing = "“三公”经费财政拨款支出年初预算为0.50万元，支出决算为0.00万元"
    frames = _frames(tmp_path, "pdftotext-raw", (STATED, disagreeing))
    assert _three_public(frames, "三公经费") == {"value": None, "budget_value": None}
    assert _findings(frames, "extraction.settled_by_prose").height == 0
    assert _findings(frames, "extraction.ambiguous_cell").filter(pl.col("message").str.contains("0.95")).height == 2
