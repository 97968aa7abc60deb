"""Split the performance tables out of the document's table grids.

Word's text export puts consecutive tables with nothing between them into one grid, and breaks
one table into several grids when a cell holds an empty paragraph. So the grids are read as one
stream of rows, cut where a table starts (a title row such as ``2021年项目绩效目标自评表``, or a
second ``项目名称`` row) and joined where a grid only continues the table before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from budget_reports.model import Block, BlockKind, Cell, Document, Table
from budget_reports.normalize import compact

Row = list[Cell]

# Self-evaluation tables, and a budget's declared targets (绩效目标申报表 / 项目支出绩效目标表).
_TITLE = re.compile(r"(自评表|评分表|基础数据表|指标体系|绩效目标自评|绩效目标申报表|绩效目标表)$")
_TITLE_MAX_CHARS = 60
# A title is a name, never a clause: text holding clause punctuation only mentions a table
# (``…，根据预算一体化系统导出的绩效目标申报表``, a wrapped line of a cell).
_CLAUSE_MARK = re.compile(r"[,，。；;]")
# A paragraph this short between two grids is a piece of a cell cut off by the export (``(55分)``).
_FRAGMENT_MAX_CHARS = 12
_PROJECT_NAME_LABELS = ("项目名称", "专项(项目)名称")


@dataclass(slots=True)
class PerfTable:
    """One performance table: its title as printed (None if it has none) and its rows."""

    title: str | None
    title_line: int | None
    rows: list[Row] = field(default_factory=list)


def is_title(text: str) -> bool:
    key = _strip_year_note(compact(text))
    if len(key) > _TITLE_MAX_CHARS or not _TITLE.search(key) or is_clause(key):
        return False
    return "绩效" in key or "评分" in key


def is_clause(text: str) -> bool:
    """Whether the text is a clause (it holds clause punctuation), which a table's title never is."""
    return bool(_CLAUSE_MARK.search(text))


def _strip_year_note(key: str) -> str:
    # ``部门预算项目支出绩效自评表（2023年度）`` is titled like ``…自评表``.
    return re.sub(r"\(\d{4}\s*年度?\)$", "", key)


def clean_title(text: str) -> str:
    return re.sub(r"\s+", "", text)


def row_texts(row: Row) -> list[str]:
    return [cell.text for cell in row]


def _title_of_row(row: Row) -> Cell | None:
    filled = [cell for cell in row if cell.text.strip()]
    if len(filled) == 1 and is_title(filled[0].text):
        return filled[0]
    return None


def is_project_name_row(row: Row) -> bool:
    return bool(row) and compact(row[0].text) in _PROJECT_NAME_LABELS


def _starts_performance(row: Row) -> bool:
    keys = [compact(cell.text) for cell in row]
    return bool(keys) and (keys[0] in _PROJECT_NAME_LABELS or any(k.startswith("一级指标") for k in keys))


def segment_tables(document: Document) -> list[PerfTable]:
    """Every performance table of the document, in document order."""
    tables: list[PerfTable] = []
    current: PerfTable | None = None
    title_blocks: list[Block] = []  # title paragraphs since the last grid
    fragments: list[Block] = []  # short paragraphs since the last grid
    contiguous = False  # only short paragraphs since the last grid
    for block in document.blocks:
        if block.kind is not BlockKind.TABLE or block.table is None:
            text = block.text.strip()
            if is_title(text):
                title_blocks.append(block)
                contiguous = False
            elif len(compact(text)) <= _FRAGMENT_MAX_CHARS:
                fragments.append(block)
            else:
                contiguous = False
            continue
        rows = [r for r in _rows_as_exported(block.table) if r]
        if not rows:
            continue
        continues = (
            current is not None and contiguous and _title_of_row(rows[0]) is None and not _starts_performance(rows[0])
        )
        if continues and current is not None:
            if fragments and current.rows:
                current.rows[-1] = _append_fragments(current.rows[-1], fragments)
        else:
            current = None
            if title_blocks:
                title = title_blocks[-1]
                current = PerfTable(clean_title(title.text), title.line)
                tables.append(current)
        for row in rows:
            title_cell = _title_of_row(row)
            if title_cell is not None:
                current = PerfTable(clean_title(title_cell.text), title_cell.line)
                tables.append(current)
                continue
            if current is None:
                if not _starts_performance(row):
                    continue
                current = PerfTable(None, row[0].line)
                tables.append(current)
            elif is_project_name_row(row) and any(is_project_name_row(r) for r in current.rows):
                current = PerfTable(current.title, row[0].line)
                tables.append(current)
            current.rows.append(row)
        title_blocks, fragments, contiguous = [], [], True
    return [t for t in tables if t.rows]


def _rows_as_exported(table: Table) -> list[Row]:
    """The table's rows as Word's text export writes a table with merged cells, whatever the
    reader: a merged cell once in its first row, and an empty cell in each row it spans down to
    (a PDF's grid holds the merged cell alone), so a row's cells line up the same way."""
    below: dict[int, list[Cell]] = {}
    for cell in table.cells:
        for r in range(cell.row + 1, cell.row + cell.row_span):
            below.setdefault(r, []).append(Cell(r, cell.col, "", page=cell.page, line=cell.line))
    rows = []
    for index in range(table.n_rows):
        row = table.row_cells(index)
        if index in below:
            row = sorted(row + below[index], key=lambda cell: cell.col)
        rows.append(row)
    return rows


def _append_fragments(row: Row, fragments: list[Block]) -> Row:
    """Give back to the row's last cell the text the export moved out of the grid."""
    last = row[-1]
    text = "\n".join([last.text, *(f.text.strip() for f in fragments)]).strip()
    return [*row[:-1], replace(last, text=text)]
