"""The printed labels of a self-evaluation table's header block, as provinces and years word them.

A table's header block (project, departments, the money by fund source) is read from text by its
labels alone, so the variation lives here as data: each label as printed (compacted: no spaces,
full-width brackets and colons folded) and what it names. ``readers.line_evaluations`` reads them.
"""

from __future__ import annotations

import re

from budget_reports.numbering import CHINESE_BRACKET, CHINESE_COMMA, DIGIT_COMMA, DIGIT_DOT, Enumerators

# What a label's cell holds.
NAME = "项目名称"  # the project's name (the key ``extract.performance.projects.read_header`` reads)
DEPARTMENT = "主管部门"  # the department the evaluation is of (a department-wide table's name)
OTHER = "other"  # a value of no fact here (implementing unit, person in charge, phone …)
FRAME = "frame"  # a label of the table's frame, with no value of its own (项目资金（万元） …)
COLUMN = "column"  # a money column's header cell

# label as printed → what its value is.
VALUE_LABELS: dict[str, str] = {
    "项目名称": NAME,
    "专项(项目)名称": NAME,
    "专项名称": NAME,
    "政策名称": NAME,
    "项目(政策)名称": NAME,
    "主管部门": DEPARTMENT,
    "主管部门及代码": DEPARTMENT,  # its value ends with the code: 某某局（106001）
    "项目主管单位": DEPARTMENT,
    "主管单位": DEPARTMENT,
    "项目主管部门": DEPARTMENT,
    "预算部门名称": DEPARTMENT,
    "市级预算部门名称": DEPARTMENT,
    "县级预算部门名称": DEPARTMENT,
    "区级预算部门名称": DEPARTMENT,
    "部门名称": DEPARTMENT,
    "部门(单位)名称": DEPARTMENT,
    "实施单位": OTHER,
    "项目实施单位": OTHER,
    "实施单位(盖章)": OTHER,
    "部门(单位)及代码": OTHER,
    "项目负责人": OTHER,
    "联系电话": OTHER,
    "项目编码": OTHER,
    "项目类型": OTHER,
    "项目属性": OTHER,
}
# Columns of text after the money (why the execution fell short): a fund row's last cell.
REASON_LABELS = ("原因", "偏差原因", "未完成原因")
FRAME_LABELS = (
    "项目资金(万元)",
    "项目资金(元)",
    "项目(政策)资金(万元)",
    "项目(政策)资金(元)",
    "年度资金(万元)",
    "年度预算申请(万元)",
    "项目预算执行情况(万元)",
    "预算执行情况",
    "资金情况(万元)",
    "总体目标",
    "整体目标",
    *REASON_LABELS,
)

# The money columns, as printed (a column's role is read from its label by
# ``extract.performance.projects.FUND_COLUMNS``, the same markers the grid readers use).
COLUMN_LABELS = (
    "年初预算数",
    "年初预算",
    "全年预算数",
    "调整后预算数",
    "全年执行数",
    "实际完成数",
    "预算执行数",
    "执行数",
    "预算数",
    "执行率",
    "预算执行率",
    "分值",
    "权重",
    "得分",
)
# A line printing the table's total score after its indicators: ``合计 100 95.5``.
TOTAL_LABELS = ("合计", "总分")
# The points a part of the form is worth, printed under its label: ``（10分）``.
POINTS_NOTE = re.compile(r"^\(\d+(?:\.\d+)?分\)$")
# A percent note printed after a column's label: ``执行率（%）``.
PERCENT_NOTE = re.compile(r"\(%\)|\(%|%\)")

# The money block printed as label/figure pairs (budget left, execution right): ``预算数： 5 执行数： 5``.
PAIRED_BUDGET = "预算数"
PAIRED_EXECUTED = "执行数"

# The fund lines of the money block: a numbering (``其中：``, ``（一）``, ``1.``), a source, a colon.
# Fund lines are numbered 一、 / （一） / 1. (a （1） there is not a fund line of the block).
FUND_NUMBERING = Enumerators(CHINESE_BRACKET, DIGIT_DOT, DIGIT_COMMA, CHINESE_COMMA)
_IN_WHICH = re.compile(r"^其中:?")
FUND_SOURCES = frozenset(
    {
        "年度资金总额",
        "资金总额",
        "总额",
        "合计",
        "财政拨款",
        "财政拨款小计",
        "当年财政拨款",
        "财政资金",
        "上级财政资金",
        "本级财政资金",
        "中央财政资金",
        "省级财政资金",
        "市级财政资金",
        "县级财政资金",
        "区级财政资金",
        "上年结转资金",
        "上年结转",
        "其他资金",
        "自筹资金",
        "一般公共预算",
        "政府性基金",
        "政府性基金预算",
        "国有资本经营预算",
        "社会保险基金预算",
        "社保基金",
        "社会保险基金",
        "社会保障基金",
        "财政专户管理资金",
        "单位资金",
    }
)


def fund_source(key: str) -> str | None:
    """The source a compacted fund label names (``其中:上级财政资金`` → ``上级财政资金``), or None."""
    body = fund_label(key)
    return body if body in FUND_SOURCES else None


def fund_label(key: str) -> str:
    """A compacted fund label without its ``其中:``, numbering and colon: ``其中:(一)上级财政资金:`` → 上级财政资金."""
    return FUND_NUMBERING.without(_IN_WHICH.sub("", key, count=1)).rstrip(":")


def all_labels() -> dict[str, str]:
    """Every label of the header block → its kind (a value's kind, FRAME, or a money column)."""
    labels = {label: FRAME for label in FRAME_LABELS}
    labels.update({label: COLUMN for label in COLUMN_LABELS})
    labels.update(VALUE_LABELS)
    return labels
