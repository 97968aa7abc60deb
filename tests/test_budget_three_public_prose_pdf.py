"""A budget's 三公 table read from pdftotext's default text, its items placed by what the prose states.

The table prints one row: 合计 = 因公出国(境)费 + 公务接待费 + 小计, 小计 = 购置费 + 运行费. Those sums never
tell 出国 from 接待 nor 购置 from 运行, and pdftotext's default text does not keep the cells' order
(its tall 机关运行经费 header cell is written among the figures), so the text alone reports four
figures ambiguous (``test_readers_stage_label_streams_pdf``). Every budget says the same money in its
prose, item by item, in wordings that differ from province to province: the figure right after an
item's name (or after 预算(数)为 / 安排) places that item's cell. A figure further on (the change on
the year before) says nothing; prose that no placement agrees with settles nothing; each figure the
prose settles is reported as such, with the sentence that settled it.

The PDFs are built here: the Shanghai header of ``test_readers_stage_label_streams_pdf``, and a
table without 机关运行经费 as other provinces print it, with the figures of Putuo's 2026 budget, under
prose lines written the ways real reports write them.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports.extract.standard_tables import read_tables
from budget_reports.readers.text import read_text
from tests.cjk_table_pdf import Column, TablePdf
from tests.test_readers_column_blocks_pdf import _pdftotext
from tests.test_readers_stage_label_streams_pdf import BUDGET_HEADERS, BUDGET_TITLE

ROW = ["114.22", "0.00", "0.46", "113.76", "75.00", "38.76", "507.25"]
# The metrics the row gives, as the PDF's own table would: what each test expects read or reported.
ALL_READ = {
    "三公经费": Decimal("114.22"),
    "因公出国（境）费": Decimal("0.00"),
    "公务接待费": Decimal("0.46"),
    "公务用车购置及运行维护费": Decimal("113.76"),
    "公务用车购置费": Decimal("75.00"),
    "公务用车运行维护费": Decimal("38.76"),
    "机关运行经费": Decimal("507.25"),
}
ITEMS = ("因公出国（境）费", "公务接待费", "公务用车购置费", "公务用车运行维护费")
# Prose -> the item metrics it places (the others stay ambiguous).
PROSE: dict[str, tuple[list[str], tuple[str, ...]]] = {
    # Shanghai's districts: the figure right after the name; the change on the year before after it.
    "shanghai": (
        [
            "2026年“三公”经费预算数为114.22万元，比2025年预算增加27万元。其中：",
            "（一）因公出国（境）费0万元，与2025年预算持平。",
            "（二）公务用车购置及运行费113.76万元，比2025年预算增加27万元。其中：",
            "公务用车购置费75万元，比2025年预算增加27万元；公务用车运行费38.76万元。",
            "（三）公务接待费0.46万元，与2025年预算持平。",
        ],
        ITEMS,
    ),
    # 预算为 after each name, the vehicles' running costs as 运行维护费.
    "budgeted_as": (
        [
            "2026年“三公”经费财政拨款预算为114.22万元。其中：因公出国（境）费预算为0万元；",
            "公务接待费预算为0.46万元；公务用车购置费预算为75万元，公务用车运行维护费预算为38.76万元。",
        ],
        ITEMS,
    ),
    # 安排, figures in 元 (the table is in 万元).
    "arranged_in_yuan": (
        [
            "“三公”经费安排1,142,200元，其中：因公出国（境）经费安排0元，公务接待费安排4,600元，",
            "公务用车购置及运行维护费安排1,137,600元（公务用车购置费750,000元，公务用车运行维护费387,600元）。",
        ],
        ITEMS,
    ),
    # Only the reception is stated: 出国 and 接待 are placed, 购置 and 运行 stay ambiguous.
    "reception_only": (["2026年“三公”经费预算数为114.22万元，其中公务接待费0.46万元。"], ITEMS[:2]),
    # Changes only: no figure stands right after a name, nothing is placed.
    "changes_only": (
        [
            "2026年“三公”经费预算比2025年增加27万元，其中：公务接待费比2025年增加0.10万元，",
            "公务用车购置费比2025年增加27万元。",
        ],
        (),
    ),
    # The prose contradicts the table (接待 0.50): no placement agrees, nothing is placed.
    "contradicting": (
        ["“三公”经费预算数为114.22万元。其中：因公出国（境）费0万元，公务接待费0.50万元。"],
        (),
    ),
}


# The table as printed: Shanghai's (with 机关运行经费, the vehicles' parts 购置费 / 运行费), and one
# without 机关运行经费 as Sichuan and many 市/县 print it (the parts 公务用车购置费 / 公务用车运行费,
# 公务接待费 last): its columns end otherwise, the prose's figures go to them alike.
_SICHUAN_HEADER = [
    ["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
    ["", "", "小计", "公务用车购置费", "公务用车运行费", ""],
]
TABLES: dict[str, tuple[str, list[list[str]], list[str]]] = {
    "shanghai": (BUDGET_TITLE, BUDGET_HEADERS["shanghai"], ROW),
    "sichuan": ("2026年一般公共预算“三公”经费支出预算表", _SICHUAN_HEADER, [ROW[k] for k in (0, 1, 3, 4, 5, 2)]),
}


def _budget_pdf(path: Path, prose: list[str], table: str = "shanghai") -> Path:
    title, header, row = TABLES[table]
    pdf = TablePdf()
    pdf.new_page()
    pdf.text(150, 40, title, 14)
    pdf.text(480, 70, "单位：万元")
    pdf.ruled_table(30, 85, [Column(70, wrap=6)] * len(row), [*header, row], 16)
    # The prose on the page after the table's, as the budgets typeset it (on the table's own page
    # pdftotext may write the tall 机关运行经费 cell's figure after the prose: another matter).
    pdf.new_page()
    for k, line in enumerate(prose):
        pdf.text(30, 60 + 18 * k, line, 9)
    return pdf.save(path)


@pytest.mark.parametrize("table", list(TABLES))
@pytest.mark.parametrize("wording", list(PROSE))
def test_the_prose_places_the_items_it_states(tmp_path: Path, wording: str, table: str) -> None:
    prose, placed = PROSE[wording]
    document = read_text(_pdftotext(_budget_pdf(tmp_path / "budget.pdf", prose, table)), "budget.txt")
    metrics = {m.metric: m.budget_value for m in read_tables(document).summary_metrics if m.metric in ALL_READ}
    unplaced = [item for item in ITEMS if item not in placed]
    printed = ALL_READ if table == "shanghai" else {k: v for k, v in ALL_READ.items() if k != "机关运行经费"}
    assert metrics == {metric: value for metric, value in printed.items() if metric not in unplaced}
    assert sorted(Decimal(cell.figure) for cell in document.ambiguous_cells) == sorted(
        ALL_READ[item] for item in unplaced
    )
    assert document.lost == []
    # Each figure the prose placed is reported as settled by it, with the line that states it.
    settled = {cell.column.rsplit("/", 1)[-1]: cell for cell in document.settled_cells}
    assert len(settled) == len(placed)
    for cell in settled.values():
        assert cell.stated_line is not None and cell.excluded


@pytest.mark.parametrize("table", list(TABLES))
def test_without_the_prose_the_items_are_reported(tmp_path: Path, table: str) -> None:
    document = read_text(_pdftotext(_budget_pdf(tmp_path / "budget.pdf", [], table)), "budget.txt")
    assert sorted(cell.figure for cell in document.ambiguous_cells) == ["0.00", "0.46", "38.76", "75.00"]
    assert document.settled_cells == []
