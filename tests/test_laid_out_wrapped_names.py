"""Laid-out text (``pdftotext -layout``) of reports whose names wrap in narrow cells.

Both corpus reports (a budget and a final account) are typeset from their document models with
every long name of their tables' bodies broken into lines of 4, 5, 6 or 8 characters, so that names
run over two lines, three or more (at 5, the 基本支出 table's totals print ``人员经费合`` over ``计``:
no piece reads as a label until they are joined). pdftotext prints a row's code and figures at the vertical
centre of its cells: a wrapped name's first line above them (for the table's first row, right
under the header), its last below, an overview's numbered label (``一、一般公共`` over ``预算财政拨款``)
starting on another line than the label beside it. Read back, no fact may contradict the report
(a figure in another row or column, a name cut short), and every fact not read is reported: its
figure among the ambiguous cells, or its table reported not read.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from decimal import Decimal
from functools import partial
from pathlib import Path

import polars as pl
import pytest

from budget_reports.extract.standard_tables import read_tables
from budget_reports.gold import canonical, extract_frames
from budget_reports.model import BlockKind, Document
from budget_reports.readers import read_document
from budget_reports.readers.text import read_text
from budget_reports.text_serializations import write_serialization
from tests.conftest import corpus_file
from tests.printed_variants import BUDGET, BUDGET_FACTS, FINAL, with_grids, wrapped_names
from tests.seed_pdf import typeset
from tests.serialization_facts import VIEWS, _by_key, _figure, facts, guessed_figures, measured
from tests.test_readers_laid_out import CODE_X, FIGURE_X, NAME_X, _at, _header
from tests.test_readers_text_tables import ROWS, TITLE, TOTAL

FINAL_FACTS = 97  # the final account's table facts (as its corpus file gives them)
# report -> its table facts, each read from the layout whatever the width its names wrap at.
FACTS = {BUDGET: BUDGET_FACTS, FINAL: FINAL_FACTS}
WIDTHS = (4, 5, 6, 8)
CASES = [(report, width) for report in FACTS for width in WIDTHS]


@pytest.fixture(scope="module", params=CASES, ids=lambda case: f"{case[0][:30]}-wrapped-{case[1]}")
def case(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, int, Path]:
    """A corpus report typeset with its names wrapped, written by ``pdftotext -layout``."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    report, width = request.param
    folder = tmp_path_factory.mktemp(f"wrapped-{width}")
    document = with_grids(read_document(corpus_file(report), report), partial(wrapped_names, width=width))
    pdf = typeset(document, folder / f"{Path(report).stem}.pdf", merged=False)
    return report, width, write_serialization(pdf, "pdftotext-layout", folder)


def _not_read_unreported(truth: dict[str, pl.DataFrame], got: dict[str, pl.DataFrame]) -> list[str]:
    """The report's table lines the text gives no fact of, none of whose figures is reported
    ambiguous (as printed: yuan or 万元) and whose table is not reported as not read."""
    findings = got["dq_findings"]
    reported = {_figure(v) for v in findings.filter(pl.col("rule_id") == "extraction.ambiguous_cell")["actual"] if v}
    not_read = " ".join(v for v in findings.filter(pl.col("rule_id") != "extraction.ambiguous_cell")["message"] if v)
    out = []
    for view in VIEWS:
        read = _by_key(got[view], view)
        for key, row in _by_key(truth[view], view).items():
            values = [v for c, v in row.items() if c in _VALUES and v]
            if key in read or not values:
                continue
            shown = any(v in reported or canonical(Decimal(v) * 10_000) in reported for v in values)
            table = row.get("source_table") or ""
            if not shown and not (table and table in not_read):
                out.append(f"{view} {key} {values}")
    return out


_VALUES = {"value", "budget_value", "amount", "actual", "basic", "project", "budget_initial", "budget_adjusted"}


def test_wrapped_names_read_from_the_layout(case: tuple[str, int, Path]) -> None:
    report, _, text = case
    truth, got = extract_frames(corpus_file(report), report), extract_frames(text, report)
    expected, read = facts(truth), facts(got)
    extra = {view: n for view, (_, _, n) in measured(expected, read).items() if n and view.endswith("/table")}
    assert extra == {}, "facts the report does not give"
    contradictions, unreported_nulls = guessed_figures(truth, got)
    assert contradictions == []
    assert unreported_nulls == []
    assert _not_read_unreported(truth, got) == []
    matched = sum(m for view, (m, _, _) in measured(expected, read).items() if view.endswith("/table"))
    assert matched == FACTS[report]


