"""The numbering catalogue (``budget_reports.numbering``) and what each of its readers does with it.

The first table is generated from the catalogue itself: every form's examples, in both widths and
folded as the readers fold text, must be read as that form, at its level, with its number. The
second pins, on real ways reports number items, what each caller strips: a caller's selection of
forms is a choice (a table row's ``1.`` may be a figure's start, a fund line is never （1）), and a
change to one shows here.
"""

from __future__ import annotations

import re

import pytest

from budget_reports.classification.resolver import name_key
from budget_reports.extract.prose.function_lines import NUMBERING as FUNCTION_LINE_NUMBERING
from budget_reports.extract.prose.statements import SECTION_NUMBERING
from budget_reports.extract.standard_tables.common import LABEL_NUMBERING, label, written_name
from budget_reports.normalize import compact, normalize_text
from budget_reports.numbering import CIRCLED, FORMS, OUTLINE, Enumerators, Form, Level, ordinal_value, pattern_of
from budget_reports.readers.evaluation_labels import fund_label
from budget_reports.readers.linear_rows import enumerator_value, strip_enumerator
from budget_reports.rules.numbering import chinese_number

EVERY_FORM = Enumerators(*FORMS)
_HALF = str.maketrans("（）．，", "().,")
_FULL = str.maketrans("().,", "（）．，")
_EXAMPLES = [(form, example) for form in FORMS for example in form.examples]


def _widths(example: str) -> set[str]:
    """The example as printed, in half- and full-width punctuation, and as the readers fold it."""
    return {example, example.translate(_HALF), example.translate(_FULL), compact(example)}


@pytest.mark.parametrize(("form", "example"), _EXAMPLES, ids=[e for _, e in _EXAMPLES])
def test_every_form_reads_its_examples_in_both_widths(form: Form, example: str) -> None:
    for written in _widths(example):
        text = f"{written}一般公共服务支出"
        found = EVERY_FORM.match(text)
        if written.isascii() and form is CIRCLED:  # folding writes ① as a bare 1: a figure, not an item
            assert found is None, written
            continue
        assert found is not None, written
        assert found.form.level == form.level, written
        assert EVERY_FORM.without(text).lstrip() == "一般公共服务支出", written
        assert EVERY_FORM.value(text) == ordinal_value(found.numeral) > 0, written


@pytest.mark.parametrize(("form", "example"), _EXAMPLES, ids=[e for _, e in _EXAMPLES])
def test_a_form_alone_reads_its_own_examples(form: Form, example: str) -> None:
    only = Enumerators(form)
    assert only.level(f"{example}行政运行") == form.level
    assert only.without(f"{example}行政运行").lstrip() == "行政运行"


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("1", 1),
        ("12", 12),
        ("一", 1),
        ("十", 10),
        ("十九", 19),
        ("二十三", 23),
        ("一百零五", 105),
        ("①", 1),
        ("⑳", 20),
        ("⑴", 1),
        ("⒈", 1),
        ("Ⅳ", 4),
        ("IV", 4),
        ("XII", 12),
        ("１２", 12),
    ],
)
def test_ordinal_values(numeral: str, value: int) -> None:
    assert ordinal_value(numeral) == value


@pytest.mark.parametrize("numeral", ["一", "十二", "二十三", "一百零五"])
def test_the_rules_count_items_with_the_same_numerals(numeral: str) -> None:
    assert chinese_number(numeral) == ordinal_value(numeral)


@pytest.mark.parametrize(
    "text",
    [
        "1.50",
        "1.5万元",
        "2024年",
        "2080501行政运行",
        "201 一般公共服务支出",
        "（208类）",
        "（含专用结余）",
        "一般公共服务（类）",
        "收入总计",
        "(%)",
        "【一】行政运行",
        "1-1行政运行",
        "A.行政运行",
        "一二三",
        "二〇二四年",
    ],
)
def test_no_form_reads_figures_codes_or_names(text: str) -> None:
    for written in (text, normalize_text(text), compact(text)):
        assert not EVERY_FORM.opens(written), written


def test_levels_nest_in_the_order_reports_use() -> None:
    texts = ["第一部分 概况", "一、收入", "（一）财政拨款", "1.行政运行", "（1）工资", "①基本工资", "一是加强"]
    assert [EVERY_FORM.level(t) for t in texts] == sorted(Level)


def test_a_repeated_selection_strips_a_path_of_numberings() -> None:
    path = Enumerators(*FORMS, repeated=True)
    assert path.without("一、（一）1.行政运行") == "行政运行"
    assert EVERY_FORM.without("一、（一）1.行政运行") == "（一）1.行政运行"


def test_forms_embed_in_a_larger_pattern() -> None:
    """Twice in one pattern (a path numbered at two levels), with no group names to clash."""
    twice = re.compile(rf"^{pattern_of(*OUTLINE)}{pattern_of(*OUTLINE)}(?P<name>.+)$")
    assert twice.groupindex == {"name": 1}
    found = twice.match("一、（一）机关运行经费")
    assert found is not None and found["name"] == "机关运行经费"
    assert re.match(pattern_of(*OUTLINE), "1.50") is None


