"""Table headers as data: the column layouts standard tables print, for text that lost its grid.

Text extracted from a PDF (``pdftotext``, pypdfium2, pdfplumber …) writes a multi-row header as
loose words in no reliable order, and drops empty cells from the rows below it. What each column
means, and how the columns add up, is the same in every report printing that header, so it is
kept here as a catalogue: a layout is chosen by the words its header contains, not by the
table's title, and rows are rebuilt against it (``linear_tables``). A new table family needs
only a new entry.

A layout is a sequence of sides printed next to each other (the income and the expenditure side
of an overview; the two halves of an economic-classification table). Each side has a label part
(``coded``: 科目编码 + 科目名称; ``item``: one 项目 column; none for a table of figures only) and
its money columns, each named by its header path, with the sums that hold between them. A side
may list optional columns (``optional``): provinces print different sets of income sources or funds
under the same header, so such a column is kept only when its words are in the header, and the
sums are taken over the columns kept (``HeaderLayout.fitted``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache
from itertools import combinations

from budget_reports.normalize import compact


class LabelKind(StrEnum):
    CODED = "coded"  # classification code + name
    ITEM = "item"  # one 项目 column (一、… enumerated items, totals)
    NONE = "none"  # figures only


@dataclass(frozen=True, slots=True)
class Side:
    label: LabelKind
    money: tuple[tuple[str, ...], ...]  # header path of each money column, left to right
    # (total, parts): money column ``total`` equals the sum of columns ``parts`` on every row.
    sums: tuple[tuple[int, tuple[int, ...]], ...] = ()
    label_path: tuple[str, ...] = ()  # header above the label columns (收入 / 支出 …)
    # Money column index → the words the header must print for that column to exist.
    optional: tuple[tuple[int, tuple[str, ...]], ...] = ()
    # (total, parts): the row labelled ``total`` is the sum of the rows labelled ``parts``, column by
    # column (regular expressions on the compact label; a part the table does not print is zero).
    row_sums: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def fitted(self, header: str) -> Side:
        """The side with only the optional columns the header prints; sums over the columns kept."""
        absent = {col for col, words in self.optional if not all(w in header for w in words)}
        if not absent:
            return replace(self, optional=())
        kept = [c for c in range(len(self.money)) if c not in absent]
        new_index = {old: new for new, old in enumerate(kept)}
        sums = tuple(
            (new_index[total], tuple(new_index[p] for p in parts if p in new_index))
            for total, parts in self.sums
            if total in new_index and any(p in new_index for p in parts)
        )
        return replace(self, money=tuple(self.money[c] for c in kept), sums=sums, optional=())

    def reordered(self, order: Sequence[int]) -> Side:
        """The side with its money columns printed in ``order`` (the catalogue's indices, left to
        right); its sums and optional columns follow their columns."""
        if tuple(order) == tuple(range(len(self.money))):
            return self
        new = {old: new for new, old in enumerate(order)}
        return replace(
            self,
            money=tuple(self.money[c] for c in order),
            sums=tuple((new[total], tuple(new[p] for p in parts)) for total, parts in self.sums),
            optional=tuple((new[c], words) for c, words in self.optional),
        )

    def printed_orders(self) -> list[tuple[int, ...]]:
        """The orders a report may print the money columns in, the catalogue's first: each total that
        opens the block of its parts (合计 | 基本支出 | 项目支出, 小计 | 购置费 | 运行费) printed before
        them or after them (基本支出 | 项目支出 | 合计), as provinces and counties print either."""
        blocks = _total_blocks(self.sums, len(self.money))
        orders = [
            _arranged(0, len(self.money), blocks, set(moved))
            for size in range(len(blocks) + 1)
            for moved in combinations(sorted(blocks), size)
        ]
        return list(dict.fromkeys(orders))


def _total_blocks(sums: Sequence[tuple[int, tuple[int, ...]]], width: int) -> dict[int, int]:
    """Total column → how many columns right after it are its parts and theirs (its block), for each
    total whose parts (their own parts included) are exactly the columns that follow it."""
    parts_of = {total: set(parts) for total, parts in sums}

    def below(column: int) -> set[int]:
        out: set[int] = set()
        for part in parts_of.get(column, ()):
            out |= {part, *below(part)}
        return out

    blocks = {}
    for total in parts_of:
        under = below(total)
        if under == set(range(total + 1, total + 1 + len(under))) and total + len(under) < width:
            blocks[total] = len(under)
    return blocks


def _arranged(start: int, end: int, blocks: dict[int, int], moved: set[int]) -> tuple[int, ...]:
    """Columns ``start`` … ``end`` - 1 in print order, the totals in ``moved`` after their blocks."""
    out: list[int] = []
    column = start
    while column < end:
        if column in blocks:
            inner = _arranged(column + 1, column + 1 + blocks[column], blocks, moved)
            out += [*inner, column] if column in moved else [column, *inner]
            column += 1 + blocks[column]
        else:
            out.append(column)
            column += 1
    return tuple(out)


@dataclass(frozen=True, slots=True)
class HeaderLayout:
    name: str
    words: tuple[str, ...]  # every one must appear in the header text (compact, quotes removed)
    sides: tuple[Side, ...]
    # Words the header must not print: a stage its columns would lose (a final account's 决算数
    # under 上年 | 本年 is no budget).
    absent: tuple[str, ...] = ()
    # Columns of one year (the 三公 tables'): never a header printing the year before (上年, or two
    # years: ``relative_years``), whose prior year's figures they would take for this year's.
    one_year: bool = False

    def specificity(self) -> int:
        return sum(len(w) for w in self.words)

    def fitted(self, header: str) -> HeaderLayout:
        """The layout as this header prints it: optional columns it lacks left out."""
        return replace(self, sides=tuple(side.fitted(header) for side in self.sides))

    def reordered(self, orders: Sequence[Sequence[int]]) -> HeaderLayout:
        """The layout with each side's money columns in the order given for it (``Side.reordered``);
        the layout itself in the catalogue's order."""
        sides = tuple(side.reordered(order) for side, order in zip(self.sides, orders, strict=True))
        return self if all(a is b for a, b in zip(sides, self.sides, strict=True)) else replace(self, sides=sides)


