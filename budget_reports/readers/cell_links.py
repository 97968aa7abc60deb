"""Which cells of a report's tables are known elsewhere: in another table, or in the report's prose.

A report prints the same money several times. When the text of a table dropped a row's empty
cells and the row's own arithmetic leaves several placements of its figures, a figure known
elsewhere decides (``known_cells.narrow``). This module is the catalogue alone: each entry says
which column of which table is related to what (another table's column, or a prose statement),
how (the same figure, or at least it), how the lines are matched, and when the reader checks it.
Another table family, or another year's layout, needs only new entries here.

- Final accounts (决算): the 支出决算表 spends from every source, so each of its 合计 / 基本支出 /
  项目支出 cells is at least the 一般公共预算财政拨款 (or 政府性基金) table's cell of the same
  line; the 财政拨款收入支出决算总表's fund columns are the fund tables' totals per class. Checked
  while the rows are placed, against the other tables' lines already settled.
- Budgets (部门预算): the 财政拨款收支预算总表's fund columns are the fund tables' class totals
  and, in total, that fund's income line; the 收入预算总表's 合计 row is the 财务收支预算总表's
  income lines, source by source (read both ways: an overview written in streams places its
  income lines by it). Checked once every table is placed, against what each prints.
  (The final-accounts kind of check, while placing, would place three more class lines of the
  corpus budget, which its gold and transcription tests list as not yet read.)
- Overviews written in interleaved streams (``overview_streams``): each spending column's items
  and year's total are a detail table's class totals and 合计, the fiscal overviews' fund columns
  by the links above, the others' by links of their own (``Stage.STREAMS``). A detail table's
  total column goes by several names: one link per name, the first its table prints is taken.
  The final accounts' income lines are the 收入决算表's 合计 row, source by source, as the budget's
  (read only there, from a 合计 row holding figures: ``overview_streams``).
- Prose (三公 tables): ``“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元`` states
  the 合计 cells of the 财政拨款“三公”经费支出决算表, and each item's sentence that item's cells.
  A budget's prose states its 三公 table's one amount per item right after the item's name
  (``“三公”经费预算数为114.22万元``, ``公务接待费0.46万元``, ``公务用车购置费预算75万元``): only a figure
  written there counts, not one further on (``比2025年预算增加27万元`` is the change).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from budget_reports.extract.standard_tables.recognise import TableKind
from budget_reports.readers.table_headers import BUDGET_INCOME_SOURCES


class Relation(StrEnum):
    EQUAL = "equal"  # the same figure, printed twice
    AT_LEAST = "at_least"  # the narrowed table's cell holds the other's and more (all funds ⊇ one fund)


class Rows(StrEnum):
    """How a line of the narrowed table finds the cell known elsewhere."""

    # The source's line of the same code, a 类 also by its name, the year's total by its label
    # (本年支出合计 is a detail table's 合计; 总计 adds carry-overs: not the same line).
    SAME_LINE = "same_line"
    # The same, any 合计 / 总计 line being the table's total (a budget carries nothing over).
    SAME_LINE_ANY_TOTAL = "same_line_any_total"
    # Only the narrowed table's total line; the source's line named like the column (the
    # 收入预算总表's 合计 row, column 事业收入 = the 财务收支预算总表's line 二、事业收入).
    TOTAL_BY_COLUMN_NAME = "total_by_column_name"
    # A prose statement names a cell, not a line: every line of a table of one row.
    EVERY_ROW = "every_row"


class Stage(StrEnum):
    """When the reader checks a link."""

    PLACING = "placing"  # while a table's rows are placed, against the other tables' settled lines
    PLACED = "placed"  # once every table is placed, against what the other table (or the prose) gives
    # Only an overview written in interleaved streams, placed once every other table is read, reads it.
    STREAMS = "streams"


@dataclass(frozen=True, slots=True)
class Stated:
    """A figure the prose states: after the words naming the row or item, the stage's words."""

    subject: str  # regular expression: how the prose names the row or item
    stage: str  # regular expression: the words before the stage's figure (预算为, 决算为)


