"""Metric names the rules read (the `summary_metrics.metric` values of the warehouse contract, verbatim)
and the arithmetic that ties them together."""

from __future__ import annotations

收支总计 = "收支总计"
收入总计 = "收入总计"
支出总计 = "支出总计"
本年收入合计 = "本年收入合计"
本年支出合计 = "本年支出合计"
年初结转和结余 = "年初结转和结余"
年末结转和结余 = "年末结转和结余"
基本支出 = "基本支出"
项目支出 = "项目支出"
上缴上级支出 = "上缴上级支出"
经营支出 = "经营支出"
对附属单位补助支出 = "对附属单位补助支出"
人员经费 = "人员经费"
公用经费 = "公用经费"
财政拨款收支总计 = "财政拨款收支总计"
财政拨款支出 = "财政拨款支出"
一般公共预算财政拨款支出 = "一般公共预算财政拨款支出"
政府性基金预算财政拨款支出 = "政府性基金预算财政拨款支出"
国有资本经营预算财政拨款支出 = "国有资本经营预算财政拨款支出"
三公经费 = "三公经费"
因公出国境费 = "因公出国（境）费"
公务用车购置及运行维护费 = "公务用车购置及运行维护费"
公务用车购置费 = "公务用车购置费"
公务用车运行维护费 = "公务用车运行维护费"
公务接待费 = "公务接待费"
机关运行经费 = "机关运行经费"
政府采购支出总额 = "政府采购支出总额"
公务用车保有量 = "公务用车保有量"

# A count broken down by type is written ``公务用车保有量（轿车）``: the parent name, then the part in
# full-width brackets. The rule `sum.breakdown` checks any metric that has such parts.
BREAKDOWN_OPEN, BREAKDOWN_CLOSE = "（", "）"

# Totals and the parts that add up to them (``sum.*`` rules). A part missing from the report is
# not assumed zero: the check runs only when the total and every part listed here are stated,
# except the optional parts, which count when stated.
SUMS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    # rule_id: (total, required parts, optional parts)
    "sum.basic_project": (本年支出合计, (基本支出, 项目支出), (上缴上级支出, 经营支出, 对附属单位补助支出)),
    "sum.personnel_public": (基本支出, (人员经费, 公用经费), ()),
    "sum.three_public": (三公经费, (因公出国境费, 公务用车购置及运行维护费, 公务接待费), ()),
    "sum.vehicle_cost": (公务用车购置及运行维护费, (公务用车购置费, 公务用车运行维护费), ()),
    "sum.fund_types": (
        财政拨款支出,
        (一般公共预算财政拨款支出,),
        (政府性基金预算财政拨款支出, 国有资本经营预算财政拨款支出),
    ),
}

# The total a declared share (占X%) of a metric refers to.
SHARE_OF: dict[str, str] = {
    基本支出: 本年支出合计,
    项目支出: 本年支出合计,
    上缴上级支出: 本年支出合计,
    经营支出: 本年支出合计,
    对附属单位补助支出: 本年支出合计,
    一般公共预算财政拨款支出: 本年支出合计,
    因公出国境费: 三公经费,
    公务用车购置及运行维护费: 三公经费,
    公务接待费: 三公经费,
}

# The summary metric that totals the 类 lines of each fund type.
FUND_TOTAL: dict[str, str] = {
    "一般公共预算财政拨款": 一般公共预算财政拨款支出,
    "政府性基金预算财政拨款": 政府性基金预算财政拨款支出,
    "国有资本经营预算财政拨款": 国有资本经营预算财政拨款支出,
    "全部资金": 本年支出合计,
}

COUNT_UNITS = frozenset({"辆", "个", "批次", "人次", "次", "人", "台", "套", "台（套）", "项"})


def is_count(unit: str | None) -> bool:
    return unit is not None and unit in COUNT_UNITS