def _sum_all(n: int) -> tuple[tuple[int, tuple[int, ...]], ...]:
    """Column 0 is the total of columns 1 … n-1."""
    return ((0, tuple(range(1, n))),)


_INCOME_SOURCES = (
    "本年收入合计",
    "财政拨款收入",
    "上级补助收入",
    "事业收入",
    "经营收入",
    "附属单位上缴收入",
    "其他收入",
)
_SPENDING_KINDS = ("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
_FUNDS = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
_BUDGET_FUNDS = ("一般公共预算", "政府性基金预算", "国有资本经营预算")
_THREE_PUBLIC = (
    ("合计",),
    ("因公出国(境)费",),
    ("公务用车购置及运行费", "小计"),
    ("公务用车购置及运行费", "公务用车购置费"),
    ("公务用车购置及运行费", "公务用车运行费"),
    ("公务接待费",),
)
# 合计 = 出国 + 公车小计 + 接待; 公车小计 = 购置 + 运行 (indices into _THREE_PUBLIC).
_THREE_PUBLIC_SUMS = ((0, (1, 2, 5)), (2, (3, 4)))
# An overview's spending side: 总计 = the year's spending + the carry-over at the year's end.
_SPENDING_ROW_SUMS = (("总计$", ("支出合计$", "^年末.*结转")),)


# A budget's 三公 header: the items, the vehicles' two parts worded short or long (购置费 / 公务用车购置费).
_THREE_PUBLIC_BUDGET_WORDS = ("因公出国(境)费", "购置费", "运行费", "公务接待费")


def _three_public_with(amounts: tuple[str, ...]) -> Side:
    """The 三公 table with each item split into the given amounts (预算数 / 决算数); one column per
    item where no amount is given."""
    if not amounts:
        return Side(LabelKind.NONE, _THREE_PUBLIC, _THREE_PUBLIC_SUMS)
    money = tuple((*item, amount) for item in _THREE_PUBLIC for amount in amounts)
    width = len(amounts)
    sums = tuple(
        (total * width + a, tuple(p * width + a for p in parts))
        for total, parts in _THREE_PUBLIC_SUMS
        for a in range(width)
    )
    return Side(LabelKind.NONE, money, sums)


def _three_public_years(years: tuple[str, str], grouped: bool) -> HeaderLayout:
    """A 三公 table printing the year before beside this year (``years``: their labels, the prior
    year's first): each item over the two (``grouped`` False), or the two years as groups over the
    items. Sums hold within each year. Years printed as numbers are read as 上年 / 本年
    (``relative_years``)."""
    items = _THREE_PUBLIC_BUDGET_WORDS
    name = f"三公{'与'.join(years)}{'分组' if grouped else ''}"
    # Labels naming no stage are a budget's: a header printing 决算 beside them is another table.
    absent = () if any("算" in year for year in years) else ("决算",)
    if not grouped:
        # Each year's label printed under the items (twice at least: a label centred under a wide
        # header cell may join its neighbour's in text), the items once.
        words = (*items, *(year for year in years for _ in range(2)))
        return HeaderLayout(name, words, (_three_public_with(years),), absent)
    width = len(_THREE_PUBLIC)
    money = tuple((year, *item) for year in years for item in _THREE_PUBLIC)
    sums = tuple(
        (g * width + total, tuple(g * width + p for p in parts))
        for g in range(2)
        for total, parts in _THREE_PUBLIC_SUMS
    )
    # The items printed twice, once under each year's group.
    return HeaderLayout(name, (*items, *items, *years), (Side(LabelKind.NONE, money, sums),), absent)


# A two-year 三公 table's labels (prior year's first): a budget's (上年 | 本年 with no stage, or
# 上年预算数 | 本年预算数), a budget beside the prior year's outcome, a final account's two outcomes.
_THREE_PUBLIC_YEARS = (
    ("上年", "本年"),
    ("上年预算数", "本年预算数"),
    ("上年决算数", "本年预算数"),
    ("上年决算数", "本年决算数"),
)


def _three_public_year_rows(years: tuple[str, str], change: bool) -> HeaderLayout:
    """A 三公 table listing the items as rows beside the two years (``years``, the prior year's
    first) and, where printed, the change (本年 = 上年 + 增减). Its header names no item: it is told
    from an overview's header by printing neither 收入 nor 支出."""
    money = tuple((year,) for year in years) + ((("增减额",),) if change else ())
    sums = ((1, (0, 2)),) if change else ()
    words = ("项目", *years, *(("增减",) if change else ()))
    name = f"三公{'与'.join(years)}按行{'及增减' if change else ''}"
    return HeaderLayout(name, words, (Side(LabelKind.ITEM, money, sums),), ("收入", "支出"))


def _flat(label: LabelKind, columns: tuple[str, ...], total_first: bool = True) -> Side:
    return Side(label, tuple((c,) for c in columns), _sum_all(len(columns)) if total_first else ())


# Income sources of a budget's 收入预算总表 / 部门收入总表, in the order the templates print them
# (合计 first); each is printed by some provinces only: (header path, words that show it is printed).
BUDGET_INCOME_SOURCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("上年结转", ("上年结转",)),
    ("财政拨款收入", ("财政拨款收入",)),
    ("一般公共预算拨款收入", ("一般公共预算拨款收入",)),
    ("政府性基金预算拨款收入", ("政府性基金预算拨款收入",)),
    ("国有资本经营预算拨款收入", ("国有资本经营预算拨款收入",)),
    ("财政专户管理资金收入", ("财政专户管理资金",)),
    ("事业收入", ("事业收入",)),
    ("事业单位经营收入", ("事业单位", "经营收入")),
    ("上级补助收入", ("上级补助收入",)),
    ("附属单位上缴收入", ("附属单位上缴收入",)),
    ("其他收入", ("其他收入",)),
)


