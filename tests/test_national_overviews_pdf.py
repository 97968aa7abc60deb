"""Overviews printed in the national forms' way, 项目 | 行次 | 金额 on each side, read from the PDF
and from each extractor's text: the row numbers are no figures, 金额 is the side's amount.

Both corpus reports are typeset with their overviews so printed (``printed_variants.national_overviews``:
the 财务收支预算总表 and 财政拨款收支预算总表 of the budget, the 收入支出决算总表 and
财政拨款收入支出决算总表 of the final account), on landscape and portrait pages, so no figure is
typed here. Read back, no fact is one the report does not print; the facts read are pinned.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from budget_reports.gold import extract_frames
from budget_reports.readers.table_headers import match_layout
from budget_reports.text_serializations import SERIALIZERS
from tests.printed_variants import (
    BUDGET,
    FINAL,
    national_overviews,
    printed_variants,
    read_back,
    report_facts,
    row_numbers,
)
from tests.seed_pdf import LANDSCAPE, PORTRAIT
from tests.serialization_facts import facts, table_facts_matched, table_facts_not_in_report

PAGES = {"landscape": LANDSCAPE, "portrait": PORTRAIT}

# (report, page) -> table facts read (of the budget's 100 and the final account's 97) from the PDF and
# each text. Without the 行次 column the texts read what tests/test_printed_variants_pdf.py pins; with
# it, the pdftotext default text's overviews (cells written apart) lose their rows' places, and on
# portrait pages -raw and pdfplumber lose lines whose labels wrap beside the narrow 行次 cells: none
# read wrongly, every one reported (tests/test_unreported_losses_pdf.py, the one-row-per-line texts).
# Read as figures, the row numbers gave 3 wrong facts in the budget and 32 in the final account; headed
# 金额, the overviews were not read from any text (their header matched no layout: 15 facts of the budget,
# 21 of the final account, lost). The final account's pdftotext default text on landscape pages reads its
# 财政拨款收入支出决算总表 whole since its 政府性基金 and 国有资本经营 columns are known empty from those
# funds' tables saying 本表无数据 (the prose after the last of them no part of it): 65 before. An income
# figure pdftotext writes on a line with a spending label is on the income row of that line (the final
# account's 其他收入 6.20 on landscape pages, the budget's 1.一般公共预算 on portrait pages, which gives
# its 财政拨款收入 source: 79 and 85 before).
# On portrait pages the 三公 table's heads wrap, its 合计 head alone on
# a line: read as the table's 合计 row, the table went unread (the budget's -raw 96, the final
# account's -layout 95 and pdfplumber 90); a table without a label column prints no 合计 row, so that
# 合计 is the header's (readers/linear_tables.py ``_total_in_header``).
# pdftotext default: the budget's 三公 items placed by what its prose states (4 more), the final
# account's 三公 table on landscape pages placed by its prose as read from its stream of stage labels
# (2 more: narrowing it had read its lines again another way, reporting it not read). pdfplumber,
# the final account on portrait pages: the fiscal overview's income label wrapped around its row's
# figures joined again (overview_labels.label_ends_joined: 91 before). pdfplumber on portrait pages:
# the fiscal overviews, their labels wrapping beside the narrow 行次 cells, were read one row per line,
# as many labels printing their figures beside them (fitting a line) as under them; a label printing
# pieces of its own after its figures' line is printed so only by baseline and counts twice
# (readers/baseline_rows.py). Read by baseline: the budget's 财政拨款收支预算总表 208 line (99 before),
# the final account's 财政拨款收入支出决算总表 一般公共预算财政拨款收入, 年初 and 年末结转和结余 and its
# 201 line (92 before). PyMuPDF's text and pdf.js's (a browser's copy, no form feeds: its pages found by
# their printed numbers): every line is read but the final account's 三公 item budget, which no one-line
# text places.
READ = {
    (BUDGET, "landscape"): {
        "pdf": 100,
        # pdftotext: the 基本支出 table's 30209, 30211 and 30213 read since a family printing one part
        # has its rows' parts in that column (row_streams): 3 more (93 and 85 before); its 三公 items
        # placed by the prose (96 before).
        "pdftotext": 100,
        "pdftotext-layout": 100,
        "pdftotext-raw": 100,
        "pypdfium2": 100,
        "pdfplumber": 100,
        "pymupdf": 100,
        "pdfjs": 100,
    },
    (BUDGET, "portrait"): {
        "pdf": 100,
        "pdftotext": 93,
        "pdftotext-layout": 100,
        "pdftotext-raw": 100,
        "pypdfium2": 100,
        "pdfplumber": 100,
        "pymupdf": 100,
        "pdfjs": 100,
    },
    (FINAL, "landscape"): {
        "pdf": 97,
        "pdftotext": 82,
        "pdftotext-layout": 97,
        "pdftotext-raw": 96,
        "pypdfium2": 96,
        "pdfplumber": 96,
        "pymupdf": 96,
        "pdfjs": 96,
    },
    (FINAL, "portrait"): {
        "pdf": 97,
        "pdftotext": 60,
        "pdftotext-layout": 97,
        "pdftotext-raw": 89,
        "pypdfium2": 96,
        "pdfplumber": 96,
        "pymupdf": 96,
        "pdfjs": 96,
    },
}


@pytest.fixture(scope="module")
def numbered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Callable[[str, str], Path]]:
    """Per page size, the PDF of a corpus report printing its overviews in the national forms' way."""
    return {
        page: printed_variants(tmp_path_factory, {"national": national_overviews}, table_page=size)
        for page, size in PAGES.items()
    }


