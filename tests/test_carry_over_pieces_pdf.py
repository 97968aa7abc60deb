"""The final account's 财政拨款收入支出决算总表 on portrait pages, read from pdfplumber's text: its
labels wrap in the narrow income cells, a label over two lines beside one on one line has its lines
above and below its row's baseline, the row's figures between them (``一、一般公共预算财政`` /
``2,940.05 一、一般公共服务支出 2,106.66 2,106.66 - -`` / ``拨款``). Only a text written by baseline
prints a label's last piece after a line opening with its figure (``baseline_rows._figures_between_pieces``):
read one row per line, 拨款 ended the spending label (一、一般公共服务支出拨款) and the income label
was cut (一、一般公共预算财政: no metric). Read by baseline, each label's pieces take the side they
make; a carry-over's label ends in 结余 or 结转, so 年初财政拨款结转和结 / 余 takes its 余 back from
the other side's 年末财政拨款结转和结余 (``two_sided_labels._ends_whole``; both readings were kept,
the row read no way). The same with the spending label wrapped around the income one's line
(the budget's 财务收支预算总表, names wrapped at 8 characters: ``一、社会保障和就`` / ``一、财政拨款收入
47,483,458 6,397,096`` / ``业支出``): the line between is no label printing its figures beside it
in a text written row by row, but the middle of a band (its 208 line was lost).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from budget_reports.model import BlockKind, Document
from budget_reports.normalize import compact
from budget_reports.readers import read_document
from budget_reports.text_serializations import write_serialization
from tests.conftest import corpus_file, table_titled
from tests.printed_variants import BUDGET, FINAL, dashes, with_grids, wrapped_names
from tests.seed_pdf import PORTRAIT, typeset

TITLE = "财政拨款收入支出决算总表"
BUDGET_TITLE = "2026年部门财务收支预算总表"


def _table_only(report: str, title: str) -> Document:
    """The report's table titled ``title`` alone under its title."""
    document = read_document(corpus_file(report), report)
    at = next(i for i, b in enumerate(document.blocks) if b.kind is BlockKind.HEADING and compact(b.text) == title)
    table = next(i for i in range(at + 1, at + 3) if document.blocks[i].table is not None)
    return replace(document, blocks=document.blocks[at : table + 1])


@pytest.fixture(scope="module")
def text(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The final account's 财政拨款收入支出决算总表, dashes in its empty cells, on a portrait page."""
    folder = tmp_path_factory.mktemp("carry")
    document = with_grids(_table_only(FINAL, TITLE), dashes)
    pdf = typeset(document, folder / "final.pdf", merged=False, table_page=PORTRAIT)
    return write_serialization(pdf, "pdfplumber", folder)


@pytest.fixture(scope="module")
def budget_text(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The budget's 财务收支预算总表, its labels wrapped at 8 characters, on a landscape page."""
    folder = tmp_path_factory.mktemp("around")
    document = with_grids(_table_only(BUDGET, BUDGET_TITLE), lambda grid: wrapped_names(grid, 8))
    return write_serialization(typeset(document, folder / "budget.pdf", merged=False), "pdfplumber", folder)


def test_the_text_prints_a_label_around_its_rows_figures(text: Path) -> None:
    lines = text.read_text(encoding="utf-8").splitlines()
    at = lines.index("一、一般公共预算财政")
    assert lines[at + 1].startswith("2,940.05 一、一般公共服务支出 2,106.66")
    assert lines[at + 2] == "拨款"


def test_each_label_whole_on_its_side(text: Path) -> None:
    """Each side's label and its first column (the table alone, its 一般公共预算财政拨款 column is
    told from 合计 by the report's other tables: reported ambiguous here)."""
    document = read_document(text, text.name)
    rows = [row[:4] for row in table_titled(document, TITLE).grid()]
    assert ["一、一般公共预算财政拨款", "2,940.05", "一、一般公共服务支出", "2,106.66"] in rows
    assert ["二、政府性基金预算财政拨款", "", "二、外交支出", ""] in rows
    assert ["年初财政拨款结转和结余", "21.63", "年末财政拨款结转和结余", "21.63"] in rows
    assert ["本年收入合计", "2,940.05", "本年支出合计", "2,940.05"] in rows


def test_a_spending_label_around_the_income_labels_line(budget_text: Path) -> None:
    lines = budget_text.read_text(encoding="utf-8").splitlines()
    at = lines.index("一、社会保障和就")
    assert lines[at + 1 : at + 3] == ["一、财政拨款收入 47,483,458 6,397,096", "业支出"]
    document = read_document(budget_text, budget_text.name)
    rows = table_titled(document, BUDGET_TITLE).grid()
    assert ["一、财政拨款收入", "47,483,458", "一、社会保障和就业支出", "6,397,096"] in rows
    assert ["2.政府性基金预算", "", "三、城乡社区支出", "33,775,592"] in rows
    assert document.ambiguous_cells == []