@dataclass(frozen=True, slots=True)
class Link:
    """Column ``column`` (the end of its header path) of table ``table`` is related to ``source``:
    column ``source_column`` of another table, or what the prose states (``Stated``)."""

    table: TableKind
    column: tuple[str, ...]
    source: TableKind | Stated
    source_column: tuple[str, ...]
    relation: Relation = Relation.EQUAL
    rows: Rows = Rows.SAME_LINE
    stage: Stage = Stage.PLACED
    # The equality needs a source without carry-overs (上年结转 / 结转下年 make 总计 differ by fund).
    without_carry_over: bool = False


# --- Final accounts: all-funds spending holds each fund's spending of the same line. ---
_SPENDING_BY_FUND = (
    (TableKind.GPB_EXPENDITURE, "本年支出合计", "合计"),
    (TableKind.GPB_EXPENDITURE, "基本支出", "基本支出"),
    (TableKind.GPB_EXPENDITURE, "项目支出", "项目支出"),
    (TableKind.GOV_FUND, "本年支出合计", "小计"),
    (TableKind.GOV_FUND, "基本支出", "基本支出"),
    (TableKind.GOV_FUND, "项目支出", "项目支出"),
)
# The fiscal overview's spending columns, fund by fund, are the fund tables' totals per class.
_FINAL_FUNDS = (
    ("一般公共预算财政拨款", TableKind.GPB_EXPENDITURE, "合计"),
    ("政府性基金预算财政拨款", TableKind.GOV_FUND, "小计"),
    ("国有资本经营预算财政拨款", TableKind.STATE_CAPITAL, "小计"),
)
FINAL_ACCOUNTS: tuple[Link, ...] = (
    *(
        Link(TableKind.EXPENDITURE, (column,), source, (source_column,), Relation.AT_LEAST, stage=Stage.PLACING)
        for source, column, source_column in _SPENDING_BY_FUND
    ),
    *(
        Link(TableKind.FISCAL_OVERVIEW, (fund,), source, (total,), stage=Stage.PLACING)
        for fund, source, total in _FINAL_FUNDS
    ),
)

# --- Budgets ---
_BUDGET_FUNDS = (
    ("一般公共预算", TableKind.BUDGET_GPB),
    ("政府性基金预算", TableKind.BUDGET_GOV_FUND),
    ("国有资本经营预算", TableKind.BUDGET_STATE_CAPITAL),
)
BUDGETS: tuple[Link, ...] = (
    *(
        Link(TableKind.BUDGET_FISCAL_OVERVIEW, ("支出", fund), table, ("合计",), rows=Rows.SAME_LINE_ANY_TOTAL)
        for fund, table in _BUDGET_FUNDS
    ),
    # Within the 财政拨款收支预算总表: each fund's spending in total is that fund's income line.
    *(
        Link(
            TableKind.BUDGET_FISCAL_OVERVIEW,
            ("支出", fund),
            TableKind.BUDGET_FISCAL_OVERVIEW,
            ("收入", "预算数"),
            rows=Rows.TOTAL_BY_COLUMN_NAME,
            without_carry_over=True,
        )
        for fund, _ in _BUDGET_FUNDS
    ),
    *(
        Link(
            TableKind.BUDGET_INCOME,
            (source,),
            TableKind.BUDGET_OVERVIEW,
            ("收入", "预算数"),
            rows=Rows.TOTAL_BY_COLUMN_NAME,
        )
        for source, _ in BUDGET_INCOME_SOURCES
    ),
)