def test_the_variant_prints_row_numbers() -> None:
    grid = [
        ["收入", "", "支出", ""],
        ["项目", "决算数", "项目", "决算数"],
        ["一、收入", "5.00", "一、支出", "5.00"],
        ["总计", "5.00", "总计", "5.00"],
    ]
    assert row_numbers(grid) == [
        ["收入", "", "", "支出", "", ""],
        ["项目", "行次", "决算数", "项目", "行次", "决算数"],
        ["一、收入", "1", "5.00", "一、支出", "3", "5.00"],
        ["总计", "2", "5.00", "总计", "4", "5.00"],
    ]


def test_an_overview_heading_its_amounts_with_amount_matches_its_layout() -> None:
    overview = match_layout("收入 支出 项目 行次 金额 项目 行次 金额")
    assert overview is not None
    assert [side.money for side in overview.sides] == [(("收入", "金额"),), (("支出", "金额"),)]
    fiscal = match_layout(
        "收入 支出 项目 金额 项目 合计 一般公共预算财政拨款 政府性基金预算财政拨款 国有资本经营预算财政拨款"
    )
    assert fiscal is not None
    assert [len(side.money) for side in fiscal.sides] == [1, 4]
    assert fiscal.sides[1].sums == ((0, (1, 2, 3)),)
    # The Shanghai wording keeps its own layouts.
    shanghai = match_layout("收入 支出 项目 决算数 项目 决算数")
    assert shanghai is not None and shanghai.sides[0].money == (("收入", "决算数"),)


@pytest.mark.parametrize(("report", "page"), list(READ))
@pytest.mark.parametrize("form", ["pdf", *SERIALIZERS])
def test_national_overviews_read_as_their_pdf(
    numbered: dict[str, Callable[[str, str], Path]], tmp_path: Path, report: str, page: str, form: str
) -> None:
    pdf = numbered[page](report, "national")
    got = facts(extract_frames(pdf, report)) if form == "pdf" else read_back(pdf, form, tmp_path, report)
    assert table_facts_not_in_report(report_facts(report), got) == {}
    assert table_facts_matched(report_facts(report), got) == READ[report, page][form]
