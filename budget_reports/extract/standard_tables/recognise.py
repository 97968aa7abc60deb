"""Which standard table (附表) a table block is: its title, money unit and "no data" note.

The title is looked for in the blocks just above the table (PDF, DOCX) or in the table's first
rows (spreadsheets put the title and the 单位 line in merged rows above the header). When no
title is found, the header alone decides for the kinds whose header is unmistakable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from budget_reports.model import Block, BlockKind, Document, Table
from budget_reports.normalize import compact


class TableKind(StrEnum):
    """The standard tables, named by their title without quotation marks."""

    OVERVIEW = "收入支出决算总表"
    INCOME = "收入决算表"
    EXPENDITURE = "支出决算表"
    FISCAL_OVERVIEW = "财政拨款收入支出决算总表"
    FISCAL_DETAIL = "财政拨款支出决算明细表"
    GPB_EXPENDITURE = "一般公共预算财政拨款支出决算表"
    GPB_INCOME_EXPENDITURE = "一般公共预算财政拨款收入支出决算表"
    GPB_DETAIL = "一般公共预算财政拨款支出决算明细表"
    GPB_BASIC = "一般公共预算财政拨款基本支出决算表"
    GPB_BASIC_DETAIL = "一般公共预算财政拨款基本支出决算明细表"
    GPB_PROJECT = "一般公共预算财政拨款项目支出决算表"
    THREE_PUBLIC = "财政拨款三公经费支出决算表"
    GPB_THREE_PUBLIC = "一般公共预算财政拨款三公经费支出决算表"
    GOV_FUND = "政府性基金预算财政拨款收入支出决算表"
    GOV_FUND_EXPENDITURE = "政府性基金预算财政拨款支出决算表"
    GOV_FUND_THREE_PUBLIC = "政府性基金预算财政拨款三公经费支出决算表"
    STATE_CAPITAL = "国有资本经营预算财政拨款收入支出决算表"
    STATE_CAPITAL_EXPENDITURE = "国有资本经营预算财政拨款支出决算表"
    # The budget report's tables (部门预算), named as Shanghai prints them; other names in BUDGET_TITLES.
    BUDGET_OVERVIEW = "财务收支预算总表"
    BUDGET_INCOME = "收入预算总表"
    BUDGET_EXPENDITURE = "支出预算总表"
    BUDGET_FISCAL_OVERVIEW = "财政拨款收支预算总表"
    BUDGET_GPB = "一般公共预算支出功能分类预算表"
    BUDGET_GOV_FUND = "政府性基金预算支出功能分类预算表"
    BUDGET_STATE_CAPITAL = "国有资本经营预算支出功能分类预算表"
    BUDGET_GPB_BASIC = "一般公共预算基本支出部门预算经济分类预算表"
    BUDGET_GPB_PROJECT = "一般公共预算项目支出预算表"
    BUDGET_THREE_PUBLIC = "三公经费和机关运行经费预算表"
    BUDGET_GOV_FUND_THREE_PUBLIC = "政府性基金预算三公经费支出预算表"


# Other titles of the budget tables, by province (quotation marks left out: they are ignored).
BUDGET_TITLES: dict[str, TableKind] = {
    # Shanghai (市级, 区级) variants
    "部门财务收支预算总表": TableKind.BUDGET_OVERVIEW,
    "收支预算总表": TableKind.BUDGET_OVERVIEW,
    "收入支出预算总表": TableKind.BUDGET_OVERVIEW,
    "财政拨款收入支出预算总表": TableKind.BUDGET_FISCAL_OVERVIEW,
    "一般公共预算基本支出经济分类预算表": TableKind.BUDGET_GPB_BASIC,
    "三公经费预算表": TableKind.BUDGET_THREE_PUBLIC,
    # Sichuan's fourteen tables (表1 部门收支总表 … 表4 国有资本经营预算支出预算表)
    "部门收支总表": TableKind.BUDGET_OVERVIEW,
    "部门收入总表": TableKind.BUDGET_INCOME,
    "部门支出总表": TableKind.BUDGET_EXPENDITURE,
    "财政拨款收支总表": TableKind.BUDGET_FISCAL_OVERVIEW,
    "一般公共预算支出预算表": TableKind.BUDGET_GPB,
    "一般公共预算基本支出预算表": TableKind.BUDGET_GPB_BASIC,
    "一般公共预算三公经费支出预算表": TableKind.BUDGET_THREE_PUBLIC,
    "政府性基金预算支出预算表": TableKind.BUDGET_GOV_FUND,
    "政府性基金支出预算表": TableKind.BUDGET_GOV_FUND,
    "国有资本经营预算支出预算表": TableKind.BUDGET_STATE_CAPITAL,
}
BUDGET_KINDS = frozenset(k for k in TableKind if k.name.startswith("BUDGET_"))

# Every title a kind is printed with; longest first, so 一般公共预算财政拨款支出决算表 is not taken
# for 支出决算表, nor 一般公共预算基本支出预算表 for 支出预算表.
_TITLES_BY_LENGTH = sorted(
    [(kind.value, kind) for kind in TableKind] + list(BUDGET_TITLES.items()),
    key=lambda pair: len(pair[0]),
    reverse=True,
)
_QUOTES = re.compile(r"[“”\"‘’'「」『』〝〞]")
_TITLE_MAX_CHARS = 80
# Blocks looked at above a table for its title and unit line.
_LOOK_BACK = 4
_LOOK_AHEAD = 3
_UNIT = re.compile(r"单位[:：]?\s*(万元|亿元|元)")
_NO_DATA = re.compile(r"无数据|为空表|本(?:部门|单位)(?:本年度|\d{4}年度?)?(?:没有|无)")
_PREAMBLE = re.compile(r"^(?:部门|单位|编制单位|填报单位|公开\d*表|表\d+(?:-\d+)?)[:：]?")


@dataclass(frozen=True, slots=True)
class StandardTable:
    kind: TableKind
    title: str  # as written (quotation marks kept)
    block: Block
    unit: str  # 万元 / 元 / 亿元, as the 单位 line says (万元 when none is printed)
    no_data: bool  # the table says it has no data
    first_row: int  # first row after the title / unit rows inside the table
    fiscal_year: int | None = None  # the report's year (its identity), where known: tables printing two years

    @property
    def is_budget(self) -> bool:
        """A table of a budget report (部门预算): its amounts are the year's budget, not outcomes."""
        return self.kind in BUDGET_KINDS

    @property
    def table(self) -> Table:
        assert self.block.table is not None
        return self.block.table