def _table_alone(document: Document, title: str) -> Document:
    """The document's first blocks (its cover) and the table titled ``title``, no other table."""
    blocks = document.blocks
    start = next(k for k, b in enumerate(blocks) if b.kind is BlockKind.HEADING and b.text.endswith(title))
    end = next(k for k in range(start, len(blocks)) if blocks[k].kind is BlockKind.TABLE)
    return replace(document, blocks=[*blocks[:3], *blocks[start : end + 1]])


def _grids(document: Document) -> list[list[list[str]]]:
    return [b.table.grid() for b in document.blocks if b.kind is BlockKind.TABLE and b.table is not None]


@pytest.mark.parametrize("title", ["2026年部门收入预算总表", "2026年部门支出预算总表"])
@pytest.mark.parametrize("width", WIDTHS)
def test_a_table_alone_is_read_as_printed(title: str, width: int, tmp_path: Path) -> None:
    """Typeset alone, nothing else in the report shows how its figures are set: the 收入预算总表's
    财政拨款收入 figures, flush right in a wide cell under a narrow header (six characters the grid
    counts one column each), end nearer 事业收入's header than their own. Its rows' sums (合计 beside
    its one part) show the 合计 figures set flush right, so each figure goes under its own header
    (every one was read under 事业收入)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    report = read_document(corpus_file(BUDGET), BUDGET)
    alone = _table_alone(with_grids(report, partial(wrapped_names, width=width)), title)
    text = write_serialization(typeset(alone, tmp_path / "alone.pdf", merged=False), "pdftotext-layout", tmp_path)
    read = read_text(text.read_text(encoding="utf-8"), text.name)
    assert _grids(read) == _grids(_table_alone(report, title))
    assert read.ambiguous_cells == []


def _tight_row(code: str, name: str, cells: list[str | None], width: int, anchor: str) -> list[str]:
    """A row's lines as pdftotext lays them out, its name wrapped every ``width`` characters, its code
    and figures on the name's first line, its last, or centred: on the middle line of an odd
    number, on a line of their own between the halves of an even one."""
    pieces = [name[k : k + width] for k in range(0, len(name), width)]
    anchor_cells = [(CODE_X, code), *((x, c) for x, c in zip(FIGURE_X, cells, strict=True) if c is not None)]
    if anchor == "centred" and len(pieces) % 2 == 0:
        half = len(pieces) // 2
        names = [_at([(NAME_X, piece)], len) for piece in pieces]
        return [*names[:half], _at(anchor_cells, len), *names[half:]]
    at = {"first": 0, "last": len(pieces) - 1, "centred": len(pieces) // 2}[anchor]
    return [_at([*(anchor_cells if k == at else []), (NAME_X, piece)], len) for k, piece in enumerate(pieces)]


@pytest.mark.parametrize("anchor", ["first", "centred", "last"])
@pytest.mark.parametrize("width", WIDTHS)
def test_rows_printed_with_no_blank_line_keep_their_names(anchor: str, width: int) -> None:
    """Rows printed close, no blank line between them: the lines between two codes are the upper
    row's name's last and the lower row's first, in a proportion the text does not keep; they are
    shared out as the codes' names read (行政运行 was read as 行政运行一般行政管理, 一般行政管理事务
    as 事务)."""
    lines = [_at([(25, TITLE)], len), *_header(len)]
    for code, name, *cells in ROWS:
        lines += _tight_row(code, name, cells, width, anchor)
    label, *totals = TOTAL
    lines.append(_at([(NAME_X + 4, label), *zip(FIGURE_X, totals, strict=True)], len))
    text = "\n".join(["一、部门概况", "本部门负责财政工作。", *lines, "第三部分 名词解释"]) + "\n"
    document = read_text(text, "layout.txt")
    names = {x.code: x.name_as_written for x in read_tables(document).expenditure_function}
    assert names == {code: name for code, name, *_ in ROWS}
    assert document.lost == []
