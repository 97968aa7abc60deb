"""How reports word the figures they state about a subject: one catalogue for every prose family.

A 类/款/项 line (``…行政运行（项）：年初预算为61.20万元，支出决算为58.37万元，完成年初预算的95.38%``)
and a summary figure (``公务接待费年初预算为2万元，决算支出1.5万元，完成预算的75%``) are worded alike; both
read their actual, budget, completion rate and share with the patterns built here from the phrasings
listed. A new wording is a row in a tuple below.
"""

from __future__ import annotations

import re

from budget_reports.extract.prose.amounts import MONEY, MONEY_OPT, NUM, PCT_END

# What introduces the actual (决算) figure.
ACTUAL_PHRASES: tuple[str, ...] = (
    r"(?:支出)?决算(?:数)?(?:[为是]|(?=\d))",  # 支出决算为 / 决算数为 / 决算为 / 支出决算58.37万元
    r"决算支出(?:数)?[为是]?",  # 决算支出58.37万元
    r"实际支出(?:数)?[为是]?",  # 实际支出58.37万元
)
# What introduces a budget figure; the qualifier says which budget (年初 -> initial, 全年/调整 -> final).
BUDGET_QUALIFIERS: dict[str, str] = {"年初": "initial", "全年": "final", "调整": "final", "调整后": "final"}
# 全年预算调整为60万元 / 预算调整后为: the adjusted budget.
BUDGET_PHRASE = r"(?P<k>年初|全年|调整后?)?预算(?:数)?(?P<adjusted>调整(?:后)?为|(?:[为是]|(?=\d)))"
# The completion rate against a budget.
COMPLETION_PHRASES: tuple[str, ...] = (
    r"完成(?:年初|全年|调整后?)?预算(?:数)?的?",  # 完成年初预算的95.38% / 完成预算100%
    r"(?:决算数?)?[为占](?:年初|全年|调整后?)?预算(?:数)?的",  # 为年初预算的 / 决算数占年初预算数的
    r"(?:预算)?(?:完成|执行)率(?:为|是|达)?",  # 完成率95.38% / 预算执行率为
)
COMPLETION_PHRASE = f"(?:{'|'.join(COMPLETION_PHRASES)})"
# A share of a total: 占78.17% / 占比 / 占一般公共预算财政拨款支出的10.50% (占年初预算的: a completion rate).
SHARE_PHRASE = r"占(?!(?:年初|全年|调整后?)?预算(?:数)?的)(?:比)?[^\d，,；;。%]{0,20}?"
# A change stated against the budget rather than the prior year (与年初预算相比增加10万元): not a change.
BUDGET_COMPARISONS: tuple[str, ...] = (
    r"与(?:年初|全年|调整后?)?预算(?:数)?相比",
    r"(?:比|较)(?:年初|全年|调整后?)?预算(?:数)?",
    r"决算数[大小]于(?:年初|全年|调整后?)?预算数",
)

# The amount printed right after a line's name (“…行政运行（项）”261.47万元): the line's one figure, the
# actual in final accounts, the budget in a budget report.
# A figure right after a line's name, or after a bare 支出 there (…行政运行（项）：支出58.37万元，占45%).
AMOUNT_AFTER_NAME = re.compile(rf"^[”\"]?[:：,，]?(?:支出(?:[为是])?)?{MONEY}")

# The 一般公共预算's total before its 类 (一般公共预算财政拨款支出1,000万元 / 一般公共预算当年拨款1,400万元).
_GPB_TOTAL = rf"一般公共预算(?:财政)?(?:当年)?拨款(?:支出)?(?:决算|预算)?(?:数)?(?:规模)?(?:为)?{NUM}(?:万元|元)?"
# What opens the structure sentence listing the 类 with their amounts and shares. ``主要用于：`` alone does not:
# it introduces an item's purpose (…行政运行（项）。主要用于：人员经费…).
STRUCTURE_OPENERS: tuple[str, ...] = (
    r"(?:主要)?用于以下(?:几个)?方面",
    r"按(?:支出)?功能分类(?:科目)?[，,]?(?:主要)?(?:用于|包括)",
    r"按(?:支出)?功能分类(?:科目)?(?:划分|分)?[，,：:]",  # 按功能分类：… / 按支出功能分类科目划分，…
    r"(?:主要)?(?:支出)?结构(?:情况)?(?:如下|为|(?=[：:]))",
    # 一般公共预算财政拨款支出100万元，其中：一般公共服务支出60万元，占60%；… (right after the total only:
    # 其中 after another total lists other things, 基本支出 and 项目支出)
    rf"{_GPB_TOTAL}[，,。](?:其中|(?:主要)?包括|主要用于(?:以下(?:几个)?方面)?|具体(?:情况)?(?:如下|为))",
    # …，比上年预算减少50万元，下降3.45%，主要用于：… (the change before the list; only with 主要用于)
    rf"{_GPB_TOTAL}[，,](?:比|较|同比|与上年)[^：:。；;]{{0,40}}?[，,]主要用于(?:以下(?:几个)?方面)?",
)