def kind_of_title(text: str) -> TableKind | None:
    """The kind a title names (``表1 收入支出决算总表（续）`` → OVERVIEW), else None."""
    key = _QUOTES.sub("", compact(text))
    if not key or len(key) > _TITLE_MAX_CHARS or "说明" in key:
        return None
    for title, kind in _TITLES_BY_LENGTH:
        if title in key:
            return kind
    return None


def unit_of(text: str) -> str | None:
    match = _UNIT.search(compact(text))
    return match.group(1) if match else None


def says_no_data(text: str) -> bool:
    return _NO_DATA.search(compact(text)) is not None


def find_standard_tables(document: Document) -> list[StandardTable]:
    """Every table block of the document that is one of the standard tables, in document order."""
    found = []
    blocks = document.blocks
    for index, block in enumerate(blocks):
        if block.kind is not BlockKind.TABLE or block.table is None:
            continue
        recognised = _recognise(blocks, index)
        if recognised is not None:
            found.append(recognised)
    return found


def _recognise(blocks: list[Block], index: int) -> StandardTable | None:
    block = blocks[index]
    table = block.table
    assert table is not None
    grid = table.grid()
    title, kind, unit = "", None, None
    # Inside the table: title / unit rows above the header (spreadsheets, some DOCX).
    first_row = 0
    for row in grid[:4]:
        texts = list(dict.fromkeys(t for t in (compact(c) for c in row) if t))
        if not texts or len(texts) > 3:
            break
        row_kind = next((k for k in map(kind_of_title, texts) if k is not None), None)
        row_unit = next((u for u in map(unit_of, texts) if u is not None), None)
        if row_kind is None and row_unit is None and not any(_PREAMBLE.match(t) for t in texts):
            break
        if row_kind is not None and kind is None:
            kind, title = row_kind, next(t for t in row if t and kind_of_title(t) is row_kind)
        unit = unit or row_unit
        first_row += 1
    # Above the table: the nearest title, and a unit line between it and the table.
    for previous in reversed(blocks[max(0, index - _LOOK_BACK) : index]):
        if previous.kind is BlockKind.TABLE:
            break
        unit = unit or unit_of(previous.text)
        previous_kind = kind_of_title(previous.text)
        if previous_kind is not None:
            if kind is None:
                kind, title = previous_kind, previous.text
            break
    if kind is None:
        kind = kind_of_header(grid[first_row : first_row + 6])
        title = kind.value if kind is not None else ""
    if kind is None:
        return None
    no_data = any(says_no_data(" ".join(row)) for row in grid[first_row:]) or _note_says_no_data(blocks, index)
    return StandardTable(kind, title, block, unit or "万元", no_data, first_row)


def _note_says_no_data(blocks: list[Block], index: int) -> bool:
    """A note right under the table (注：…故本表无数据) that says the table is empty."""
    for following in blocks[index + 1 : index + 1 + _LOOK_AHEAD]:
        if following.kind is BlockKind.TABLE or kind_of_title(following.text) is not None:
            return False
        if says_no_data(following.text):
            return True
    return False


def kind_of_header(rows: list[list[str]]) -> TableKind | None:
    """The kind a header names on its own, for tables printed without a title."""
    text = _QUOTES.sub("", "".join(compact(c) for row in rows for c in row))
    if ("人员经费" in text and "公用经费" in text) or ("经济分类" in text and "决算数" in text):
        return TableKind.GPB_BASIC
    if "预算数" in text and "决算数" in text and "公务接待费" in text:
        return TableKind.THREE_PUBLIC
    if "本年收入合计" in text and "财政拨款收入" in text and "科目" in text:
        return TableKind.INCOME
    if "本年支出合计" in text and "上缴上级支出" in text and "科目" in text:
        return TableKind.EXPENDITURE
    return None
