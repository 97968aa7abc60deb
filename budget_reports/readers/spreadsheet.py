"""Spreadsheets: .xlsx/.xlsm with openpyxl, .xls with xlrd.

Each sheet becomes a heading (the sheet name), then for each block of rows separated by two or more
empty rows (no value and no cell border: a table's empty bordered template rows keep it whole):
its leading title lines (rows with a single filled cell, such as "收入支出决算总表" or "单位：万元")
as paragraphs, the rest as a table, and under a bordered table its trailing notes (rows with a single
filled cell and no border, such as "注：本表无数据") as paragraphs. Under borderless title lines, a
bordered single-cell row stays in the table: it is a header cell spanning the table's width.
Merged ranges become spans; line numbers are the sheet's row numbers. Numbers are written as the
sheet displays them, without float arithmetic: the stored value's shortest repr, quantized to the
decimals its number format fixes (``#,##0.00`` shows 1234567.8 as ``1,234,567.80``; ``00`` shows
6 as ``06``). Dates are ISO text. Formulas give the value the file cached when it was last saved.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from budget_reports.model import Block, BlockKind, Cell, Document, Table
from budget_reports.readers import html
from budget_reports.readers.errors import ReadError
from budget_reports.readers.zipguard import check_zip

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Rows separated by at least this many empty rows form separate tables.
TABLE_GAP_ROWS = 2


@dataclass(slots=True)
class Sheet:
    """A sheet's non-empty display texts and merged ranges, 1-based and inclusive."""

    name: str
    values: dict[tuple[int, int], str]
    merges: list[tuple[int, int, int, int]]  # (first row, first col, last row, last col)
    # Cells drawn with borders: a table's grid, its empty template rows included (titles and notes have none).
    framed: frozenset[tuple[int, int]] = frozenset()


def read_xlsx(path: Path, source_file: str) -> Document:
    import openpyxl  # imported here: loading it costs time the text path should not pay

    check_zip(path, "XLSX", required="[Content_Types].xml")
    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise ReadError(f"XLSX 文件已损坏或不是 Excel 工作簿，无法打开（{type(exc).__name__}）") from exc
    except Exception as exc:  # openpyxl raises many kinds for broken XML; all mean a damaged file
        raise ReadError(f"XLSX 文件已损坏，无法解析（{type(exc).__name__}）") from exc
    sheets = []
    for ws in book.worksheets:
        values = {}
        framed: set[tuple[int, int]] = set()
        bordered: dict[int, bool] = {}  # per border style id: cells share a few styles, looked up once
        # The sparse cell store, not iter_rows: a stray cell far away must not make a huge grid.
        for (row, col), cell in ws._cells.items():
            text = display(cell.value, cell.number_format)
            if text:
                values[(row, col)] = text
            if cell.has_style:
                border_id = cell._style.borderId
                if border_id not in bordered:
                    bordered[border_id] = _has_border(cell.border)
                if bordered[border_id]:
                    framed.add((row, col))
        merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
        sheets.append(Sheet(ws.title, values, merges, frozenset(framed)))
    book.close()
    return _document(sheets, source_file, "xlsx")


def _has_border(border) -> bool:
    return any(side is not None and side.style for side in (border.left, border.right, border.top, border.bottom))


def read_xls(path: Path, source_file: str) -> Document:
    with path.open("rb") as handle:
        head = handle.read(1024)
    if head.startswith(b"PK"):  # an .xlsx saved under an .xls name
        document = read_xlsx(path, source_file)
        document.file_format = "xls"
        return document
    if html.looks_like_html(head):  # many sites serve a web page as "xxx.xls"
        return html.read(path, source_file)
    if not head.startswith(_OLE_MAGIC):
        raise ReadError("不是有效的 Excel（.xls）文件（文件头不是 Excel 格式，可能已损坏或扩展名有误）")
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True)
    except Exception as exc:  # xlrd raises its own and struct errors for damaged files
        raise ReadError(f"XLS 文件已损坏，无法打开（{type(exc).__name__}: {exc}）") from exc
    sheets = [_xls_sheet(book, book.sheet_by_index(i)) for i in range(book.nsheets)]
    book.release_resources()
    return _document(sheets, source_file, "xls")


