"""Indicator rows of a self-evaluation table (一级/二级/三级指标, targets, results, points).

The header row (the one with ``一级指标``) names the columns; the rows below it are indicators
until the total (``合计`` / ``总分``). A level cell that is empty was merged with the one above
and inherits its text; a new 一级指标 starts its 二级指标 afresh.

Repairs of what the text export breaks, each seen in the seeds:
- a row cut in two by an empty paragraph inside a cell (2 cells, then 4) is joined again;
- a row with one empty cell too many (a split column) loses that empty cell;
- a header row run together with the first indicator row (header cells written with a space
  before the TAB) is split, and the columns are then taken by position (6 columns: label,
  一级, 二级, 三级, 预期值, 实际值).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from budget_reports.extract.performance import cells
from budget_reports.extract.performance.segment import Row
from budget_reports.extract.performance.sentences import same_sentence, sentence_value
from budget_reports.extract.performance.values import parse_comparator, parse_value
from budget_reports.model import Cell
from budget_reports.normalize import compact

L1, L2, L3 = "level1", "level2", "level3"
TARGET, ACTUAL, COMPARATOR, UNIT = "target", "actual", "comparator", "unit"
WEIGHT, SCORE, REASON = "weight", "score", "reason"
COMPLETION = "completion"

_HEADER_MARKERS = (
    ("一级", L1),
    ("二级", L2),
    ("三级", L3),
    ("指标性质", COMPARATOR),
    ("度量单位", UNIT),
    ("完成率", COMPLETION),
    ("实际完成", ACTUAL),
    ("完成值", ACTUAL),
    ("完成数", ACTUAL),
    ("指标值", TARGET),
    ("分值", WEIGHT),
    ("权重", WEIGHT),
    ("得分", SCORE),
    ("原因", REASON),
)
_POSITIONAL = {6: {1: L1, 2: L2, 3: L3, 4: TARGET, 5: ACTUAL}}
_END_LABELS = ("合计", "总分", "评价结论", "存在问题", "改进措施")
_PLACEHOLDER = re.compile(r"^(指标\d+[:：]?)?(…+|\.{3,})?$")


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    level1: str | None
    level2: str | None
    level3: str | None
    target_text: str | None
    actual_text: str | None
    target_value: Decimal | None
    actual_value: Decimal | None
    value_unit: str | None
    comparator: str | None
    weight: Decimal | None
    score: Decimal | None
    deviation_reason: str | None
    cell: Cell  # the cell whose line is cited
    row: Row
    completion_pct_declared: Decimal | None = None  # 完成率（%） where the table prints one (001)


def find_header(rows: list[Row]) -> int | None:
    for index, row in enumerate(rows):
        if any(compact(c.text).startswith("一级") for c in row):
            return index
    return None


def header_columns(header: Row) -> dict[int, str]:
    columns: dict[int, str] = {}
    for index, cell in enumerate(header):
        key = compact(cell.text)
        for marker, role in _HEADER_MARKERS:
            if marker in key:
                if role is not None:
                    columns[index] = role
                break
    return columns


def _is_header_cell(cell: Cell) -> bool:
    key = compact(cell.text)
    return key.startswith("年度绩效指标") or key.startswith("绩效指标") or any(m in key for m, _ in _HEADER_MARKERS)


def split_overrun_header(header: Row) -> tuple[Row, Row | None]:
    """A header row that runs on into the first indicator row → (header cells, indicator row)."""
    first_data = next((i for i, c in enumerate(header) if i > 0 and not _is_header_cell(c)), None)
    if first_data is None:
        return header, None
    carrier = header[first_data - 1]
    lines = carrier.text.split("\n")
    marker_lines = [i for i, line in enumerate(lines) if any(m in compact(line) for m, _ in _HEADER_MARKERS)]
    marker_line = max(marker_lines, default=len(lines) - 1)
    head_text = "\n".join(lines[: marker_line + 1])
    tail_text = "".join(lines[marker_line + 1 :])
    head = [*header[: first_data - 1], Cell(carrier.row, carrier.col, head_text, page=carrier.page, line=carrier.line)]
    tail_cell = Cell(carrier.row, carrier.col, tail_text, page=carrier.page, line=carrier.line)
    blank = Cell(carrier.row, 0, "", page=carrier.page, line=carrier.line)
    if not tail_text:  # the first indicator row's cells all stand on their own
        return head, [blank, *header[first_data:]]
    return head, [blank, tail_cell, *header[first_data:]]


def indicator_rows(rows: list[Row]) -> list[IndicatorRow]:
    start = find_header(rows)
    if start is None:
        return []
    header, overrun = split_overrun_header(rows[start])
    body = ([overrun] if overrun else []) + _body(rows[start + 1 :])
    columns = header_columns(header)
    width = len(header)
    if overrun is not None or not {L3, TARGET, ACTUAL} <= set(columns.values()):
        width = len(overrun) if overrun is not None else width
        columns = _POSITIONAL.get(width, columns)
    out: list[IndicatorRow] = []
    inherited: dict[str, str | None] = {L1: None, L2: None, L3: None}
    for row in _fit(body, width, columns):
        texts = {role: row[i].text for i, role in columns.items() if i < len(row)}
        for level in (L1, L2):
            if texts.get(level, "").strip():
                if level == L1 and cells.label(texts[L1]) != inherited[L1]:
                    inherited[L2] = None
                inherited[level] = cells.label(texts[level])
        level3 = cells.label(texts.get(L3, "")) or None
        if _is_placeholder(level3, texts):
            continue
        out.append(_indicator(inherited[L1], inherited[L2], level3, texts, row, columns))
    return out


def _body(rows: list[Row]) -> list[Row]:
    body = []
    for row in rows:
        if row and cells.label(row[0].text) in _END_LABELS:
            break
        body.append(row)
    return body


def _fit(rows: list[Row], width: int, columns: dict[int, str]) -> list[Row]:
    """Rows of exactly ``width`` cells: join rows the export cut in two, drop a split column's empty cell."""
    level3_index = next((i for i, role in columns.items() if role == L3), 0)
    fitted: list[Row] = []
    index = 0
    while index < len(rows):
        row = list(rows[index])
        index += 1
        while len(row) < width and index < len(rows) and len(row) + len(rows[index]) <= width:
            row += rows[index]
            index += 1
        while len(row) > width:
            extra = next((i for i in range(level3_index + 1, len(row)) if cells.is_blank(row[i].text)), None)
            if extra is None:
                break
            del row[extra]
        if len(row) == width:
            fitted.append(row)
    return fitted


