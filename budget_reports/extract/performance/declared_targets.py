"""A budget's performance targets (绩效目标申报表 / 项目支出绩效目标表) from text extracted from a PDF.

A budget report (部门预算) attaches, per project, the targets it declared before the year: the
project, its money for the year and its indicators (一级/二级/三级指标 and 年度指标值). Text
extracted from the PDF writes the form as loose lines: label and figure pairs
(``项目资金总额 10,308,000.00 年度资金申请总额 3,498,000.00``), then one line per indicator whose
merged level cells are printed once, on the middle line of their group, or wrapped around it
(``服务对象满意度`` / ``满意度指标 群众满意度 ≥90.00(%)`` / ``指标``). The levels are recognised
from the standard indicator framework (``LEVEL2_OF``: each 二级指标 and the 一级指标 it belongs
to), so a line printing no 一级 takes it from its 二级; a level neither printed nor implied stays
NULL. The targets go to the performance views like a self-evaluation's, with no result or score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from budget_reports.extract.performance import cells
from budget_reports.extract.performance.indicators import COMPARATOR, L3, TARGET, UNIT, IndicatorRow, header_columns
from budget_reports.extract.performance.projects import DECLARED_FUNDS, FundLine, ProjectHeader
from budget_reports.extract.performance.segment import PerfTable, Row, is_clause
from budget_reports.extract.performance.values import parse_comparator, parse_value
from budget_reports.extract.standard_tables.recognise import unit_of
from budget_reports.model import Block, BlockKind, Cell, Document
from budget_reports.normalize import compact

# Titles of the form, as provinces print them (the end of the title; 财政项目支出绩效目标申报表 …).
TITLE_ENDINGS = ("绩效目标申报表", "绩效目标表")
_TITLE_MAX_CHARS = 40

# The standard indicator framework: 二级指标 → its 一级指标 (2021 framework and its predecessor).
LEVEL2_OF: dict[str, str] = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "成本指标": "产出指标",  # before 2021 成本 was an 产出 indicator
    "经济成本指标": "成本指标",
    "社会成本指标": "成本指标",
    "生态环境成本指标": "成本指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
}
LEVEL1 = frozenset({"产出指标", "效益指标", "满意度指标", "成本指标"})
# Words of the form's frame printed on lines of their own (the merged 绩效指标 label …).
_FRAME = frozenset({"绩效", "指标", "绩效指标", "项目", "目标", "项目绩效目标"})

_NAME_LABELS = ("项目名称",)
_NEXT_LABELS = ("项目性质", "项目类别", "项目编码", "项目属性", "主管部门", "实施单位")
INDICATOR_HEADER = "一级指标二级指标三级指标"
_PAREN_UNIT = re.compile(r"^[(（](元|万元)[)）]$")
# A title may end with its year: 项目支出绩效目标申报表（2026年度）.
_YEAR_SUFFIX = re.compile(r"[(（]\d{4}年度?[)）]$")
# A line this long, or a sentence, is prose after the form, not an indicator.
LINE_MAX_CHARS = 60


@dataclass(slots=True)
class DeclaredTargets:
    """One project's form: what the performance views need, as the table readers give it."""

    table: PerfTable
    header: ProjectHeader
    indicators: list[IndicatorRow] = field(default_factory=list)


def is_title(text: str) -> bool:
    if "表" not in text:  # every title ends in 表 (and no other character folds into it): most lines stop here
        return False
    key = _YEAR_SUFFIX.sub("", compact(text))
    return 0 < len(key) <= _TITLE_MAX_CHARS and key.endswith(TITLE_ENDINGS) and not is_clause(key)


def declared_targets(document: Document) -> list[DeclaredTargets]:
    """Every form written as lines (paragraph blocks) in the document, in order."""
    blocks = document.blocks
    found: list[DeclaredTargets] = []
    starts = [i for i, b in enumerate(blocks) if b.kind is not BlockKind.TABLE and is_title(b.text)]
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(blocks)
        lines = [b for b in blocks[start + 1 : end] if b.kind is BlockKind.PARAGRAPH]
        form = _read_form(blocks[start], lines)
        if form is not None:
            found.append(form)
    return found


def _read_form(title: Block, lines: list[Block]) -> DeclaredTargets | None:
    header_at = next((i for i, b in enumerate(lines) if compact(b.text).startswith(INDICATOR_HEADER)), None)
    money_lines = lines if header_at is None else lines[:header_at]
    header = _project_header(money_lines)
    if header.name is None:
        return None
    indicators = _indicators(lines[header_at:]) if header_at is not None else []
    if not header.funds and not indicators:
        return None
    table = PerfTable(compact(title.text), title.line)
    return DeclaredTargets(table, header, indicators)


def _cell(block: Block, text: str, col: int = 0) -> Cell:
    return Cell(0, col, text, page=block.page, line=block.line)