def _xls_sheet(book, sheet) -> Sheet:
    import xlrd

    values = {}
    framed = set()
    bordered: dict[int, bool] = {}  # per XF record: cells share a few, looked up once
    for r in range(sheet.nrows):
        for c, cell in enumerate(sheet.row(r)):
            xf_index = sheet.cell_xf_index(r, c)
            if xf_index not in bordered:
                bordered[xf_index] = _xls_has_border(book, xf_index)
            if bordered[xf_index]:
                framed.add((r + 1, c + 1))
            if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                continue
            if cell.ctype == xlrd.XL_CELL_DATE:
                value = xlrd.xldate_as_datetime(cell.value, book.datemode)
                text = display(value, "")
            elif cell.ctype == xlrd.XL_CELL_NUMBER:
                text = display(cell.value, _xls_format(book, sheet.cell_xf_index(r, c)))
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                text = display(bool(cell.value), "")
            elif cell.ctype == xlrd.XL_CELL_ERROR:
                text = xlrd.error_text_from_code.get(cell.value, "#ERR")
            else:
                text = str(cell.value)
            if text:
                values[(r + 1, c + 1)] = text
    merges = [(r0 + 1, c0 + 1, r1, c1) for r0, r1, c0, c1 in sheet.merged_cells]
    return Sheet(sheet.name, values, merges, frozenset(framed))


def _xls_has_border(book, xf_index: int) -> bool:
    if xf_index < 0:  # xlrd pads short rows with -1: no cell there
        return False
    try:
        border = book.xf_list[xf_index].border
    except IndexError:
        return False
    return any((border.left_line_style, border.right_line_style, border.top_line_style, border.bottom_line_style))


def _xls_format(book, xf_index: int) -> str:
    try:
        return book.format_map[book.xf_list[xf_index].format_key].format_str
    except (IndexError, KeyError):
        return "General"


# ---------------------------------------------------------------------------- display of values

_LITERALS = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')


