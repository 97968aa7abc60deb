"""Figures printed in full-width digits (``２，９４０．０５万元``), as a report typed in a Chinese input
method's full-width mode prints them, are read as their ASCII twins (``normalize.ascii_figures``).

Each real text (the seeds, the budget report's text, every corpus PDF's text from each extractor) is
written again with its figures in full-width digits: everywhere, or only in the prose (tables kept
ASCII, as a report whose tables come from a spreadsheet prints them). Folding gives back the text
character for character, and the whole pipeline reads the same facts from the twin as from the text.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from budget_reports.gold import extract_frames
from budget_reports.model import Block, Table
from budget_reports.normalize import ascii_figures
from budget_reports.readers import read_document
from budget_reports.text_serializations import SERIALIZERS, missing_program, write_serialization
from tests.conftest import SEED_FILES, corpus_file
from tests.seed_pdf import typeset
from tests.serialization_facts import PERFORMANCE_VIEWS, VIEWS, facts, shortfalls

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"
TEMPLATE = "shanghai-final-accounts-template-2024.pdf"
BUDGET_TEXT = "shanghai-putuo-urban-management-2026-budget.txt"

_WIDE = str.maketrans("0123456789.,%-+", "０１２３４５６７８９．，％－＋")
# The marks of a figure: a decimal point between digits, a thousands comma before three digits, a
# percent sign after a digit, a sign before one.
_FIGURE = re.compile(r"[-+]?[0-9]+(?:(?:\.|,(?=[0-9]{3}(?![0-9])))[0-9]+)*%?")


def full_width(text: str) -> str:
    """``text`` with every figure in full-width digits and marks (``2,940.05`` -> ``２，９４０．０５``)."""
    return _FIGURE.sub(lambda figure: figure.group().translate(_WIDE), text)


def full_width_prose(text: str) -> str:
    """``text`` with the figures of its prose lines (a sentence's comma or full stop on the line) in
    full-width digits; table lines keep ASCII."""
    return "\n".join(full_width(line) if "，" in line or "。" in line else line for line in text.split("\n"))


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        ("２，９４０．０５", "2,940.05"),
        ("合计 ２，９４６．２５ ０．９５", "合计 2,946.25 0.95"),
        ("完成预算的９５．３８％，其中", "完成预算的95.38%，其中"),
        ("减少－３．５万元", "减少-3.5万元"),
        ("１，２３４，５６７元", "1,234,567元"),
        ("２０２１年度部门整体支出绩效自评表", "2021年度部门整体支出绩效自评表"),
        ("１，２，３项", "1，2，3项"),  # a list: no thousands separator before fewer than three digits
        ("１．负责全区党的组织工作", "1．负责全区党的组织工作"),  # a list number before words
        ("4．2026年部门财政拨款收支预算总表", "4．2026年部门财政拨款收支预算总表"),  # ASCII digits: left alone
        ("2，940．05", "2,940.05"),  # an input method's comma and full stop in an ASCII figure
        ("支出161．62万元，完成预算的95．4%", "支出161.62万元，完成预算的95.4%"),
        ("合计 161．62 0．95", "合计 161.62 0.95"),
        ("6．2 0．21%", "6.2 0.21%"),  # a line of figures alone (lifted out of its sentence)
        ("1．12项指标全部完成", "1．12项指标全部完成"),  # a list number before a count
        ("1．10月完成验收", "1．10月完成验收"),  # ... before a month
        ("3．1 项目概况", "3．1 项目概况"),  # a section number
        ("2．500万元用于", "2．500万元用于"),  # a list number before an amount in whole 万元
        ("合计 2，946.25 2，940.05", "合计 2,946.25 2,940.05"),  # an input method's comma in ASCII figures
        ("33，775，592", "33,775,592"),
        ("分别为1，234人", "分别为1，234人"),  # one group and no decimals: maybe a list
        ("（一）收入支出决算总体情况", "（一）收入支出决算总体情况"),
    ],
)
def test_full_width_figures_are_read_as_ascii(printed: str, read: str) -> None:
    assert ascii_figures(printed) == read
    assert len(ascii_figures(printed)) == len(printed)  # one character for one: evidence offsets hold


def _texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    texts = {path.name: path.read_text(encoding="utf-8") for path in SEED_FILES}
    for pdf in (PUTUO, TEMPLATE):
        for serializer in sorted(SERIALIZERS):
            if (missing := missing_program(serializer)) is not None:
                pytest.skip(missing)
            path = write_serialization(corpus_file(pdf), serializer, tmp_path_factory.mktemp(serializer))
            texts[f"{serializer}/{pdf}"] = path.read_text(encoding="utf-8")
    return texts


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return _texts(tmp_path_factory)


@pytest.mark.parametrize("widen", [full_width, full_width_prose])
def test_every_real_text_comes_back_from_its_full_width_twin(texts: dict[str, str], widen) -> None:
    for name, text in texts.items():
        assert ascii_figures(widen(text)) == text, name
    # Each seed's prose prints figures, so its twin differs (pdfplumber's text of a corpus PDF lifts
    # its prose figures onto lines of their own: there only the full-width twin differs).
    changed = [name for name, text in texts.items() if widen(text) != text]
    assert {p.name for p in SEED_FILES} <= set(changed)
    assert len(changed) == len(texts) or widen is full_width_prose


def _facts_of(path: Path, source_file: str):
    return facts(extract_frames(path, source_file), VIEWS + PERFORMANCE_VIEWS)


@pytest.mark.parametrize(
    ("source", "serializer"),
    [(PUTUO, "pdftotext"), (PUTUO, "pymupdf"), (SEED_FILES[-1].name, None), (BUDGET_TEXT, None)],
)
def test_full_width_twin_gives_the_same_facts(source: str, serializer: str | None, tmp_path: Path) -> None:
    """The whole pipeline on the twin: every view's facts as from the ASCII text. The budget report's
    text prints list numbers with a full-width point before a year (``4．2026年``): its twin prints
    them ``４．２０２６年``, read as ``4.2026年``, and still gives the same facts."""
    if serializer is not None:
        if (missing := missing_program(serializer)) is not None:
            pytest.skip(missing)
        original = write_serialization(corpus_file(source), serializer, tmp_path)
    else:
        original = next((p for p in SEED_FILES if p.name == source), None) or corpus_file(source)
    twin = tmp_path / f"full-width-{original.name}"
    twin.write_text(full_width(original.read_text(encoding="utf-8")), encoding="utf-8")
    expected, got = _facts_of(original, source), _facts_of(twin, source)
    assert sum(sum(rows.values()) for rows in expected.values()) > 20
    failures = shortfalls(expected, got, {}, "the ASCII text", "its twin")
    assert not failures, "\n".join(failures)


def test_full_width_evidence_keeps_its_line(tmp_path: Path) -> None:
    """A figure read from the twin cites the same page and line as from the ASCII text."""
    original = write_serialization(corpus_file(PUTUO), "pypdfium2", tmp_path)
    twin = tmp_path / "twin.txt"
    twin.write_text(full_width(original.read_text(encoding="utf-8")), encoding="utf-8")
    ascii_doc, wide_doc = read_document(original, PUTUO), read_document(twin, PUTUO)
    cited = [(b.page, b.line, b.text) for b in ascii_doc.blocks]
    assert cited == [(b.page, b.line, b.text) for b in wide_doc.blocks]
    assert len(cited) > 100


def _full_width_block(block: Block) -> Block:
    table = block.table
    if table is not None:
        cells = tuple(dataclasses.replace(cell, text=full_width(cell.text)) for cell in table.cells)
        table = Table(cells, table.n_rows, table.n_cols, table.page, table.line)
    return dataclasses.replace(block, text=full_width(block.text), table=table)


@pytest.mark.parametrize("seed", [SEED_FILES[2], SEED_FILES[3]], ids=lambda path: path.name)
def test_pdf_printed_in_full_width_digits_gives_the_same_facts(seed: Path, tmp_path: Path) -> None:
    """A seed typeset as a PDF twice, its figures in ASCII and in full-width digits (pdfium writes a
    space between full-width glyphs, dropped as between Chinese characters): the same facts."""
    document = read_document(seed, seed.name)
    ascii_pdf = typeset(document, tmp_path / "ascii.pdf")
    wide = dataclasses.replace(document, blocks=[_full_width_block(b) for b in document.blocks])
    wide_pdf = typeset(wide, tmp_path / "full-width.pdf")
    expected, got = _facts_of(ascii_pdf, seed.name), _facts_of(wide_pdf, seed.name)
    assert sum(sum(rows.values()) for rows in expected.values()) > 20
    failures = shortfalls(expected, got, {}, "the ASCII print", "the full-width print")
    assert not failures, "\n".join(failures)