# Not the prior year's actual (比上年决算数59.68万元增加…).
ACTUAL = re.compile(rf"(?<!预算)(?<!上年)(?<!去年)(?<!上年度)(?:{'|'.join(ACTUAL_PHRASES)}){MONEY_OPT}")
BUDGET = re.compile(rf"(?<!完成)(?<!与){BUDGET_PHRASE}{MONEY_OPT}")
COMPLETION = re.compile(rf"{COMPLETION_PHRASE}{PCT_END}")
SHARE = re.compile(rf"{SHARE_PHRASE}{PCT_END}")
BUDGET_COMPARISON = re.compile("|".join(BUDGET_COMPARISONS))
STRUCTURE_OPENER = re.compile(rf"(?:{'|'.join(STRUCTURE_OPENERS)})[:：]?")


def budget_kind(match: re.Match[str]) -> str:
    """``initial`` or ``final``: a budget written without 年初/全年/调整 is the initial one."""
    if match.group("adjusted").startswith("调整"):
        return "final"
    return BUDGET_QUALIFIERS.get(match.group("k") or "年初", "initial")


# How self-evaluation reports word a project's or the whole department's figures: 年初预算数100万元 / 预算数 /
# 项目预算资金100万元 / 预算安排(资金)100万元 / 预算金额 / 资金预算, 全年预算数 / 调整后预算 / 预算调整为 /
# 批复(预算)数 (the budget the execution is measured against, as in the tables), 全年执行数 / 实际执行 / 已支付 /
# 已支出 / 累计支出 / 实际使用, 执行率 / 支付率,
# 自评得分 / 综合得分 / 自评总分, and the grade (自评等级为优, 评价等级为“优”, 绩效评价结果为优秀).
_IS = r"(?:为|是)?[：:]?"
EVALUATION_BUDGET_INITIAL = re.compile(
    rf"(?:年初预算(?:数|资金|金额)?(?:项目资金申报金额)?|(?<![全调整后])(?<!采购)(?:项目)?预算(?:安排(?:资金)?|金额|资金)"
    rf"|(?<!全年)(?<!调整)(?<!调整后)(?<!年初)(?<!上年)(?<!去年)预算数|(?<!上年)(?:项目)?资金预算(?:数)?){_IS}{MONEY}"
)
EVALUATION_BUDGET_FINAL = re.compile(
    rf"(?:项目总预算|全年预算数?|批复(?:预算)?数?|调整后?预算数?|(?:全年)?预算调整(?:后)?为){_IS}{MONEY}"
)
EVALUATION_EXECUTED = re.compile(
    rf"(?:(?:已支付|已支出|实际支出|实际支付|累计支出|累计支付|实际使用)(?:资金)?|全年执行数?|(?<![全年])执行数"
    rf"|实际执行(?:数|资金|金额)?){_IS}{MONEY}"
)
# 支付率 / 执行率 / the national template's 完成预算的95% (of the full-year budget, not the initial one's).
EVALUATION_RATES = (
    re.compile(rf"支付率{_IS}{PCT_END}"),
    re.compile(rf"(?:执行率|完成率){_IS}{PCT_END}"),
    re.compile(rf"完成(?:全年)?预算(?:数)?的{PCT_END}"),
)
EVALUATION_SCORE = re.compile(
    rf"(?:(?:评价|自评|综合|绩效)(?:总)?得分|(?:自评|评价)总分|综合评分|自评分数?){_IS}(?P<s>{NUM})分"
)
EVALUATION_GRADE = re.compile(
    r"(?:(?:自评|评价|评定)(?:等级|结果|结论|等次)?|等级)(?:为|是|[：:])[“\"]?"
    r"(?P<g>优秀|良好|合格|不合格|优|良|中|差)[”\"]?(?:等级|等次)?(?:[。，,；;]|$)"
)