def display(value: object, number_format: str | None) -> str:
    """The text a spreadsheet shows for ``value`` under ``number_format`` (numbers and dates only)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return format_number(value, number_format or "General")
    return str(value)


def format_number(value: float | int | Decimal, number_format: str) -> str:
    try:
        # The shortest repr is what the sheet stored and shows; never compute with the float itself.
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    section = _LITERALS.sub("", number_format.split(";")[0])
    if "%" in section:
        number = number.scaleb(2)
    placeholders = re.search(r"[0#?]", section)
    scientific = "e+" in section.lower() or "e-" in section.lower()
    if section.strip().lower() in ("", "general", "@") or placeholders is None or scientific:
        text = _plain(number)
    else:
        decimals = re.search(r"\.([0#?]*)", section)
        fixed = decimals.group(1).count("0") if decimals else 0
        most = len(decimals.group(1)) if decimals else 0
        number = number.quantize(Decimal(1).scaleb(-most), rounding=ROUND_HALF_UP)
        text = format(number, ",f" if "," in section else "f")
        text = _pad_integer(text, section.split(".")[0].count("0"), grouped="," in section)
        if most > fixed and "." in text:  # optional decimals (#): drop trailing zeros down to the fixed ones
            whole, frac = text.split(".")
            frac = frac.rstrip("0").ljust(fixed, "0")
            text = f"{whole}.{frac}" if frac else whole
    return text + "%" if "%" in section else text


def _pad_integer(text: str, digits: int, grouped: bool) -> str:
    """Zeros the format requires before the decimal point: ``00`` shows 6 as ``06`` (codes typed as numbers)."""
    sign, body = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, dot, frac = body.partition(".")
    plain = whole.replace(",", "")
    if len(plain) >= digits:
        return text
    plain = plain.zfill(digits)
    if grouped:
        head = len(plain) % 3 or 3
        plain = ",".join([plain[:head], *(plain[i : i + 3] for i in range(head, len(plain), 3))])
    return f"{sign}{plain}{dot}{frac}"


def _plain(number: Decimal) -> str:
    if number == number.to_integral_value():
        return format(number.quantize(Decimal(1)), "f")
    return format(number, "f")


# ---------------------------------------------------------------------------- sheets to blocks


def _document(sheets: list[Sheet], source_file: str, file_format: str) -> Document:
    document = Document(source_file=source_file, file_format=file_format)
    for sheet in sheets:
        document.blocks.append(Block(BlockKind.HEADING, sheet.name, None, None))
        if not sheet.values:
            document.warnings.append(f"工作表“{sheet.name}”为空")
            continue
        for rows in _row_groups(sheet):
            document.blocks.extend(_group_blocks(sheet, rows))
    return document


def _row_groups(sheet: Sheet) -> Iterable[list[int]]:
    """Runs of used rows (filled, framed, or inside a merge) separated by TABLE_GAP_ROWS or more empty rows."""
    last_value_row = max(r for r, _ in sheet.values)
    first_value_row = min(r for r, _ in sheet.values)
    used = {r for r, _ in sheet.values}
    used.update(r for r, _ in sheet.framed if first_value_row <= r <= last_value_row)
    for r0, _, r1, _ in sheet.merges:
        used.update(range(r0, min(r1, last_value_row) + 1))
    group: list[int] = []
    for row in sorted(used):
        if group and row - group[-1] > TABLE_GAP_ROWS:
            yield group
            group = []
        group.append(row)
    if group:
        yield group


def _group_blocks(sheet: Sheet, rows: list[int]) -> list[Block]:
    first, last = rows[0], rows[-1]
    filled_per_row: dict[int, list[int]] = {}
    for r, c in sheet.values:
        if first <= r <= last:
            filled_per_row.setdefault(r, []).append(c)
    framed_rows = {r for r, _ in sheet.framed if first <= r <= last}
    blocks: list[Block] = []
    notes: list[Block] = []
    if any(len(cols) > 1 for cols in filled_per_row.values()):
        # Title lines: leading rows with one filled cell, as long as a wider row follows. Under borderless
        # titles, a bordered one is a header cell spanning the table (财政拨款“三公”经费), not a title;
        # when the title is bordered too, borders tell nothing.
        titles_framed = first in framed_rows
        while len(filled_per_row.get(first, ())) <= 1 and (titles_framed or first not in framed_rows):
            if first in filled_per_row:
                text = sheet.values[(first, filled_per_row[first][0])].strip()
                if text:
                    blocks.append(Block(BlockKind.PARAGRAPH, text, None, first))
            first += 1
        # Notes under a bordered table (注：本表无数据): trailing rows with one filled cell and no border.
        while framed_rows and last > first and len(filled_per_row.get(last, ())) <= 1 and last not in framed_rows:
            if last in filled_per_row:
                text = sheet.values[(last, filled_per_row[last][0])].strip()
                if text:
                    notes.insert(0, Block(BlockKind.PARAGRAPH, text, None, last))
            last -= 1
    columns = [c for r, cols in filled_per_row.items() if first <= r <= last for c in cols]
    col0, col1 = min(columns), max(columns)
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for r0, c0, r1, c1 in sheet.merges:
        if first <= r0 <= last and col0 <= c0 <= col1:
            r1, c1 = min(r1, last), min(c1, col1)
            spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
            covered.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (r, c) != (r0, c0))
    cells = []
    for r in range(first, last + 1):
        for c in range(col0, col1 + 1):
            if (r, c) in covered:
                continue
            row_span, col_span = spans.get((r, c), (1, 1))
            text = sheet.values.get((r, c), "")
            cells.append(Cell(r - first, c - col0, text, row_span=row_span, col_span=col_span, line=r))
    table = Table(tuple(cells), last - first + 1, col1 - col0 + 1, line=first)
    blocks.append(Block(BlockKind.TABLE, "\n".join("\t".join(row) for row in table.grid()), None, first, table))
    return blocks + notes