def _optional_columns(first: int, columns: tuple[tuple[str, tuple[str, ...]], ...]) -> Side:
    """A coded side: 合计, then each optional column; 合计 is the sum of those printed."""
    money = (("合计",), *((name,) for name, _ in columns))
    optional = tuple((first + i, words) for i, (_, words) in enumerate(columns))
    return Side(LabelKind.CODED, money, _sum_all(len(money)), optional=optional)


# The year's budget printed before the outcome in a function-classification table (一般公共预算
# 财政拨款支出决算表): the 2021+ national template's 年初预算数 | 决算数, provinces' 年初预算 | 调整预算 |
# 决算, 全年预算数 | 支出决算数, 年初预算 | 全年预算 | 决算. Each is printed with the outcome whole or
# split into 合计 | 基本支出 | 项目支出 under 决算数 (合计 = 基本 + 项目). No sum ties a budget to the
# outcome: a row with empty cells is placed by its figures' positions where the text keeps them.
BUDGET_COLUMN_SETS: tuple[tuple[str, ...], ...] = (
    ("年初预算",),
    ("年初预算", "调整预算"),
    ("全年预算",),
    ("年初预算", "全年预算"),
)


def _with_budget_columns(budgets: tuple[str, ...], split: bool) -> HeaderLayout:
    outcome = (("决算", "合计"), ("决算", "基本支出"), ("决算", "项目支出")) if split else (("决算",),)
    money = (*((b,) for b in budgets), *outcome)
    sums = ((len(budgets), (len(budgets) + 1, len(budgets) + 2)),) if split else ()
    kinds = ("合计", "基本支出", "项目支出") if split else ()
    name = "与".join(budgets) + ("与决算分基本项目" if split else "与决算")
    return HeaderLayout(name, ("科目编码", "科目名称", *budgets, "决算", *kinds), (Side(LabelKind.CODED, money, sums),))


