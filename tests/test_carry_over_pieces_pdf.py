"""The final account's 财政拨款收入支出决算总表 on portrait pages, read from pdfplumber's text: its
labels wrap in the narrow income cells, a label over two lines beside one on one line has its lines
above and below its row's baseline, the row's figures between them (``一、一般公共预算财政`` /
``2,940.05 一、一般公共服务支出 2,106.66 2,106.66 - -`` / ``拨款``). Only a text written by baseline
prints a label's last piece after a line opening with its figure (``baseline_rows._figures_between_pieces``):
read one row per line, 拨款 ended the spending label (一、一般公共服务支出拨款) and the income label
was cut (一、一般公共预算财政: no metric). Read by baseline, each label's pieces take the side they
make; a carry-over's label ends in 结余 or 结转, so 年初财政拨款结转和结 / 余 takes its 余 back from
the other side's 年末财政拨款结转和结余 (``two_sided_labels._ends_whole``; both readings were kept,
the row read no way).
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
from tests.printed_variants import FINAL, dashes, with_grids
from tests.seed_pdf import PORTRAIT, typeset

TITLE = "财政拨款收入支出决算总表"


def _overview_only() -> Document:
    """The final account's 财政拨款收入支出决算总表 alone under its title, dashes in its empty cells."""
    document = read_document(corpus_file(FINAL), FINAL)
    at = next(i for i, b in enumerate(document.blocks) if b.kind is BlockKind.HEADING and compact(b.text) == TITLE)
    table = next(i for i in range(at + 1, at + 3) if document.blocks[i].table is not None)
    return with_grids(replace(document, blocks=document.blocks[at : table + 1]), dashes)


@pytest.fixture(scope="module")
def text(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("carry")
    pdf = typeset(_overview_only(), folder / "final.pdf", merged=False, table_page=PORTRAIT)
    return write_serialization(pdf, "pdfplumber", folder)


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
