"""Classification codes in table rows: joined (``2010601``), split over 类/款/项 columns
(``201 | 06 | 01``) or written before the name in one cell (``2010601 行政运行``).

Codes are kept as the printed digits joined; the level follows from the length
(functional: 3/5/7 digits = 类/款/项; economic: 3/5 digits = 类/款).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from budget_reports.extract.standard_tables.common import is_total
from budget_reports.extract.standard_tables.header import Layout, Row
from budget_reports.normalize import compact, parse_decimal

_JOINED = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_PART = re.compile(r"^\d{2,3}$")
_CODE_BEFORE_NAME = re.compile(r"^(\d{3}(?:\d{2}){0,2})\s*(\D.*)$", re.DOTALL)
FUNCTION_LEVELS = {3: "类", 5: "款", 7: "项"}


@dataclass(frozen=True, slots=True)
class CodedColumns:
    """Where a table keeps its codes and names (columns of one side of a side-by-side table)."""

    codes: list[int]  # one joined-code column, or the 类/款/项 columns in order; may be empty
    name: int


def is_code_header(path: tuple[str, ...]) -> bool:
    leaf = path[-1] if path else ""
    return any(w in "".join(path) for w in ("编码", "代码")) or leaf in ("类", "款", "项")


def is_name_header(path: tuple[str, ...]) -> bool:
    leaf = path[-1] if path else ""
    return (leaf == "项目" or "名称" in leaf) and not is_code_header(path)


def coded_columns(layout: Layout, columns: list[int]) -> CodedColumns | None:
    """The code and name columns among ``columns`` (left to right), by header and then by content."""
    codes = layout.find(is_code_header, columns)
    names = [c for c in layout.find(is_name_header, columns) if c not in codes]
    if not names:
        # No 科目名称 header: the first column holding text that is neither a code nor a figure.
        names = [c for c in columns if c not in codes and _mostly_text(layout, c)][:1]
    if not names:
        return None
    name = names[0]
    if not codes:
        codes = [c for c in columns if c < name and _mostly_codes(layout, c)]
    codes = [c for c in codes if c < name] or [c for c in codes if c != name]
    if codes and codes[-1] < name:
        # The 款 and 项 parts beside the code columns the header names: 科目编码 heading only the 类
        # column (the header unmerged), or the levels named in a row the body's 合计 row shares.
        for col in (c for c in columns if codes[-1] < c < name):
            if _code_parts(layout, col):
                codes.append(col)
            elif _holds_parts(layout, col):
                break
    if len(codes) > 1:
        # A level no row prints (the 项 of an economic table, levels named over a 类 column whose own
        # 款 column follows) holds no part of any code: read across, it would end the code before the
        # parts beside it (301 | | | 01 read as 301).
        codes = [c for c in codes if _holds_parts(layout, c)] or codes[:1]
    return CodedColumns(codes, name)


def _mostly_text(layout: Layout, col: int) -> bool:
    texts = [r.compact(col) for r in layout.body if r.compact(col)]
    return bool(texts) and sum(parse_decimal(t) is None for t in texts) * 2 > len(texts)


def _mostly_codes(layout: Layout, col: int) -> bool:
    texts = [r.compact(col) for r in layout.body if r.compact(col)]
    return bool(texts) and all(_PART.match(t) or _JOINED.match(t) for t in texts)


def _holds_parts(layout: Layout, col: int) -> bool:
    """A code column some body row fills with more than its level's name."""
    return any(r.compact(col) not in ("", *FUNCTION_LEVELS.values()) for r in layout.body)


def _code_parts(layout: Layout, col: int) -> bool:
    """A 款 or 项 column: two-digit parts, its level's name where the header row is also the 合计 row."""
    texts = [r.compact(col) for r in layout.body if r.compact(col)]
    parts = [t for t in texts if t not in ("款", "项")]
    return bool(parts) and all(len(t) == 2 and t.isdigit() for t in parts)