LAYOUTS: tuple[HeaderLayout, ...] = (
    HeaderLayout(
        "收入支出总表",
        ("收入", "支出", "项目", "决算数"),
        (
            Side(LabelKind.ITEM, (("收入", "决算数"),), label_path=("收入",)),
            Side(LabelKind.ITEM, (("支出", "决算数"),), label_path=("支出",)),
        ),
    ),
    HeaderLayout(
        "财政拨款收入支出总表",
        ("收入", "支出", "项目", "决算数", "合计", *_FUNDS),
        (
            Side(LabelKind.ITEM, (("收入", "决算数"),), label_path=("收入",)),
            Side(
                LabelKind.ITEM,
                (("支出", "合计"), *(("支出", f) for f in _FUNDS)),
                _sum_all(4),
                label_path=("支出",),
                row_sums=_SPENDING_ROW_SUMS,
            ),
        ),
    ),
    HeaderLayout("收入表", ("科目编码", "科目名称", *_INCOME_SOURCES), (_flat(LabelKind.CODED, _INCOME_SOURCES),)),
    HeaderLayout("支出表", ("科目编码", "科目名称", *_SPENDING_KINDS), (_flat(LabelKind.CODED, _SPENDING_KINDS),)),
    HeaderLayout(
        "基本支出与项目支出",
        ("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
        (_flat(LabelKind.CODED, ("合计", "基本支出", "项目支出")),),
    ),
    HeaderLayout(
        "人员经费与公用经费",
        ("科目编码", "科目名称", "合计", "人员经费", "公用经费"),
        (_flat(LabelKind.CODED, ("合计", "人员经费", "公用经费")),),
    ),
    HeaderLayout(
        "经济分类两栏",
        ("经济分类", "科目编码", "科目名称", "决算数", "科目名称", "决算数"),
        (Side(LabelKind.CODED, (("决算数",),)), Side(LabelKind.CODED, (("决算数",),))),
    ),
    HeaderLayout(
        "基金收支",
        (
            "科目编码",
            "科目名称",
            "年初结转和结余",
            "本年收入",
            "本年支出",
            "小计",
            "基本支出",
            "项目支出",
            "年末结转和结余",
        ),
        (
            Side(
                LabelKind.CODED,
                (
                    ("年初结转和结余",),
                    ("本年收入",),
                    ("本年支出", "小计"),
                    ("本年支出", "基本支出"),
                    ("本年支出", "项目支出"),
                    ("年末结转和结余",),
                ),
                ((2, (3, 4)),),
            ),
        ),
    ),
    HeaderLayout(
        "三公预算与决算",
        ("因公出国(境)费", "公务用车购置费", "公务用车运行费", "公务接待费", "预算数", "决算数"),
        (_three_public_with(("预算数", "决算数")),),
        one_year=True,
    ),
    # Budget reports (部门预算): the same tables with 预算数 for 决算数.
    HeaderLayout(
        "收支预算总表",  # Shanghai 财务收支预算总表, Sichuan 部门收支总表: one 预算数 per side
        ("收入", "支出", "项目", "预算数", "项目", "预算数"),
        (
            Side(LabelKind.ITEM, (("收入", "预算数"),), label_path=("收入",)),
            Side(LabelKind.ITEM, (("支出", "预算数"),), label_path=("支出",)),
        ),
    ),
    HeaderLayout(
        "收入预算总表",  # by function (类/款/项): 合计 and the sources the province prints
        ("科目编码", "科目名称", "合计", "收入"),
        (_optional_columns(1, BUDGET_INCOME_SOURCES),),
    ),
    HeaderLayout(
        "财政拨款收支预算总表",
        ("收入", "支出", "项目", "预算数", "合计", *_BUDGET_FUNDS[:2]),  # 财政拨款收入 or 收入 (Sichuan)
        (
            Side(LabelKind.ITEM, (("收入", "预算数"),), label_path=("收入",)),
            Side(
                LabelKind.ITEM,
                (("支出", "合计"), *(("支出", f) for f in _BUDGET_FUNDS)),
                _sum_all(4),
                label_path=("支出",),
                optional=((3, ("国有资本经营预算",)),),
                row_sums=_SPENDING_ROW_SUMS,
            ),
        ),
    ),
    HeaderLayout(
        "三公和机关运行经费预算",
        ("三公经费预算数", "因公出国(境)费", "公务接待费", "购置费", "运行费", "机关运行经费"),
        (
            Side(
                LabelKind.NONE,
                (
                    ("三公经费预算数", "合计"),
                    ("三公经费预算数", "因公出国(境)费"),
                    ("三公经费预算数", "公务接待费"),
                    ("三公经费预算数", "公务用车购置及运行费", "小计"),
                    ("三公经费预算数", "公务用车购置及运行费", "购置费"),
                    ("三公经费预算数", "公务用车购置及运行费", "运行费"),
                    ("机关运行经费预算数",),
                ),
                ((0, (1, 2, 3)), (3, (4, 5))),
            ),
        ),
        one_year=True,
    ),
    HeaderLayout(
        "三公决算",
        ("因公出国(境)费", "公务用车购置费", "公务用车运行费", "公务接待费", "决算数"),
        (_three_public_with(("决算数",)),),
        one_year=True,
    ),
    # A budget's 三公 table without 机关运行经费 (Sichuan's 一般公共预算“三公”经费支出预算表, many
    # 市/县): one amount per item and no stage printed; the table's title says they are budgets.
    HeaderLayout("三公预算", _THREE_PUBLIC_BUDGET_WORDS, (_three_public_with(()),), one_year=True),
    # 三公 tables printing the year before beside this year's (上年 | 本年, 2025年预算数 | 2026年预算数 …).
    *(_three_public_years(years, grouped) for years in _THREE_PUBLIC_YEARS for grouped in (False, True)),
    *(_three_public_year_rows(years, change) for years in _THREE_PUBLIC_YEARS[1:3] for change in (False, True)),
    *(_with_budget_columns(budgets, split) for budgets in BUDGET_COLUMN_SETS for split in (False, True)),
)

# The national forms' overviews head each side's one amount 金额 (项目 | 行次 | 金额), for final accounts
# and budgets alike (the title says which): the overviews' layouts (an income side's items under 收入)
# again, with 金额 for 决算数 / 预算数.


def _with_amount_word(layout: HeaderLayout, word: str = "金额") -> HeaderLayout:
    def named(text: str) -> str:
        return word if text in ("决算数", "预算数") else text

    sides = tuple(replace(side, money=tuple(tuple(map(named, path)) for path in side.money)) for side in layout.sides)
    return replace(layout, name=f"{layout.name}（{word}）", words=tuple(map(named, layout.words)), sides=sides)


LAYOUTS += tuple(
    _with_amount_word(layout) for layout in LAYOUTS if any(side.label_path == ("收入",) for side in layout.sides)
)

# How reports print a catalogue name in a header cell where they word it longer (compact, quotes
# removed): name -> the other wordings of the same column, several provinces' and both editions'.
# A layout's word is in a header that prints any of its wordings, and a column's header cell is
# found by any of them (``laid_out_columns``). A wording never shorter than its name: a shorter one
# (预算 for 预算数) would be found inside other cells' names.
PRINTED_WORDINGS: dict[str, tuple[str, ...]] = {
    "因公出国(境)费": ("因公出国(境)费用", "因公出国(境)经费"),
    "公务接待费": ("公务接待费用",),
    "购置费": ("公务用车购置费", "车辆购置费"),
    "运行费": ("公务用车运行费", "公务用车运行维护费", "运行维护费", "车辆运行维护费"),
    "公务用车运行费": ("公务用车运行维护费",),
    "机关运行经费预算数": ("机关运行经费预算",),
    "年初预算": ("年初预算数",),
    "调整预算": ("调整预算数", "调整后预算", "调整后预算数"),  # the adjusted budget, not the adjustment
    "全年预算": ("全年预算数",),
    "决算": ("决算数", "支出决算", "支出决算数"),
    # A two-year table's year labels (2025年预算数 is read 上年预算数: ``relative_years``).
    "上年": ("上年度",),
    "本年": ("本年度",),
    "上年预算数": ("上年度预算数",),
    "本年预算数": ("本年度预算数",),
    "上年决算数": ("上年度决算数",),
    "本年决算数": ("本年度决算数",),
}


def printed_wordings(name: str) -> tuple[str, ...]:
    """The ways a header prints the column the catalogue calls ``name``, its own name first."""
    return (name, *PRINTED_WORDINGS.get(name, ()))


def _occurrences(key: str, word: str) -> int:
    """How often the header prints ``word`` in its most frequent wording (a longer wording holding
    the word is counted in the word's own count already)."""
    return max(key.count(wording) for wording in printed_wordings(word))


_QUOTES = str.maketrans("", "", "“”\"‘’'「」『』")


def header_key(text: str) -> str:
    """Header text as layouts are matched against it: no spaces, line breaks or quotation marks."""
    return compact(text).translate(_QUOTES)


# A year as headers print it: 2025年, 2025年度, full-width digits folded by ``compact``.
_YEAR = re.compile(r"(?<!\d)(20\d\d)年度?")


def relative_years(key: str, header: str | None = None) -> str:
    """``key`` with the years written 上年 and 本年, as the catalogue names them, where the header
    (``key`` itself unless given) prints two years in a row, the earlier first (2025年 … 2026年): a
    report sets its own year beside the one before. Returned as it is otherwise (one year, or the
    later printed first: its columns' order is not the catalogue's)."""
    years = [int(m.group(1)) for m in _YEAR.finditer(key if header is None else header)]
    if len(set(years)) != 2 or years[0] + 1 != max(years):
        return key
    prior = str(years[0])
    return _YEAR.sub(lambda m: "上年" if m.group(1) == prior else "本年", key)


# Each layout with the times its header must print each of its words (决算数 twice …).
_WORDS_NEEDED = tuple((layout, tuple(Counter(layout.words).items())) for layout in LAYOUTS)


@lru_cache(maxsize=1_024)  # reports print the same few headers, every table's twice or more (continued pages)
def match_layout(header_text: str) -> HeaderLayout | None:
    """The most specific layout whose words all appear in the header (a word may repeat: 决算数 …)."""
    key = relative_years(header_key(header_text))
    # Two years printed (folded to 上年 / 本年, or not in a row): no one-year layout fits.
    two_years = "上年" in key or len(set(_YEAR.findall(key))) > 1
    # How often the header prints each word, counted once: the layouts share most of their words
    # (合计, 基本支出, 项目支出 …), and a header a report prints for the first time is matched uncached.
    printed: dict[str, int] = {}

    def times_printed(word: str) -> int:
        count = printed.get(word)
        if count is None:
            count = printed[word] = _occurrences(key, word)
        return count

    best: HeaderLayout | None = None
    for candidate, needed in _WORDS_NEEDED:
        if (candidate.one_year and two_years) or (candidate.absent and any(w in key for w in candidate.absent)):
            continue
        fits = all(times_printed(word) >= times for word, times in needed)
        if fits and (best is None or candidate.specificity() > best.specificity()):
            best = candidate
    return best.fitted(key) if best is not None else None
