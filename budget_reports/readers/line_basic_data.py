"""The 部门整体支出绩效评价基础数据表 (a department-wide evaluation's basic data, as Hunan's form prints
it) in text extracted from a PDF: staffing, then expenditure-control lines by year.

The table is handed on as the grid the grid readers give (``extract.performance.department_wide``
reads its metrics): a staffing header row (``财政供养人员情况 | 编制数 | 实际在职人数 | 控制率``) over its
values, a header row of year columns (``经费控制情况 | 2020年决算数 | 2021年预算数 | 2021年决算数``), one
row per expenditure line. Extractors write it one row per line (a label, then its figures) or one
cell per line (PyMuPDF); a line opening with a label opens a row, a line of figures alone continues
it. What the text does not pin down is left out and reported, never guessed:

- a line printing fewer figures than there are year columns (``其中：公车购置 0 0``: which column is
  empty the text does not say) places none of them: each is an ``extraction.ambiguous_cell`` naming
  the columns; so are figures printed on lines apart from their row's label (one cell per line), which
  may be another row's (pdftotext's default mode writes a cell late, after the next row's label);
- the staffing counts are placed in the labels' order only where that cannot matter (one count, or
  equal counts) or where the printed 控制率 (实有 / 编制) tells which is which: extractors may write the
  labels of wrapped cells out of order (pdfplumber: ``2021年实际在职`` above ``财政供养人员情况 编制数``);
- a table whose year columns the text does not print as whole labels is reported as not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from budget_reports.extract.performance import cells
from budget_reports.model import AmbiguousCell, Block, BlockKind, Cell, Table
from budget_reports.normalize import compact, rounds_to
from budget_reports.readers.headings import is_heading
from budget_reports.readers.linear_tables import LinearTable, SourceLine, not_read_table
from budget_reports.readers.passed_over_titles import MIN_UNREAD_FIGURES, table_figures
from budget_reports.readers.printed_numbers import is_page_number, without_glued_page_number

_YEAR_COLUMN = re.compile(r"\d{4}年度?(预算数|决算数)")
_PERCENT = re.compile(r"^\d+(\.\d+)?[%％]$")
# The staffing labels, by what their value is (the quota, the staff in post, their ratio).
_QUOTA, _ACTUAL, _RATE = "编制数", "实际在职人数", "控制率"
_STAFF_MARKERS = ((_QUOTA, ("编制数",)), (_ACTUAL, ("实际在职", "实有人数")), (_RATE, ("控制率",)))
_STAFF_LABEL = "财政供养人员情况"
# The form's footnote (说明：…) ends the table, as does the report's text after it (``_is_prose``).
_END_WORDS = ("说明", "注：", "注:")
# A line longer than this printing no figure is text after the table, not a row's label.
_ROW_MAX_CHARS = 40


@dataclass(slots=True)
class _Row:
    label: list[tuple[str, SourceLine]]
    figures: list[tuple[str, SourceLine]]


def read_basic_data(lines: list[SourceLine], start: int, limit: int) -> LinearTable | None:
    """The 基础数据表 titled at ``start``, its section running to ``limit`` (the next performance
    table's title); reported as not read where its year columns are not found; None for a title
    with too few figures under it to be the table (a contents line, a mention)."""
    body = [(i, without_glued_page_number(lines[i].text)) for i in range(start + 1, limit)]
    body = [(i, text) for i, text in body if text.strip() and not is_page_number(compact(text))]
    if sum(len(table_figures(text)) + text.count("%") for _, text in body) < MIN_UNREAD_FIGURES:
        return None
    at_years = next((n for n, (_, text) in enumerate(body) if len(_YEAR_COLUMN.findall(compact(text))) >= 1), None)
    if at_years is None:
        return not_read_table(lines, start, start + 1, "的文本未能还原为行")
    n = at_years
    columns: list[str] = []
    while n < len(body) and (found := [m.group() for m in _YEAR_COLUMN.finditer(compact(body[n][1]))]):
        columns += found
        n += 1
    if len(columns) < 2:
        return not_read_table(lines, start, start + 1, "的文本未能还原为行")
    staff_grid, ambiguous = _staff(lines, body[:at_years])
    rows, end = _rows(lines, body[n:])
    grid: list[list[Cell]] = [
        *staff_grid,
        [_cell("经费控制情况", lines[body[at_years][0]]), *(_cell(c) for c in columns)],
    ]
    for row in rows:
        label = "".join(text for text, _ in row.label)
        where = row.label[0][1] if row.label else row.figures[0][1]
        texts = [text for text, _ in row.figures]
        # Figures printed on a line of their own may be another row's (pdftotext's default mode writes
        # a cell late, after the next row's label): only a row's own line places them.
        beside = {id(line) for _, line in row.label}
        if len(texts) == len(columns) and all(id(line) in beside for _, line in row.figures):
            grid.append([_cell(label, where), *(_cell(text, line) for text, line in row.figures)])
            continue
        grid.append([_cell(label, where), *(_cell("") for _ in columns)])
        ambiguous += [
            AmbiguousCell(line.page, line.line, text, label, tuple(columns), line.text.strip())
            for text, line in row.figures
            if not cells.is_blank(text)
        ]
    title = lines[start]
    heading = Block(BlockKind.HEADING, title.text.strip(), title.page, title.line)
    table = _table(grid)
    last = end if end is not None else (body[-1][0] + 1 if body else start + 1)
    return LinearTable(start, last, [heading, Block(BlockKind.TABLE, "", table.page, table.line, table)], ambiguous)


def _is_figure(token: str) -> bool:
    return cells.is_blank(token) or cells.money(token) is not None or _PERCENT.match(token) is not None


def _rows(lines: list[SourceLine], body: list[tuple[int, str]]) -> tuple[list[_Row], int | None]:
    """The expenditure lines: a line opening with a label opens a row, figures alone continue it; a
    label after a row's figures on the same line is no cell of it (text after the table's last row).
    Returns the rows and where the table ends (the footnote's line), if it ends before ``body`` does."""
    rows: list[_Row] = []
    for index, text in body:
        key = compact(text)
        if key.startswith(_END_WORDS) or _is_prose(key):
            return rows, index
        line = lines[index]
        tokens = text.split()
        if not _is_figure(tokens[0]) or not rows:
            rows.append(_Row([], []))
        row = rows[-1]
        for token in tokens:
            if _is_figure(token) and (row.label or row.figures):
                row.figures.append((token, line))
            elif not row.figures:
                row.label.append((token, line))
    return rows, None


def _is_prose(key: str) -> bool:
    """A line of the report's text after the table: a sentence, a heading, a line longer than a row."""
    return "。" in key or is_heading(key) or (len(key) > _ROW_MAX_CHARS and not table_figures(key))


def _staff(lines: list[SourceLine], block: list[tuple[int, str]]) -> tuple[list[list[Cell]], list[AmbiguousCell]]:
    """The staffing header and values rows (empty where the block prints no staffing line); its counts
    reported as ambiguous where the text does not say which label each one is."""
    key = "".join(compact(text) for _, text in block)
    labels = [name for name, markers in _STAFF_MARKERS if any(marker in key for marker in markers)]
    values = [(token, lines[i]) for i, text in block for token in text.split() if _is_figure(token)]
    if not labels or not values:
        return [], []
    placed = _staff_values(labels, values)
    header = [_cell(_STAFF_LABEL, values[0][1]), *(_cell(label) for label in labels)]
    if placed is None:
        ambiguous = [
            AmbiguousCell(ln.page, ln.line, t, _STAFF_LABEL, tuple(labels), ln.text.strip()) for t, ln in values
        ]
        return [header, [_cell(""), *(_cell("") for _ in labels)]], ambiguous
    return [header, [_cell(""), *(_cell(text, line) for text, line in placed)]], []


def _staff_values(labels: list[str], values: list[tuple[str, SourceLine]]) -> list[tuple[str, SourceLine]] | None:
    """The staffing values in the labels' order, or None where the text leaves it open."""
    if len(values) != len(labels):
        return None
    rates = [v for v in values if _PERCENT.match(v[0])]
    if (_RATE in labels) != bool(rates) or len(rates) > 1:
        return None
    counts = [v for v in values if not _PERCENT.match(v[0])]
    by_label = dict(zip([label for label in labels if label != _RATE], counts, strict=True))
    if rates:
        by_label[_RATE] = rates[0]
    if _QUOTA in by_label and _ACTUAL in by_label and by_label[_QUOTA][0] != by_label[_ACTUAL][0]:
        # Two different counts in an order the text may not keep: the printed rate tells which is which.
        swapped = {**by_label, _QUOTA: by_label[_ACTUAL], _ACTUAL: by_label[_QUOTA]}
        holding = [m for m in (by_label, swapped) if _RATE in m and _rate_holds(m)]
        if len(holding) != 1:
            return None
        by_label = holding[0]
    return [by_label[label] for label in labels]


def _rate_holds(values: dict[str, tuple[str, SourceLine]]) -> bool:
    quota, actual = cells.number(values[_QUOTA][0]), cells.number(values[_ACTUAL][0])
    rate = cells.percent(values[_RATE][0])
    if quota is None or actual is None or rate is None or quota == 0:
        return False
    return rounds_to(actual / quota * 100, rate)


def _cell(text: str, line: SourceLine | None = None) -> Cell:
    if line is None:
        return Cell(0, 0, text)
    return Cell(0, 0, text, page=line.page, line=line.line)


def _table(grid: list[list[Cell]]) -> Table:
    """The rows as a grid, cited where its first printed cell stands."""
    first = next((cell for row in grid for cell in row if cell.line is not None), grid[0][0])
    return Table.from_rows(grid, first)