def row_code(row: Row, columns: CodedColumns) -> str | None:
    """The row's code as printed digits joined, or None (a total row, a placeholder, no code)."""
    parts = [row.compact(c) for c in columns.codes]
    if len(parts) == 1:
        return parts[0] if _JOINED.match(parts[0]) else None
    if any(parts):
        return _joined_parts(parts)
    match = _CODE_BEFORE_NAME.match(compact(row.texts[columns.name]))
    return match.group(1) if match else None


def row_codes(rows: Sequence[Row], columns: CodedColumns) -> list[str | None]:
    """Each row's code. A row printing only its lower levels' parts (`` | 01 | 基本工资``) under the
    row printing the levels above (the class's cell merged down over its rows, or left blank under
    it) takes those levels from the code read on the row above it."""
    codes: list[str | None] = []
    above: list[str] = []
    for row in rows:
        code = _carried_code(row, columns, above)
        above = _levels(code)
        codes.append(code)
    return codes


def _carried_code(row: Row, columns: CodedColumns, above: list[str]) -> str | None:
    """The row's code, the levels it leaves blank taken from ``above`` (the parts of the code read on
    the row above, level by level)."""
    code = row_code(row, columns)
    parts = [row.compact(c) for c in columns.codes]
    first = next((i for i, part in enumerate(parts) if part), 0)
    if code is None and 0 < first <= len(above):
        code = _joined_parts(above[:first] + parts[first:])
    return code


def _levels(code: str | None) -> list[str]:
    """A code's parts, level by level (2010601 → 201, 06, 01)."""
    return [code[:3], *(code[k : k + 2] for k in range(3, len(code), 2))] if code else []


def _joined_parts(parts: list[str]) -> str | None:
    """Parts read across (201 | 06 | 01 → 2010601), or None where they print no code."""
    joined = ""
    for i, part in enumerate(parts):
        if not part:
            if any(parts[i:]):
                # A part after a missing one (201 | | 01): no code its parts print.
                return None
            break
        if not part.isdigit() or len(part) != (3 if i == 0 else 2):
            # Some reports repeat the full code in each column (201 | 20106 | 2010601).
            if part.isdigit() and part.startswith(joined) and _JOINED.match(part):
                joined = part
                continue
            return None
        joined += part
    return joined if _JOINED.match(joined) else None


def row_name(row: Row, columns: CodedColumns) -> str:
    """The name cell as written, wrapped lines joined without the line break (and no leading code)."""
    text = "".join(part.strip() for part in row.texts[columns.name].splitlines()).strip()
    if not any(row.compact(c) for c in columns.codes):
        match = _CODE_BEFORE_NAME.match(text)
        if match:
            return match.group(2).strip()
    return text


def join_wrapped_rows(rows: list[Row], columns: CodedColumns, value_columns: list[int]) -> list[Row]:
    """Rows that only continue the name above (a wrapped name read as its own row) joined into it."""
    joined: list[Row] = []
    above: list[str] = []  # the parts of the last kept row's code (none: it has no code)
    for row in rows:
        only_name = (
            row.compact(columns.name)
            and not any(row.compact(c) for c in columns.codes)
            and not any(row.compact(c) for c in value_columns)
            # A 合计 row whose figures were not read is still the table's total, never a name's end.
            and not is_total(row.compact(columns.name))
        )
        if only_name and joined and above:
            previous = joined[-1]
            texts = list(previous.texts)
            texts[columns.name] = texts[columns.name] + "\n" + row.texts[columns.name]
            joined[-1] = Row(previous.index, previous.cells, tuple(texts))
            continue
        joined.append(row)
        above = _levels(_carried_code(row, columns, above))
    return joined


def prefixes(code: str) -> tuple[str, str | None, str | None]:
    """(类, 款, 项) codes contained in a functional code."""
    return code[:3], code[:5] if len(code) >= 5 else None, code[:7] if len(code) >= 7 else None