def _project_header(lines: list[Block]) -> ProjectHeader:
    header = ProjectHeader()
    unit = "万元"
    for block in lines:
        key = compact(block.text)
        unit = _money_unit(key) or unit
    for block in lines:
        words = block.text.split()
        for i, word in enumerate(words):
            if header.name is None and compact(word) in _NAME_LABELS and i + 1 < len(words):
                name = _name_after(words[i + 1 :])
                if name:
                    header.name, header.name_cell = name, _cell(block, name, 1)
            label = compact(word).removeprefix("其中:").removeprefix("其中：")
            source = next((s for lbl, s in DECLARED_FUNDS if label == lbl), None)
            value = cells.money(words[i + 1], unit) if i + 1 < len(words) else None
            if source is None or value is None or any(f.fund_source == source for f in header.funds):
                continue
            cell = _cell(block, words[i + 1], 1)
            row: Row = [_cell(block, word), cell]
            header.funds.append(FundLine(source, cell, row, {"budget_initial": value}))
    return header


def _money_unit(key: str) -> str | None:
    match = _PAREN_UNIT.match(key)
    return match.group(1) if match else unit_of(key)


def _name_after(words: list[str]) -> str:
    name = []
    for word in words:
        if compact(word).startswith(_NEXT_LABELS):
            break
        name.append(word)
    return "".join(name)


def _value_roles(header: Block) -> list[str]:
    """Roles of the columns after 三级指标, left to right (年度指标值; or 指标性质, 指标值, 度量单位 …)."""
    words = header.text.split()
    columns = header_columns([Cell(0, i, w) for i, w in enumerate(words)])
    level3_at = next((i for i, role in columns.items() if role == L3), len(words))
    return [columns.get(i, "") for i in range(level3_at + 1, len(words))] or [TARGET]


def _indicators(lines: list[Block]) -> list[IndicatorRow]:
    """The indicator lines under the header line: levels by the framework, the value columns last."""
    roles = _value_roles(lines[0])
    out: list[IndicatorRow] = []
    fragment: str | None = None  # a wrapped 二级 name printed on the line before its row
    for block in lines[1:]:
        words = block.text.split()
        if not words:
            continue
        key = compact(block.text)
        if len(words) == 1 and (key in _FRAME or key + "指标" in LEVEL2_OF):
            completed = _complete(fragment, key)
            if completed and out and out[-1].level2 is None:
                out[-1] = _with_level2(out[-1], completed)  # the wrapped name ends below its row
                fragment = None
            elif key + "指标" in LEVEL2_OF:
                fragment = key
            continue
        row = _indicator(block, words, roles, fragment) if len(key) <= LINE_MAX_CHARS and "。" not in key else None
        if row is None:
            break  # prose after the form
        fragment = None if row.level2 is not None else fragment
        out.append(row)
    return out


def _complete(fragment: str | None, key: str) -> str | None:
    if fragment is None:
        return None
    joined = fragment + key
    return joined if joined in LEVEL2_OF else None


def _indicator(block: Block, words: list[str], roles: list[str], fragment: str | None) -> IndicatorRow | None:
    printed_words = list(words)
    levels = []
    while len(words) > len(roles) + 1 and (compact(words[0]) in LEVEL1 or compact(words[0]) in LEVEL2_OF):
        levels.append(compact(words.pop(0)))
    if len(words) < len(roles) + 1:
        return None
    level1, level2 = _levels(levels, fragment)
    values = dict(zip(roles, words[-len(roles) :], strict=True))
    name = "".join(words[: -len(roles)])
    target_text = cells.printed(values.get(TARGET))
    target = parse_value(target_text)
    if COMPARATOR in values or UNIT in values:  # comparator and unit printed in columns of their own
        comparator = parse_comparator(values.get(COMPARATOR))
        value, unit = cells.number(target_text), cells.printed(values.get(UNIT))
    else:
        comparator = target.comparator if target else None
        value, unit = (target.value, target.unit) if target else (None, None)
    name_cell = _cell(block, name, 2)
    row: Row = [_cell(block, word, col) for col, word in enumerate(printed_words)]  # the line as printed
    return IndicatorRow(
        level1=level1,
        level2=level2,
        level3=name,
        target_text=target_text,
        actual_text=None,
        target_value=value,
        actual_value=None,
        value_unit=unit,
        comparator=comparator,
        weight=None,
        score=None,
        deviation_reason=None,
        cell=name_cell,
        row=row,
    )


def _levels(printed: list[str], fragment: str | None) -> tuple[str | None, str | None]:
    """(一级, 二级) of a line from the level words it prints, the wrapped 二级 above it, the framework."""
    level1 = level2 = None
    if len(printed) >= 2:
        level1, level2 = printed[0], printed[1]
    elif len(printed) == 1:
        word = printed[0]
        if word in LEVEL1 and (fragment is not None or word not in LEVEL2_OF):
            level1 = word
        else:
            level2 = word
    if level2 is None and fragment is not None and fragment + "指标" in LEVEL2_OF:
        level2 = fragment + "指标"
    if level1 is None and level2 is not None:
        level1 = LEVEL2_OF.get(level2)
    return level1, level2


def _with_level2(row: IndicatorRow, level2: str) -> IndicatorRow:
    return replace(row, level2=level2, level1=row.level1 or LEVEL2_OF.get(level2))
