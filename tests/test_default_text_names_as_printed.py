"""Names read from pdftotext's default text (no ``-layout``) are kept as the report prints them.

A fully ruled table comes out of pdftotext's default mode cell by cell; the readers rebuilding its
rows match each name against the classification reference compact (NFKC-folded, no spaces), so that
a name wrapped in its cell joins into its code's. The name stored is the printed one all the same:
Putuo's budget prints 30213 as ``维修（护）费`` (full-width parentheses), whose NFKC form
``维修(护)费`` was stored where the 基本支出 economic table was rebuilt from its column blocks (names
wrapped at six characters, codes split over 类 | 款 | 项, dashes, 栏次 numbers, 合计 first).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_reports.gold import extract_frames
from budget_reports.readers import read_document
from budget_reports.readers.column_blocks import BlockLine
from budget_reports.readers.whole_codes import _wrapped_names
from budget_reports.text_serializations import write_serialization
from tests.conftest import corpus_file
from tests.printed_variants import (
    BUDGET,
    all_variants,
    with_grids,
)
from tests.seed_pdf import PORTRAIT, typeset
from tests.serialization_facts import facts, table_facts_matched, table_facts_not_in_report

_PRINTED = "维修（护）费"


def test_a_wrapped_name_grouping_keeps_the_printed_text() -> None:
    """Grouped by the compact name, stored as printed (each line stripped, joined without a space)."""
    pieces = [
        (BlockLine(" 维修（护）费", 1, 2), None, None),
        (BlockLine("机关事业单位基", 1, 3), None, None),
        (BlockLine("本养老保险缴费", 1, 4), None, None),
    ]
    codes = [BlockLine("30213", 1, 1), BlockLine("30108", 1, 5)]
    grouped = _wrapped_names(pieces, codes)
    assert grouped is not None
    assert [(code, name.text) for code, _, name in grouped] == [
        ("30213", _PRINTED),
        ("30108", "机关事业单位基本养老保险缴费"),
    ]


@pytest.fixture(scope="module")
def all_variants_text(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Putuo's budget with every grid variant at once, on portrait pages, header cells unmerged."""
    folder = tmp_path_factory.mktemp("all-portrait")
    document = with_grids(read_document(corpus_file(BUDGET), BUDGET), all_variants)
    pdf = typeset(document, folder / "budget.pdf", merged=False, table_page=PORTRAIT)
    return write_serialization(pdf, "pdftotext", folder)


def test_the_printed_name_is_stored(all_variants_text: Path) -> None:
    assert f"\n{_PRINTED}\n" in all_variants_text.read_text(encoding="utf-8")  # printed alone on its line
    economic = extract_frames(all_variants_text, BUDGET)["expenditure_economic"]
    names = set(economic.filter(economic["code"] == "30213")["name"].to_list())
    assert names == {_PRINTED}


def test_no_fact_read_that_the_report_does_not_give(all_variants_text: Path) -> None:
    truth = facts(extract_frames(corpus_file(BUDGET), BUDGET))
    got = facts(extract_frames(all_variants_text, BUDGET))
    assert table_facts_not_in_report(truth, got) == {}
    # Of 100 (47 while 30213 was stored in its NFKC form, 48 before the total's place was counted
    # among the names and a 项 part beside a wrapped name's middle line joined its code; 95 before the
    # 财务收支预算总表's 一、财政拨款 / 收入, wrapped, was one label, its figure placed; 96 before the
    # 三公 table's item figures were placed by what the budget's prose states): every one.
    assert table_facts_matched(truth, got) == 100