# What each caller strips: callers not named leave the text as it is (up to their folding).
CALLERS = {
    "rows": strip_enumerator,  # a linear table row's label
    "labels": label,  # a standard table's row label, compacted
    "written": written_name,  # a standard table's name cell as printed
    "lines": FUNCTION_LINE_NUMBERING.without,  # a 类/款/项 item of the prose
    "names": name_key,  # a classification name as compared
    "funds": lambda text: fund_label(compact(text)),  # a self-evaluation table's fund line
    "sections": SECTION_NUMBERING.without,  # a prose section heading
}
ALL = "rows labels written lines names funds sections"
# text, {result: callers giving it}, linear_rows.enumerator_value, whether a label opens with a number
VARIANTS = [
    ("一、一般公共服务支出", {"一般公共服务支出": ALL}, 1, True),
    ("十九、其他支出", {"其他支出": ALL}, 19, True),
    ("二十三、住房保障支出", {"住房保障支出": ALL}, 23, True),
    ("一.基本支出", {"基本支出": "labels written lines sections"}, None, True),
    ("一．项目支出", {"项目支出": "labels written lines sections"}, None, True),
    ("（一）机关运行经费", {"机关运行经费": ALL}, 1, True),
    ("(一)机关运行经费", {"机关运行经费": ALL}, 1, True),
    ("（十二）国有资产占用情况", {"国有资产占用情况": ALL}, 12, True),
    ("（1）行政运行", {"行政运行": "rows labels written lines names sections"}, 1, True),
    ("(1)行政运行", {"行政运行": "rows labels written lines names sections"}, 1, True),
    ("（12）其他", {"其他": "rows labels written lines names sections"}, 12, True),
    ("1、行政运行", {"行政运行": "labels written lines names funds sections"}, None, True),
    ("1.行政运行", {"行政运行": "labels written lines names funds sections"}, None, True),
    ("1．行政运行", {"行政运行": "labels written lines names funds sections"}, None, True),
    ("12、其他支出", {"其他支出": "labels written lines names funds sections"}, None, True),
    (
        "1、2023年度收入支出决算总体情况",
        {"2023年度收入支出决算总体情况": "labels written lines names funds sections"},
        None,
        True,
    ),
    ("1 、行政运行", {"行政运行": "labels written lines names funds sections"}, None, True),
    ("1. 行政运行", {"行政运行": "labels written names funds", " 行政运行": "lines sections"}, None, True),
    (
        "一、 一般公共服务支出",
        {" 一般公共服务支出": "rows lines sections", "一般公共服务支出": "labels written names funds"},
        1,
        True,
    ),
    ("一 、一般公共服务支出", {"一般公共服务支出": ALL}, 1, True),
    ("（ 一 ）机关运行经费", {"机关运行经费": ALL}, 1, True),
    ("①行政运行", {}, None, False),
    ("⑴行政运行", {"行政运行": "rows labels names"}, 1, True),
    ("⒈行政运行", {"行政运行": "labels names funds"}, None, True),
    ("Ⅰ、总体情况", {}, None, False),
    ("Ⅱ.绩效目标", {}, None, False),
    ("第一，加强管理", {}, None, False),
    ("其一，加强管理", {}, None, False),
    ("一是加强管理", {}, None, False),
    ("1)行政运行", {"行政运行": "names"}, None, False),
    ("1）行政运行", {"行政运行": "names"}, None, False),
    ("一、1.行政运行", {"1.行政运行": "rows labels written lines funds sections", "行政运行": "names"}, 1, True),
    ("（一）1、行政运行", {"1、行政运行": "rows labels written lines funds sections", "行政运行": "names"}, 1, True),
    ("1.(1)行政运行", {"(1)行政运行": "labels written lines funds sections", "行政运行": "names"}, None, True),
    ("其中：上级财政资金", {"上级财政资金": "funds"}, None, False),
    ("其中:(一)上级财政资金", {"上级财政资金": "funds"}, None, False),
    ("其中：1.上级财政资金", {"上级财政资金": "funds"}, None, False),
    ("1.50", {}, None, False),
    ("1.5万元", {}, None, False),
    ("2024年", {}, None, False),
    ("2080501行政运行", {}, None, False),
    ("201 一般公共服务支出", {}, None, False),
    ("(208)社会保障", {"社会保障": "rows labels written lines names sections"}, 208, True),
    ("（208类）", {}, None, False),
    ("第一部分 部门概况", {" 部门概况": "sections"}, None, False),
    ("第二部分 2024年度部门决算表", {" 2024年度部门决算表": "sections"}, None, False),
    ("十、其他重要事项", {"其他重要事项": ALL}, 10, True),
    ("收入总计", {}, None, False),
    ("合计", {}, None, False),
    ("（含专用结余）", {}, None, False),
    ("(三)年末结转和结余", {"年末结转和结余": ALL}, 3, True),
    ("一般公共服务（类）", {}, None, False),
    ("“一般公共服务（类）”", {"一般公共服务(类)": "names"}, None, False),
    ("十一、", {"": ALL}, 11, True),
    ("（一）", {"": ALL}, 1, True),
    ("12.", {"": "labels written lines names funds sections"}, None, True),
    ("一二三", {}, None, False),
    ("二〇二四年", {}, None, False),
    ("(%)", {}, None, False),
    ("【一】行政运行", {}, None, False),
    ("〔一〕行政运行", {}, None, False),
    ("1-1行政运行", {}, None, False),
    ("A.行政运行", {}, None, False),
    ("（二十一）其他", {"其他": ALL}, 21, True),
]


@pytest.mark.parametrize(("text", "stripped", "value", "numbered"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_what_each_caller_strips(text: str, stripped: dict[str, str], value: int | None, numbered: bool) -> None:
    expected = {caller: result for result, callers in stripped.items() for caller in callers.split()}
    for caller, strip in CALLERS.items():
        if caller in expected:
            assert strip(text) == expected[caller], caller
        else:
            assert compact(strip(text)) == compact(text), caller
    assert enumerator_value(text) == value
    assert LABEL_NUMBERING.opens(compact(text)) is numbered