# --- Overviews written in interleaved streams: the spending columns not linked above, and the
# other names of a detail table's total column. ---
_STREAMS_SPENDING = (
    (TableKind.OVERVIEW, "决算数", TableKind.EXPENDITURE, "本年支出合计"),
    (TableKind.OVERVIEW, "决算数", TableKind.EXPENDITURE, "合计"),
    (TableKind.FISCAL_OVERVIEW, "一般公共预算财政拨款", TableKind.GPB_EXPENDITURE, "本年支出合计"),
    (TableKind.FISCAL_OVERVIEW, "政府性基金预算财政拨款", TableKind.GOV_FUND, "合计"),
    (TableKind.FISCAL_OVERVIEW, "国有资本经营预算财政拨款", TableKind.STATE_CAPITAL, "合计"),
    (TableKind.BUDGET_OVERVIEW, "预算数", TableKind.BUDGET_EXPENDITURE, "合计"),
)
# The 收入决算表's 合计 row is the 收入支出决算总表's income lines, source by source, as the budget's
# 收入预算总表 is its overview's (its 财政拨款收入 is three fund lines there, its 本年收入合计 no source).
_FINAL_INCOME_SOURCES = ("上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
STREAMS: tuple[Link, ...] = (
    *(
        Link(table, (column,), source, (source_column,), stage=Stage.STREAMS)
        for table, column, source, source_column in _STREAMS_SPENDING
    ),
    *(
        Link(
            TableKind.INCOME,
            (source,),
            TableKind.OVERVIEW,
            ("收入", "决算数"),
            rows=Rows.TOTAL_BY_COLUMN_NAME,
            stage=Stage.STREAMS,
        )
        for source in _FINAL_INCOME_SOURCES
    ),
)

# --- Prose: the 三公 tables' cells, as the report's prose states them. ---
_THREE_PUBLIC = (TableKind.THREE_PUBLIC, TableKind.GPB_THREE_PUBLIC)
# How the prose names each 三公 item (longer names first: 公务用车购置及运行费 before 公务用车购置费).
_TOTAL = r"[“\"'‘]?三公[”\"'’]?经费(?:财政拨款)?(?:支出)?"
_VEHICLES = r"公务用车购置及运行(?:维护)?费(?:支出)?"
_ABROAD = r"(?<!安排)因公出国[（(]境[）)](?:经费|费用|费)?(?:支出)?"
_PURCHASE = r"公务用车购置(?:费)?(?:支出)?(?!及)"
_RUNNING = r"公务用车运行(?:维护)?(?:费)?(?:支出)?"
_RECEPTION = r"(?<!国内)公务接待(?:费)?(?:支出)?"
# Each item and the end of its column's header path in a final account's table (without the stage).
_SUBJECTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (_TOTAL, ("合计",)),
    (_VEHICLES, ("公务用车购置及运行费", "小计")),
    (_ABROAD, ("因公出国(境)费",)),
    (_PURCHASE, ("公务用车购置费",)),
    (_RUNNING, ("公务用车运行费",)),
    (_RECEPTION, ("公务接待费",)),
)
# The column of each stage (the last word of the header path) and the words before its figure.
_STAGES: tuple[tuple[str, str], ...] = (
    ("预算数", r"(?:年初|全年)?预算(?:数)?(?:为|是)"),
    ("决算数", r"(?:支出)?决算(?:数)?(?:为|是)"),
)
# A budget's 三公 table: one amount per item, its columns worded as a budget's header words them
# (购置费 under 公务用车购置及运行费, or 公务用车购置费). A table printing the year before beside this
# year's (上年 | 本年) takes the prose's figure as this year's.
_BUDGET_SUBJECTS: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    (_TOTAL, (("合计",),)),
    (_VEHICLES, (("公务用车购置及运行费", "小计"),)),
    (_ABROAD, (("因公出国(境)费",),)),
    (_PURCHASE, (("公务用车购置费",), ("购置费",))),
    (_RUNNING, (("公务用车运行费",), ("运行费",))),
    (_RECEPTION, (("公务接待费",),)),
)
_BUDGET_YEARS = ((), ("本年",), ("本年预算数",))
# The figure right after the item's name, or after 预算(数)(为) / 安排: not one further on in the clause.
_BUDGET_STATED = r"^[：:]?(?:(?:年初)?预算(?:数|安排)?|安排)?(?:合计|共计|总额)?(?:为|是)?"
PROSE: tuple[Link, ...] = (
    *(
        Link(table, (*column, stage), Stated(subject, words), (*column, stage), rows=Rows.EVERY_ROW)
        for table in _THREE_PUBLIC
        for subject, column in _SUBJECTS
        for stage, words in _STAGES
    ),
    *(
        Link(
            TableKind.BUDGET_THREE_PUBLIC,
            (*column, *year),
            Stated(subject, _BUDGET_STATED),
            (*column, *year),
            rows=Rows.EVERY_ROW,
        )
        for subject, columns in _BUDGET_SUBJECTS
        for column in columns
        for year in _BUDGET_YEARS
    ),
)

LINKS: tuple[Link, ...] = (*FINAL_ACCOUNTS, *BUDGETS, *STREAMS, *PROSE)