def _is_placeholder(level3: str | None, texts: dict[str, str]) -> bool:
    """Template lines left unfilled (``指标2：`` / ``……`` with no value) are not indicators."""
    filled = [texts.get(role, "") for role in (TARGET, ACTUAL, WEIGHT, SCORE, REASON)]
    if any(not cells.is_blank(t) for t in filled):
        return False
    return level3 is None or _PLACEHOLDER.match(level3) is not None


def _indicator(
    level1: str | None, level2: str | None, level3: str | None, texts: dict[str, str], row: Row, columns: dict[int, str]
) -> IndicatorRow:
    target_text = cells.printed(texts.get(TARGET))
    actual_text = cells.printed(texts.get(ACTUAL))
    if COMPARATOR in texts or UNIT in texts:  # value, comparator and unit printed in columns of their own
        comparator = parse_comparator(texts.get(COMPARATOR))
        target_value = cells.number(target_text)
        actual_value = cells.number(actual_text)
        unit = cells.printed(texts.get(UNIT))
    else:
        target = parse_value(target_text)
        actual = parse_value(actual_text)
        if target is None and (target := sentence_value(target_text)) is not None and actual is None:
            # A result sentence is read only where it restates the target's sentence with its own
            # figure: another sentence may count something else (满意率 against 接种率, 003 line 627).
            actual = sentence_value(actual_text) if same_sentence(target_text, actual_text) else None
        comparator = target.comparator if target else None
        target_value = target.value if target else None
        actual_value = actual.value if actual else None
        unit = (target.unit if target else None) or (actual.unit if actual else None)
        if target and actual and not _same_unit(target.unit, actual.unit):
            actual_value = None  # ``≥1人`` against ``0户``: one value_unit cannot describe both numbers
    level3_index = next((i for i, role in columns.items() if role == L3), 0)
    return IndicatorRow(
        level1=level1,
        level2=level2,
        level3=level3,
        target_text=target_text,
        actual_text=actual_text,
        target_value=target_value,
        actual_value=actual_value,
        value_unit=unit,
        comparator=comparator,
        weight=cells.number(texts.get(WEIGHT)),
        score=cells.number(texts.get(SCORE)),
        deviation_reason=cells.printed(texts.get(REASON)),
        cell=row[level3_index],
        row=row,
        completion_pct_declared=cells.percent(texts.get(COMPLETION)),
    )


def _same_unit(a: str | None, b: str | None) -> bool:
    """Units that describe the same count: equal, one missing, or the same base (``次`` and ``次/年``)."""
    if a is None or b is None or a == b:
        return True
    return a.split("/")[0] == b.split("/")[0]
