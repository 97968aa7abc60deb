"""The header block of a self-evaluation table: project name and code, units, money by fund source.

Four layouts occur:

- ``预算数： 5 | 执行数： 5`` with ``其中：财政拨款`` and ``其他资金`` lines below (one budget
  column, read as 全年预算数: it is the budget the execution is measured against);
- a header row naming the columns (``年初预算数 | 全年预算数 | 全年执行数 | 执行率`` and variants
  ``调整后预算数``, ``实际完成数``, ``预算执行数``, ``分值``/``权重``, ``得分``), one row per fund source.
The first fund line is the project's total (年度资金总额 / 总额); in the ``预算数：`` layout that line
has no name of its own and is recorded as ``年度资金总额``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from budget_reports.extract.performance import cells
from budget_reports.extract.performance.segment import Row
from budget_reports.model import Cell
from budget_reports.normalize import compact

TOTAL_FUND = "年度资金总额"
# A budget's target form (绩效目标申报表) prints label | amount pairs for the year's money:
# label → fund source (the first is the project's total for the year).
DECLARED_FUNDS: tuple[tuple[str, str], ...] = (
    ("年度资金申请总额", TOTAL_FUND),
    ("年度资金总额", TOTAL_FUND),
    ("当年财政拨款", "财政拨款"),
    ("上年结转资金", "上年结转"),
)
_DEPARTMENT_LABELS = ("主管部门", "市级预算部门名称", "预算部门名称", "部门名称", "项目主管单位", "部门(单位)")
_PROJECT_CODE = re.compile(r"^(?P<code>\d{6,}[A-Z]\d{6,}|\d{10,})\s*[-－—]\s*(?P<name>.+)$")
_DEPARTMENT_CODE = re.compile(r"^(?P<name>.+?)[（(]\s*\d{4,}\s*[)）]$")
_FUND_COLUMNS = (
    ("执行率", "execution_rate_declared"),
    ("年初预算", "budget_initial"),
    ("全年预算", "budget_final"),
    ("调整后预算", "budget_final"),
    ("执行数", "executed"),
    ("实际完成数", "executed"),
    ("分值", "weight"),
    ("权重", "weight"),
    ("得分", "score"),
)


@dataclass(slots=True)
class FundLine:
    fund_source: str
    cell: Cell
    row: Row
    values: dict[str, Decimal | None] = field(default_factory=dict)


@dataclass(slots=True)
class ProjectHeader:
    name: str | None = None
    code: str | None = None
    name_cell: Cell | None = None
    department: str | None = None
    department_cell: Cell | None = None
    funds: list[FundLine] = field(default_factory=list)


def read_header(rows: list[Row]) -> ProjectHeader:
    header = ProjectHeader()
    for row in rows:
        key = compact(row[0].text) if row else ""
        if key in ("项目名称", "专项(项目)名称") and len(row) > 1 and header.name is None:
            header.name, header.code = split_project_code(cells.label(row[1].text))
            header.name_cell = row[1]
        elif key.startswith(_DEPARTMENT_LABELS) and len(row) > 1 and header.department is None:
            if cells.label(row[1].text).isdigit():  # 部门（单位）及代码 | 302304: a code, not a name
                continue
            header.department = department_name(row[1].text)
            header.department_cell = row[1]
    header.funds = read_funds(rows)
    return header


def split_project_code(text: str) -> tuple[str, str | None]:
    """``51050021T000000206964-综合调研`` → (``综合调研``, ``51050021T000000206964``)."""
    match = _PROJECT_CODE.match(text)
    if match:
        return match["name"], match["code"]
    return text, None


def department_name(text: str) -> str:
    """``中国共产党攀枝花市西区委员会组织部（106001）`` → the name without its department code."""
    joined = cells.label(text)
    match = _DEPARTMENT_CODE.match(joined)
    return match["name"] if match else joined


def read_funds(rows: list[Row]) -> list[FundLine]:
    for index, row in enumerate(rows):
        keys = [compact(c.text) for c in row]
        if len(row) == 5 and keys[1].startswith("预算数") and keys[3].startswith("执行数"):
            return _pair_layout(rows, index)
        columns = _fund_columns(keys)
        if sum(1 for f in columns.values() if f in ("budget_initial", "budget_final", "executed")) >= 2:
            return _column_layout(rows, index, columns, cells.money_unit_of(" ".join(keys)))
    return []


def declared_pairs(rows: list[Row]) -> list[FundLine]:
    """``年度资金申请总额 | 3,498,000.00`` pairs of a budget's target form (绩效目标申报表), in the
    unit its 项目资金（元） says; only for such a form: elsewhere the figure after a label may be any
    of several columns."""
    unit = cells.money_unit_of(" ".join(c.text for row in rows for c in row))
    funds: list[FundLine] = []
    for row in rows:
        for cell, value_cell in pairwise(row):
            source = next((s for label, s in DECLARED_FUNDS if _fund_source(cell.text) == label), None)
            value = cells.money(value_cell.text, unit)
            if source is not None and value is not None and all(f.fund_source != source for f in funds):
                funds.append(FundLine(source, value_cell, row, {"budget_initial": value}))
    return funds


def _fund_columns(keys: list[str]) -> dict[int, str]:
    columns: dict[int, str] = {}
    for index, key in enumerate(keys):
        name = fund_column(key)
        if name is not None:
            columns[index] = name
    return columns


def fund_column(key: str) -> str | None:
    """The money column a header cell names (``全年预算数`` → ``budget_final``), or None."""
    return next((name for marker, name in _FUND_COLUMNS if marker in key), None)


def _column_layout(rows: list[Row], start: int, columns: dict[int, str], unit: str) -> list[FundLine]:
    width = len(rows[start])
    funds = []
    for row in rows[start + 1 :]:
        if len(row) != width or not cells.is_blank(row[0].text):
            if funds:
                break
            continue
        line = FundLine(_fund_source(row[1].text), row[1], row)
        for index, name in columns.items():
            text = row[index].text
            if name == "execution_rate_declared":
                line.values[name] = cells.percent(text)
            elif name in ("weight", "score"):
                line.values[name] = cells.number(text)
            else:
                line.values[name] = cells.money(text, unit)
        funds.append(line)
    return funds


def _pair_layout(rows: list[Row], start: int) -> list[FundLine]:
    unit = cells.money_unit_of(" ".join(c.text for c in rows[start]))
    funds = []
    for offset, row in enumerate(rows[start:]):
        if len(row) != 5 or (offset > 0 and not cells.is_blank(row[0].text)):
            break
        source = TOTAL_FUND if offset == 0 else _fund_source(row[1].text)
        line = FundLine(source, row[1], row)
        line.values["budget_final"] = cells.money(row[2].text, unit)
        line.values["executed"] = cells.money(row[4].text, unit)
        funds.append(line)
    return funds


def _fund_source(text: str) -> str:
    """``其中：上级财政资金`` → ``上级财政资金``; ``年度资金总额：`` → ``年度资金总额``."""
    name = re.sub(r"\s+", "", text)
    name = re.sub(r"^其中[:：]", "", name)
    return name.rstrip(":：")
