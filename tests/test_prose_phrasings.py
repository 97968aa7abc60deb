"""Prose statements in the phrasings real reports use, each with the facts it must give.

Every row is a realistic sentence (the Putuo PDF's, the seeds', and the other ways reports write the
same thing: numbering ``1、`` / ``（1）`` / ``1.``, spaces between figures and units, ``主要用于：…。``
between the name and its figures, figures wrapped to the next line, 元 instead of 万元, 决算数为 /
支出决算为 / 决算支出 / 实际支出, comparisons with the budget or the prior year). A row names the fact
(a 类/款/项 line or a summary metric) and every figure it must carry; a figure not listed must be empty.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports import metric_names as m
from tests.conftest import corpus_file
from tests.prose_support import (
    HEADER,
    extract_file,
    extract_text,
    line,
    lines,
    metric,
    metric_names,
    metrics,
    projects,
)

D = Decimal
ITEMS = "（三）一般公共预算财政拨款支出决算具体情况\n"
PATH = "一般公共服务支出（类）人大事务（款）行政运行（项）"
WRITTEN = "一般公共服务支出（类）人大事务（款）行政运行（项）"
LINE_FIGURES = ("budget_initial", "budget_final", "actual", "completion_pct_declared", "share_pct_declared")

# (sentence after the section heading, expected figures of the line PATH)
LINE_VARIANTS: list[tuple[str, dict[str, Decimal]]] = [
    (
        f"1.{WRITTEN}：年初预算为 61.20 万元，支出决算为 58.37 万元，完成年初预算的95.38%。",
        {"budget_initial": D("61.20"), "actual": D("58.37"), "completion_pct_declared": D("95.38")},
    ),
    (
        f"1、{WRITTEN}。年初预算为61.20万元，支出决算为58.37万元，完成年初预算的95.38%。",
        {"budget_initial": D("61.20"), "actual": D("58.37"), "completion_pct_declared": D("95.38")},
    ),
    (
        f"（1）{WRITTEN}：年初预算为61.20万元，支出决算为58.37万元，完成年初预算的95.38%。",
        {"budget_initial": D("61.20"), "actual": D("58.37"), "completion_pct_declared": D("95.38")},
    ),
    (
        f"1. {WRITTEN}：年初预算为61.2万元，支出决算为58.37万元，完成年初预算的95.38%。",
        {"budget_initial": D("61.2"), "actual": D("58.37"), "completion_pct_declared": D("95.38")},
    ),
    (
        f"1、{WRITTEN}。主要用于：人大机关日常运转的基本支出。年初预算为 61.20 万元，支出决算为58.37万元。",
        {"budget_initial": D("61.20"), "actual": D("58.37")},
    ),
    (
        f"1、{WRITTEN}。主要用于：人大机关日常运转。年初预算为 10.00 万元，支出决算为10.00万元。"
        "决算数与预算数基本持平。",
        {"budget_initial": D("10.00"), "actual": D("10.00")},
    ),
    (
        f"1.{WRITTEN}：年初预算为20万元，支出决算为20万元，决算数同预算数持平。",
        {"budget_initial": D(20), "actual": D(20)},
    ),
    (
        f"1.{WRITTEN}\n年初预算为61.20万元，支出决算为58.37万元，完成年初预算的95.38%。",
        {"budget_initial": D("61.20"), "actual": D("58.37"), "completion_pct_declared": D("95.38")},
    ),
    (
        f"1.{WRITTEN}：\n年初预算为61.20万元，支出决算为58.37万元，完成年初预算的95.38%。",
        {"budget_initial": D("61.20"), "actual": D("58.37"), "completion_pct_declared": D("95.38")},
    ),
    (
        "1.一般公共服务支出（类）人大事务（款）行政运\n行（项）：年初预算为61.20万元，支出决算为58.37\n万元，完成年初预算的95.38%。",
        {"budget_initial": D("61.20"), "actual": D("58.37"), "completion_pct_declared": D("95.38")},
    ),
    (
        f"1.{WRITTEN}：决算数为58.37万元，预算数为61.20万元，完成预算的95.38%。",
        {"budget_initial": D("61.20"), "actual": D("58.37"), "completion_pct_declared": D("95.38")},
    ),
    (
        f"1.{WRITTEN}：年初预算61.20万元，决算支出58.37万元，完成年初预算的95.38%。",
        {"budget_initial": D("61.20"), "actual": D("58.37"), "completion_pct_declared": D("95.38")},
    ),
    (
        f"1.{WRITTEN}：年初预算为61.20万元，实际支出58.37万元，完成预算的95.38%。",
        {"budget_initial": D("61.20"), "actual": D("58.37"), "completion_pct_declared": D("95.38")},
    ),
    (
        f"1.{WRITTEN}：全年预算数为61.20万元，决算数为58.37万元，完成全年预算的95.38%。",
        {"budget_final": D("61.20"), "actual": D("58.37"), "completion_pct_declared": D("95.38")},
    ),
    (
        f"1.{WRITTEN}：调整预算为61.20万元，支出决算为58.37万元，完成调整预算的95.38%。",
        {"budget_final": D("61.20"), "actual": D("58.37"), "completion_pct_declared": D("95.38")},
    ),
    (
        f"1.{WRITTEN}：年初预算为61.20万元，支出决算为58.37万元，与年初预算相比减少2.83万元，下降4.62%。",
        {"budget_initial": D("61.20"), "actual": D("58.37")},
    ),
    (
        f"1.{WRITTEN}：年初预算为612,000.00元，支出决算为583,700.00元，完成年初预算的95.38%。",
        {"budget_initial": D("61.2"), "actual": D("58.37"), "completion_pct_declared": D("95.38")},
    ),
    (
        f"1.{WRITTEN}：2022年度年初预算为61.20万元，支出决算为58.37万元，完成年初预算的95.38%。",
        {"budget_initial": D("61.20"), "actual": D("58.37"), "completion_pct_declared": D("95.38")},
    ),
    (
        f"1.{WRITTEN}：支出决算为58.37万元，占一般公共预算财政拨款支出的10.50%，完成年初预算的95.38%。",
        {"actual": D("58.37"), "share_pct_declared": D("10.50"), "completion_pct_declared": D("95.38")},
    ),
    (
        f"1.{WRITTEN}：年初预算为61.20万元，支出决算为58.37万元，完成年初预算的95.38%。决算数小于预算数的主要原因是人员变动。",
        {"budget_initial": D("61.20"), "actual": D("58.37"), "completion_pct_declared": D("95.38")},
    ),
]

LINE_VARIANTS += [
    (f"1. “{WRITTEN}”58.37万元，主要用于人大机关日常运转。", {"actual": D("58.37")}),
    (f"1.{WRITTEN}：58.37 万元，主要用于人大机关日常运转。", {"actual": D("58.37")}),
]

LINE_VARIANTS += [
    (
        "（一）一般公共服务支出（类）\n1.人大事务（款）行政运行（项）：年初预算为61.20万元，支出决算为58.37万元，"
        "完成年初预算的95.38%。",
        {"budget_initial": D("61.20"), "actual": D("58.37"), "completion_pct_declared": D("95.38")},
    ),
    (
        "1.一般公共服务支出（类）人大事务（款）\n（1）行政运行（项）：年初预算为61.20万元，支出决算为58.37万元，"
        "完成年初预算的95.38%。",
        {"budget_initial": D("61.20"), "actual": D("58.37"), "completion_pct_declared": D("95.38")},
    ),
]

# Wordings of other provinces' and counties' reports: the actual without 为, the adjusted budget beside the
# initial one, the completion rate as 完成率 / 为…预算的 / 占…预算的 (a completion, not a share).
LINE_VARIANTS += [
    (
        f"{WRITTEN}：年初预算61.20万元，支出决算58.37万元，完成年初预算的95.38%。",
        {"budget_initial": D("61.20"), "actual": D("58.37"), "completion_pct_declared": D("95.38")},
    ),
    (
        f"1.{WRITTEN}：年初预算为61.20万元，调整预算为60.00万元，支出决算为58.37万元，完成调整预算的97.28%。",
        {
            "budget_initial": D("61.20"),
            "budget_final": D("60.00"),
            "actual": D("58.37"),
            "completion_pct_declared": D("97.28"),
        },
    ),
    (
        f"1.{WRITTEN}：年初预算数为61.20万元，决算数为58.37万元，决算数为年初预算数的95.38%。",
        {"budget_initial": D("61.20"), "actual": D("58.37"), "completion_pct_declared": D("95.38")},
    ),
    (
        f"1.{WRITTEN}：预算数61.20万元，决算数58.37万元，完成率95.38%。",
        {"budget_initial": D("61.20"), "actual": D("58.37"), "completion_pct_declared": D("95.38")},
    ),
    (
        f"1.{WRITTEN}：年初预算为61.20万元，支出决算为58.37万元，决算数占年初预算数的95.38%。",
        {"budget_initial": D("61.20"), "actual": D("58.37"), "completion_pct_declared": D("95.38")},
    ),
    (
        f"1.{WRITTEN}：年初预算为61.20万元，支出决算为58.37万元，预算执行率为95.38%。",
        {"budget_initial": D("61.20"), "actual": D("58.37"), "completion_pct_declared": D("95.38")},
    ),
    (
        f"1.{WRITTEN}。年初预算为61.20万元，支出决算为58.37万元，为年初预算的95.38%。",
        {"budget_initial": D("61.20"), "actual": D("58.37"), "completion_pct_declared": D("95.38")},
    ),
    (  # the prior year's actual is not this year's
        f"1.{WRITTEN}：年初预算为61.20万元，比上年决算数55.00万元增加6.20万元。",
        {"budget_initial": D("61.20")},
    ),
]

# (section heading, sentence, metric or (metric, scope), expected figures)
METRIC_VARIANTS: list[tuple[str, str, str | tuple[str, str], dict[str, Decimal]]] = [
    (
        "（一）机关运行经费支出情况",
        "2022年度本部门机关运行经费支出84.01 万元，比2021年增加24.33 万元，增长40.77%。",
        m.OPERATING_COSTS,
        {"value": D("84.01"), "change_value": D("24.33"), "change_pct_declared": D("40.77")},
    ),
    (
        "（一）机关运行经费支出情况",
        "2022年度机关运行经费实际支出50万元，与上年相比减少5万元，下降9.09%。",
        m.OPERATING_COSTS,
        {"value": D(50), "change_value": D(-5), "change_pct_declared": D("-9.09")},
    ),
    (
        "（一）机关运行经费支出情况",
        "2022年度机关运行经费支出决算为50万元，较上年增长10%。",
        m.OPERATING_COSTS,
        {"value": D(50), "change_pct_declared": D(10)},
    ),
    (
        "（一）机关运行经费支出情况",
        "2022年度机关运行经费支出50万元，与上年持平。",
        m.OPERATING_COSTS,
        {"value": D(50), "change_value": D(0)},
    ),
    (
        "（一）机关运行经费支出情况",
        "2022年度机关运行经费支出50万元，与上年一致。",
        m.OPERATING_COSTS,
        {"value": D(50), "change_value": D(0)},
    ),
    (
        "（一）机关运行经费支出情况",
        "2022年度机关运行经费支出50万元，较上年无增减变化。",
        m.OPERATING_COSTS,
        {"value": D(50), "change_value": D(0)},
    ),
    # A basis that stays the same states no change of the amount.
    (
        "（一）机关运行经费支出情况",
        "2022年度机关运行经费支出50万元，统计口径与上年相同。",
        m.OPERATING_COSTS,
        {"value": D(50)},
    ),
    (
        "（一）机关运行经费支出情况",
        "2022年度机关运行经费支出 500,000.00 元，比上年减少 50,000.00 元，下降9.09%。",
        m.OPERATING_COSTS,
        {"value": D(50), "change_value": D(-5), "change_pct_declared": D("-9.09")},
    ),
    (
        "七、“三公”经费财政拨款支出决算情况说明",
        "“三公”经费财政拨款支出预算为 9.40 万元，支出决算为 8.50 万元，完成预算的90.43%。",
        m.THREE_PUBLIC,
        {"value": D("8.50"), "budget_value": D("9.40"), "completion_pct_declared": D("90.43")},
    ),
    (
        "七、“三公”经费财政拨款支出决算情况说明",
        "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%。",
        m.THREE_PUBLIC,
        {"value": D("0.00"), "budget_value": D("0.95"), "completion_pct_declared": D(0)},
    ),
    (
        "七、“三公”经费财政拨款支出决算情况说明",
        "公务接待费年初预算为 2 万元，决算支出 1.5 万元，完成预算的75%，比上年减少0.3万元，下降16.67%。",
        m.RECEPTION,
        {
            "value": D("1.5"),
            "budget_value": D(2),
            "completion_pct_declared": D(75),
            "change_value": D("-0.3"),
            "change_pct_declared": D("-16.67"),
        },
    ),
    (
        "七、“三公”经费财政拨款支出决算情况说明",
        "公务接待费支出决算为12,345.00元，完成预算的61.73%。",
        m.RECEPTION,
        {"value": D("1.2345"), "completion_pct_declared": D("61.73")},
    ),
    (
        "七、“三公”经费财政拨款支出决算情况说明",
        "公务用车运行维护费支出决算为5万元，决算数同预算数持平。",
        m.VEHICLE_OPERATION,
        {"value": D(5)},
    ),
    (
        "七、“三公”经费财政拨款支出决算情况说明",
        "公务用车运行维护费决算数为5万元，年初预算数为6万元，完成年初预算的83.33%。",
        m.VEHICLE_OPERATION,
        {"value": D(5), "budget_value": D(6), "completion_pct_declared": D("83.33")},
    ),
    (
        "四、一般公共预算财政拨款支出决算情况说明",
        "2022年度一般公共预算财政拨款支出 912.26 万元，与年初预算相比增加10万元，增长1.11%。",
        m.GPB_EXPENDITURE,
        {"value": D("912.26")},
    ),
    (
        "四、一般公共预算财政拨款支出决算情况说明",
        "2022年度一般公共预算财政拨款支出912.26万元，与调整预算相比减少3.5万元，下降0.38%。",
        m.GPB_EXPENDITURE,
        {"value": D("912.26")},
    ),
    (
        "四、一般公共预算财政拨款支出决算情况说明",
        "2022年度一般公共预算财政拨款支出912.26万元，比上年增加158.44万元，增长21.02%。",
        m.GPB_EXPENDITURE,
        {"value": D("912.26"), "change_value": D("158.44"), "change_pct_declared": D("21.02")},
    ),
    (
        "五、一般公共预算财政拨款基本支出决算情况说明",
        "2022年度一般公共预算财政拨款基本支出 200.50 万元，其中：人员经费180万元，公用经费20.5万元。",
        (m.BASIC, m.GPB),
        {"value": D("200.50")},
    ),
]
METRIC_VARIANTS += [
    (
        "一、收入支出决算总体情况说明",
        "2022年度收、支总计各 609.89 万元。与2021年相比，收、支总计各增加4.24万元，增长0.7%。",
        m.TOTAL,
        {"value": D("609.89"), "change_value": D("4.24"), "change_pct_declared": D("0.7")},
    ),
    # The national template of 2023 on: 收入、支出决算总计.
    (
        "一、收入支出决算总体情况说明",
        "2022年度收入、支出决算总计1,350.00万元。与2021年相比，收、支总计各增加50.00万元，增长3.85%。",
        m.TOTAL,
        {"value": D("1350.00"), "change_value": D("50.00"), "change_pct_declared": D("3.85")},
    ),
    (
        "四、财政拨款收入支出决算总体情况说明",
        "2022年度财政拨款收入、支出决算总计1,300.00万元。与2021年相比，财政拨款收、支总计各增加50.00万元，增长4%。",
        m.FISCAL_TOTAL,
        {"value": D("1300.00"), "change_value": D("50.00"), "change_pct_declared": D("4")},
    ),
    (
        "（一）机关运行经费支出情况",
        "机关运行经费支出决算为84.01万元，比上年决算数59.68万元增加24.33万元，增长40.77%。",
        m.OPERATING_COSTS,
        {
            "value": D("84.01"),
            "prior_year_value": D("59.68"),
            "change_value": D("24.33"),
            "change_pct_declared": D("40.77"),
        },
    ),
    (
        "七、“三公”经费财政拨款支出决算情况说明",
        "因公出国（境）费支出决算为0万元，与年初预算持平，与上年持平。",
        m.OVERSEAS,
        {"value": D(0), "change_value": D(0)},
    ),
    (
        "七、“三公”经费财政拨款支出决算情况说明",
        "“三公”经费财政拨款支出决算为8.5万元，较年初预算减少0.95万元，下降10.05%。",
        m.THREE_PUBLIC,
        {"value": D("8.5")},
    ),
    (
        "（一）机关运行经费支出情况",
        "本部门2022年度机关运行经费支出84.01万元，同比增加24.33万元，增长40.77%。",
        m.OPERATING_COSTS,
        {"value": D("84.01"), "change_value": D("24.33"), "change_pct_declared": D("40.77")},
    ),
]
METRIC_VARIANTS += [
    (
        "一、收入支出决算总体情况说明",
        "2024年度收入总计1,234.56万元，支出总计1,234.56万元。与2023年度相比，收入、支出总计各增加123.45万元，"
        "增长11.11%。",
        m.TOTAL,
        {"value": D("1234.56"), "change_value": D("123.45"), "change_pct_declared": D("11.11")},
    ),
    (
        "四、财政拨款收入支出决算总体情况说明",
        "2024年度财政拨款收入总计1,000.00万元，支出总计1,000.00万元。",
        m.FISCAL_TOTAL,
        {"value": D("1000.00")},
    ),
    (
        "七、“三公”经费财政拨款支出决算情况说明",
        "“三公”经费财政拨款支出年初预算为15.00万元，支出决算为12.34万元，预算完成率82.27%。",
        m.THREE_PUBLIC,
        {"value": D("12.34"), "budget_value": D("15.00"), "completion_pct_declared": D("82.27")},
    ),
    (
        "七、“三公”经费财政拨款支出决算情况说明",
        "“三公”经费财政拨款支出预算数15.00万元，决算数12.34万元，决算数为预算数的82.27%。",
        m.THREE_PUBLIC,
        {"value": D("12.34"), "budget_value": D("15.00"), "completion_pct_declared": D("82.27")},
    ),
    (
        "七、“三公”经费财政拨款支出决算情况说明",
        "公务接待费支出决算为2.5万元，占“三公”经费的20.26%，比上年减少0.5万元，下降16.67%。",
        m.RECEPTION,
        {
            "value": D("2.5"),
            "share_pct_declared": D("20.26"),
            "change_value": D("-0.5"),
            "change_pct_declared": D("-16.67"),
        },
    ),
    ("七、“三公”经费财政拨款支出决算情况说明", "因公出国（境）费支出决算为零。", m.OVERSEAS, {"value": D(0)}),
    (
        "（一）机关运行经费支出情况",
        "机关运行经费支出12.34万元，比上年增长7.49%，增加0.86万元。",
        m.OPERATING_COSTS,
        {"value": D("12.34"), "change_value": D("0.86"), "change_pct_declared": D("7.49")},
    ),
]
METRIC_VARIANTS += [
    (
        "二、收入决算情况说明",
        "2024年度收入合计1,234.56万元，其中：财政拨款收入1,000.00万元，占收入合计的81.00%；其他收入234.56万元。",
        m.INCOME_TOTAL,
        {"value": D("1234.56")},
    ),
    (
        "三、支出决算情况说明",
        "2024年度支出合计1,234.56万元，与上年相比，支出合计增加34.56万元，增长2.88%。",
        m.EXPENDITURE_TOTAL,
        {"value": D("1234.56"), "change_value": D("34.56"), "change_pct_declared": D("2.88")},
    ),
    # The table's negative difference written after the template's word (减少-150 is a decrease of 150).
    (
        "二、收入决算情况说明",
        "本年收入合计2,900.00万元，比上年减少-150.00万元，下降-4.92%。",
        m.INCOME_TOTAL,
        {"value": D("2900.00"), "change_value": D("-150.00"), "change_pct_declared": D("-4.92")},
    ),
    (
        "（二）政府采购支出情况",
        "2024年度政府采购支出合计123.45万元，其中：货物类23.45万元，工程类0万元，服务类100.00万元。",
        m.PROCUREMENT_TOTAL,
        {"value": D("123.45")},
    ),
    (
        "（二）政府采购支出情况",
        "2024年度政府采购支出合计123.45万元，其中：货物类23.45万元，工程类0万元，服务类100.00万元。",
        m.PROCUREMENT_SERVICES,
        {"value": D("100.00")},
    ),
]
METRIC_FIGURES = (
    "value",
    "budget_value",
    "prior_year_value",
    "change_value",
    "change_pct_declared",
    "completion_pct_declared",
    "share_pct_declared",
)


def test_the_tables_hold_at_least_thirty_variants() -> None:
    assert len(LINE_VARIANTS) + len(METRIC_VARIANTS) >= 30


@pytest.mark.parametrize(("sentence", "expected"), LINE_VARIANTS, ids=range(len(LINE_VARIANTS)))
def test_line_phrasing(tmp_path: Path, sentence: str, expected: dict[str, Decimal]) -> None:
    row = line(extract_text(tmp_path, HEADER + ITEMS + sentence + "\n"), PATH)
    assert {k: getattr(row, k) for k in LINE_FIGURES} == {k: expected.get(k) for k in LINE_FIGURES}


@pytest.mark.parametrize(("heading", "sentence", "name", "expected"), METRIC_VARIANTS, ids=range(len(METRIC_VARIANTS)))
def test_metric_phrasing(
    tmp_path: Path, heading: str, sentence: str, name: str | tuple[str, str], expected: dict[str, Decimal]
) -> None:
    metric_name, scope = (name, None) if isinstance(name, str) else name
    row = metric(extract_text(tmp_path, f"{HEADER}{heading}\n{sentence}\n"), metric_name, scope)
    assert {k: getattr(row, k) for k in METRIC_FIGURES} == {k: expected.get(k) for k in METRIC_FIGURES}


def test_a_budget_reports_item_amount_is_its_budget(tmp_path: Path) -> None:
    text = (
        "上海市普陀区城市管理行政执法局\n2026年度部门预算\n四、部门预算编制说明\n财政拨款支出主要内容如下：\n"
        f"1. “{WRITTEN}”61.20万元，主要用于人大机关日常运转。\n"
    )
    result = extract_text(tmp_path, text)
    assert result.report.report_kind == "部门预算"
    row = line(result, PATH)
    assert {k: getattr(row, k) for k in LINE_FIGURES} == {k: None for k in LINE_FIGURES} | {
        "budget_initial": D("61.20")
    }


def test_budget_corpus_items_are_read_as_budgets() -> None:
    result = extract_file(corpus_file("shanghai-putuo-urban-management-2026-budget.txt"))
    items = [x for x in lines(result) if x.level == "项"]
    assert len(items) == 9 and all(x.actual is None for x in items)
    # The nine items add to the 4748.35万元 of 财政拨款支出预算 within rounding of nine printed figures.
    assert sum(x.budget_initial for x in items) == D("4748.34")
    assert line(result, "城乡社区支出（类）城乡社区管理事务（款）城管执法（项）").budget_initial == D("3377.56")


@pytest.mark.parametrize(
    "sentence",
    [
        "主要用于以下方面：一般公共服务（类）支出60万元，占60%；卫生健康支出40万元，占40%。",
        "主要用于以下方面：一般公共服务（类）支出 60 万元，占比 60%；卫生健康支出 40 万元，占比 40%。",
        "主要用于以下方面：一般公共服务（类）支出60万元，占一般公共预算财政拨款支出的60%；"
        "卫生健康支出40万元，占一般公共预算财政拨款支出的40%。",
        "主要用于以下几个方面：一般公共服务（类）支出60万元，占60%；卫生健康支出40万元，占40%。",
        "按支出功能分类，主要用于：一般公共服务（类）支出60万元，占60%；卫生健康支出40万元，占40%。",
        "按功能分类：一般公共服务（类）支出60万元，占60%；卫生健康支出40万元，占40%。",
        "按支出功能分类科目划分，一般公共服务支出60万元，占60%；卫生健康支出40万元，占40%。",
        "支出结构情况如下：一般公共服务（类）支出60万元，占60%；卫生健康支出40万元，占40%。",
        "其中：一般公共服务支出60万元，占60%；卫生健康支出40万元，占40%。",
        "主要包括：一般公共服务支出60万元，占60%；卫生健康支出40万元，占40%。",
        "主要用于以下方面：一般公共服务支出60万元，占60%，卫生健康支出40万元，占40%。",
        "主要用于以下方面：一般公共服务支出60万元（占60%）；卫生健康支出40万元（占40%）。",
        # The change stated between the total and its list.
        "比上年增加10万元，增长11.11%，主要用于：一般公共服务支出60万元，占60%；卫生健康支出40万元，占40%。",
    ],
)
def test_structure_sentence_phrasing(tmp_path: Path, sentence: str) -> None:
    body = "（二）一般公共预算财政拨款支出决算结构情况\n2022年一般公共预算财政拨款支出100万元，" + sentence + "\n"
    found = [(x.name_as_written, x.actual, x.share_pct_declared) for x in lines(extract_text(tmp_path, HEADER + body))]
    assert found == [("一般公共服务支出（类）", D(60), D(60)), ("卫生健康支出（类）", D(40), D(40))]


@pytest.mark.parametrize(
    "stated",
    [
        "决算数小于预算数的主要原因是：人员减少",
        "决算数小于预算数的主要原因：人员减少",
        "决算数小于预算数的主要原因为人员减少",
        "决算数小于预算数的主要原因是人员减少",
        "差异原因：人员减少",
        "决算数与预算数差异的主要原因是人员减少",
        "变动原因主要是人员减少",
    ],
)
def test_reason_phrasing(tmp_path: Path, stated: str) -> None:
    sentence = f"1.{WRITTEN}：年初预算为61.20万元，支出决算为58.37万元。{stated}。\n"
    assert line(extract_text(tmp_path, HEADER + ITEMS + sentence), PATH).reason == "人员减少"


def test_levels_written_above_do_not_reach_past_a_heading(tmp_path: Path) -> None:
    text = (
        HEADER
        + "（二）一般公共预算财政拨款支出决算结构情况\n一般公共服务支出（类）\n"
        + ITEMS
        + "1.人大事务（款）行政运行（项）：支出决算为58.37万元。\n"
    )
    assert line(extract_text(tmp_path, text), "人大事务（款）行政运行（项）").actual == D("58.37")


def test_a_budget_reads_the_sections_after_its_glossary(tmp_path: Path) -> None:
    # A budget prints 名词解释 before its 预算编制说明 and 其他相关情况说明, the sections with figures.
    text = (
        "上海市普陀区2026年区级部门预算\n预算主管部门：上海市普陀区城市管理行政执法局\n目 录\n"
        "一、部门主要职能\n普陀区城市管理行政执法局是负责城市管理综合行政执法的部门。\n"
        "三、名词解释\n（一）财政拨款收入：是指区级财政当年拨付的资金，如行政运行（项）支出决算为1万元。\n"
        "四、部门预算编制说明\n财政拨款支出主要内容如下：\n"
        "1. “社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）”261.47万元，主要用于离退休经费。\n"
        "六、其他相关情况说明\n（一）2026年“三公”经费预算情况说明\n"
        "2026年“三公”经费预算数为114.22万元，比2025年预算增加27万元。\n"
    )
    result = extract_text(tmp_path, text)
    assert [(x.name_as_written, x.budget_initial, x.actual) for x in lines(result)] == [
        ("社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）", D("261.47"), None)
    ]
    three_public = metric(result, m.THREE_PUBLIC)
    # A budget report's figures are its values; the report's stage (预算) says they are plans.
    assert (three_public.value, three_public.budget_value, three_public.change_value) == (D("114.22"), None, D(27))


def test_a_table_row_run_into_the_text_is_not_a_figure(tmp_path: Path) -> None:
    # ``302 17 公务接待费 4,600 4,600`` (a budget table as PDF text, in 元): 4,6004,600 once compacted; the
    # 4 before ",600" is not an amount of 4元.
    text = (
        "上海市普陀区城市管理行政执法局\n2026年度部门预算\n四、部门预算编制说明\n单位：元\n"
        "302 17 公务接待费 4,600 4,600\n302 31 公务用车运行维护费 387,600 387,600\n"
    )
    result = extract_text(tmp_path, text)
    assert result.report.money_unit == "元"
    assert [x.metric for x in metrics(result) if x.metric in (m.RECEPTION, m.VEHICLE_OPERATION)] == []


# Continuation pages of budget tables as pdftotext's default text writes them: each cell on a line of
# its own, a figure glued to the header word after it. The lines join into one paragraph
# (``退休费2,079,000人员经费2,079,000公用经费``): each figure is a cell, not the metric named after it.
RUN_TOGETHER_CELLS = [
    (
        "合计\n30302 退休费\n2,079,000人员经费\n2,079,000公用经费\n310 资本性支出\n210,000\n",
        (m.PERSONNEL, m.PUBLIC_USE),
    ),
    ("合计\n2120104 城管执法\n33,775,592基本支出\n22,783,399项目支出\n10,992,193\n", (m.BASIC, m.PROJECT)),
]


@pytest.mark.parametrize(("cells", "not_stated"), RUN_TOGETHER_CELLS, ids=["economic", "function"])
def test_cells_run_together_into_one_paragraph_state_no_figure(
    tmp_path: Path, cells: str, not_stated: tuple[str, ...]
) -> None:
    report = "上海市普陀区城市管理行政执法局\n2026年度部门预算\n四、部门预算编制说明\n单位：元\n"
    result = extract_text(tmp_path, report + cells)
    assert [x.metric for x in metrics(result) if x.metric in not_stated] == []


@pytest.mark.parametrize("ending", ["。", "，公用经费50.00万元。", ""])
def test_a_figure_ending_its_clause_is_still_read(tmp_path: Path, ending: str) -> None:
    # Without a unit, a figure is the subject's when a mark or the text ends it (the report's unit: 万元).
    row = metric(extract_text(tmp_path, f"{HEADER}（二）基本支出情况\n人员经费为3,112.47{ending}\n"), m.PERSONNEL)
    assert row.value == D("3112.47")


def test_the_whole_a_share_is_taken_of_states_nothing(tmp_path: Path) -> None:
    """``公务接待费…占“三公”经费的20.26%，比上年减少0.5万元``: the change is the 接待费's, not the 三公经费's."""
    result = extract_text(
        tmp_path,
        f"{HEADER}七、“三公”经费财政拨款支出决算情况说明\n"
        "公务接待费支出决算为2.5万元，占“三公”经费的20.26%，比上年减少0.5万元，下降16.67%。\n",
    )
    assert metric(result, m.RECEPTION).change_value == D("-0.5")
    assert m.THREE_PUBLIC not in metric_names(result)


def test_totals_written_apart_in_both_sections(tmp_path: Path) -> None:
    """收入总计 / 支出总计 state the 收支总计 in the overview and the 财政拨款收支总计 in the 财政拨款 section."""
    result = extract_text(
        tmp_path,
        f"{HEADER}一、收入支出决算总体情况说明\n2024年度收入总计1,234.56万元，支出总计1,234.56万元。\n"
        "四、财政拨款收入支出决算总体情况说明\n2024年度财政拨款收入总计1,000.00万元，支出总计1,000.00万元。\n",
    )
    assert metric(result, m.TOTAL).value == D("1234.56")
    assert metric(result, m.FISCAL_TOTAL).value == D("1000.00")


@pytest.mark.parametrize(
    "sentence",
    [
        "2024年度收入合计1,234.56万元，其中：财政拨款收入1,000.00万元，占收入合计的81.00%；其他收入234.56万元，占19.00%。",
        "本年收入合计1,234.56万元，比上年增加100.00万元，增长8.82%。其中：财政拨款收入1,000.00万元，占81.00%；"
        "其他收入234.56万元，占19.00%。",
        "2024年度本年收入合计1,234.56万元，其中财政拨款收入1,000.00万元，占81.00%；其他收入234.56万元，占19.00%。",
        "本年收入合计1,234.56万元，主要来源于财政拨款收入1,000.00万元，占81.00%和其他收入234.56万元，占19.00%。",
    ],
)
def test_income_sources_after_the_total(tmp_path: Path, sentence: str) -> None:
    """The sources listed after 收入合计 (no 本年), or in the sentence after it (…。其中：…), or after 其中 with no
    colon or 主要来源于, which are no part of the first source's name, the next one joined by 和."""
    result = extract_text(tmp_path, f"{HEADER}二、收入决算情况说明\n{sentence}\n")
    assert {i.source: (i.amount, i.share_pct_declared) for i in result.income} == {
        "财政拨款收入": (D("1000.00"), D("81.00")),
        "其他收入": (D("234.56"), D("19.00")),
    }
    assert metric(result, m.INCOME_TOTAL).value == D("1234.56")


@pytest.mark.parametrize("opener", ["其中，", "其中：", "其中", "包括", "主要为"])
def test_vehicles_by_use_after_a_comma(tmp_path: Path, opener: str) -> None:
    """``共有车辆3辆，其中，…用车0辆，执法执勤用车1辆，其他用车2辆``: 其中 followed by a comma, a colon or nothing."""
    result = extract_text(
        tmp_path,
        f"{HEADER}（三）国有资产占用情况\n截至2024年12月31日，共有车辆3辆，{opener}主要领导干部用车0辆，"
        "执法执勤用车1辆，其他用车2辆。\n",
    )
    assert metric(result, m.ASSET_VEHICLES).value == 3
    assert metric(result, m.asset_vehicles_by_use("执法执勤用车")).value == 1
    assert metric(result, m.asset_vehicles_by_use("其他用车")).value == 2


def test_a_totals_parts_after_its_figure_are_no_classes(tmp_path: Path) -> None:
    """``一般公共预算财政拨款支出1000万元，其中：基本支出800万元，占80%；…``: 基本支出 is no 类, and it is the
    一般公共预算财政拨款's 基本支出 (the section's fund), not the report's."""
    body = (
        "四、一般公共预算财政拨款支出决算情况说明\n"
        "2024年度一般公共预算财政拨款支出1000万元，其中：基本支出800万元，占80%；项目支出200万元，占20%。\n"
    )
    result = extract_text(tmp_path, HEADER + body)
    assert lines(result) == []
    assert (metric(result, m.BASIC, m.GPB).value, metric(result, m.PROJECT, m.GPB).value) == (D(800), D(200))
    assert {m.BASIC, m.PROJECT} & {x.metric for x in metrics(result) if x.scope is None} == set()


def test_fleet_and_equipment_in_other_wordings(tmp_path: Path) -> None:
    """``公务用车保有量为2辆``; ``单位价值50万元以上通用设备1台`` (单位价值 for 单价)."""
    result = extract_text(
        tmp_path,
        f"{HEADER}（三）国有资产占用情况\n截至2024年12月31日，单位开支财政拨款的公务用车保有量为2辆。"
        "单位价值50万元以上通用设备1台，单位价值100万元以上专用设备0台。\n",
    )
    assert metric(result, m.VEHICLE_FLEET).value == 2
    assert metric(result, m.EQUIPMENT_GENERAL_50).value == 1
    assert metric(result, m.EQUIPMENT_SPECIAL_100).value == 0


@pytest.mark.parametrize(
    "sentence",
    [
        "本部门2024年度无政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出，故本表为空表。",
        "2024年度本部门无政府性基金预算财政拨款收入支出。",
        "本单位2024年度政府性基金预算财政拨款收入和支出均为0万元。",
    ],
)
def test_a_fund_with_nothing_states_a_zero(tmp_path: Path, sentence: str) -> None:
    """The national template's wording of an empty fund table (无…收入，也没有使用…安排的支出) and others."""
    result = extract_text(tmp_path, f"{HEADER}八、政府性基金预算财政拨款收入支出决算情况说明\n{sentence}\n")
    assert metric(result, m.GOV_FUND_EXPENDITURE).value == 0


def test_a_templates_instruction_for_an_empty_fund_states_nothing(tmp_path: Path) -> None:
    sentence = "无国有资本经营预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明："
    result = extract_text(tmp_path, f"{HEADER}九、国有资本经营预算财政拨款收入支出决算情况说明\n{sentence}\n")
    assert m.STATE_CAPITAL_EXPENDITURE not in metric_names(result)


@pytest.mark.parametrize(
    "sentence",
    [
        "2024年度，本部门对10个项目开展了绩效自评，涉及资金1,234.56万元。",
        "本部门组织对2024年度一般公共预算项目支出全面开展绩效自评，共涉及项目10个，资金1234.56万元。",
    ],
)
def test_self_evaluated_projects_and_their_money(tmp_path: Path, sentence: str) -> None:
    result = extract_text(tmp_path, f"{HEADER}十、预算绩效管理情况\n{sentence}\n")
    assert metric(result, m.PERF_SELF_EVALUATED).value == 10
    assert metric(result, m.PERF_SELF_EVALUATED_AMOUNT).value == D("1234.56")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "2024年度本部门开展绩效监控项目10个，涉及资金1,234.56万元；开展绩效自评项目10个，涉及资金1,234.56万元。",
            {
                m.PERF_MONITORED: 10,
                m.PERF_MONITORED_AMOUNT: D("1234.56"),
                m.PERF_SELF_EVALUATED: 10,
                m.PERF_SELF_EVALUATED_AMOUNT: D("1234.56"),
            },
        ),
        ("本部门绩效自评覆盖率100%，共开展自评项目10个。", {m.PERF_SELF_EVALUATED: 10}),
        (
            "2024年，本单位绩效自评的项目共10个，自评平均分为92.5分。",
            {m.PERF_SELF_EVALUATED: 10, m.PERF_AVERAGE_SCORE: D("92.5")},
        ),
        (
            "本部门2024年度对10个项目开展了绩效自评，涉及资金1,234.56万元。自评结果显示：优秀8个，良好2个。",
            {
                m.PERF_SELF_EVALUATED: 10,
                m.PERF_SELF_EVALUATED_AMOUNT: D("1234.56"),
                m.perf_grade_count("优"): 8,
                m.perf_grade_count("良"): 2,
            },
        ),
    ],
)
def test_performance_counts_after_the_activity(tmp_path: Path, sentence: str, expected: dict) -> None:
    """Counts written after the activity (开展绩效监控项目10个), 自评平均分为, grades after 自评结果显示."""
    result = extract_text(tmp_path, f"{HEADER}十、预算绩效管理情况\n{sentence}\n")
    assert {x.metric: x.value for x in metrics(result) if x.metric.startswith(("绩效", "事前"))} == expected


def test_self_evaluation_coverage_by_project_level_and_the_scores_named(tmp_path: Path) -> None:
    """The national template's ``全面开展绩效自评，其中，一级项目2个，二级项目8个，共涉及资金500万元，占一般公共预算项目
    支出总额的100%`` and the scores it names after it: each project's, the whole department's. A score whose
    clause names no one project (本部门项目…, …等项目) is nobody's."""
    sentence = (
        "组织对2024年度一般公共预算项目支出全面开展绩效自评，其中，一级项目2个，二级项目8个，共涉及资金500万元，"
        "占一般公共预算项目支出总额的100%。从评价情况来看，“城市管理执法专项经费”项目自评得分92分，"
        "道路保洁经费项目自评得分88.5分，部门整体支出绩效自评综合得分为93分，其余各项目自评得分均在90分以上，"
        "一般公共预算项目自评得分90分。"
    )
    result = extract_text(tmp_path, f"{HEADER}九、预算绩效情况说明\n{sentence}\n")
    assert {x.metric: x.value for x in metrics(result) if x.metric.startswith("绩效")} == {
        m.PERF_SELF_EVALUATED_FIRST_LEVEL: 2,
        m.PERF_SELF_EVALUATED_SECOND_LEVEL: 8,
        m.PERF_SELF_EVALUATED_AMOUNT: 500,
    }
    assert metric(result, m.PERF_SELF_EVALUATED_AMOUNT).share_pct_declared == 100
    assert {(p.project_name, p.scope, p.score) for p in projects(result)} == {
        ("城市管理执法专项经费项目", "项目", D(92)),
        ("道路保洁经费项目", "项目", D("88.5")),
        ("部门整体支出", "部门整体", D(93)),
    }


def test_a_figure_is_no_share_of_itself(tmp_path: Path) -> None:
    """``对…一般公共预算项目支出全面开展绩效自评，…资金1,234.56万元，占一般公共预算项目支出总额的100%``: the
    share is the evaluated money's, not the 项目支出's (the subject is the whole it is taken of)."""
    sentence = (
        "组织对2024年度一般公共预算项目支出全面开展绩效自评，共涉及项目10个，资金1,234.56万元，"
        "占一般公共预算项目支出总额的100%。"
    )
    result = extract_text(tmp_path, f"{HEADER}十、预算绩效管理情况\n{sentence}\n")
    assert m.PROJECT not in metric_names(result)
    assert metric(result, m.PERF_SELF_EVALUATED_AMOUNT).value == D("1234.56")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("本部门编制人数50人，实有人数48人；其中行政编制30人，事业编制20人。", (50, 30, 20, 48)),
        ("人员编制50人，其中行政编制30人、事业编制20人；年末实有人员48人。", (50, 30, 20, 48)),
        ("本部门编制人数50人，其中行政编制人数30人，事业编制人数20人，实有在职人员48人。", (50, 30, 20, 48)),
    ],
)
def test_staffing_in_other_wordings(tmp_path: Path, sentence: str, expected: tuple[int, ...]) -> None:
    result = extract_text(tmp_path, f"{HEADER}二、人员情况\n{sentence}\n")
    names = (m.STAFF_QUOTA, m.STAFF_QUOTA_ADMIN, m.STAFF_QUOTA_INSTITUTION, m.STAFF_ACTUAL)
    assert tuple(metric(result, name).value for name in names) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A count of staff whose own list holds retirees is not staff in post; its 在职 item is.
        ("截至2024年底，本部门实有人员88人，其中在职人员58人、离退休人员30人。", {m.STAFF_ACTUAL: 58}),
        ("年末实有人员88人，其中：在职人员58人，离休人员2人，退休人员28人。", {m.STAFF_ACTUAL: 58, m.RETIRED: 28}),
        ("实有人数48人（含退休人员12人）。", {m.STAFF_ACTUAL: None, m.RETIRED: 12}),
        # 实有 right after one kind's quota is that kind's, whatever the wording of 实有.
        (
            "核定行政编制20名，实有在职人员18名；核定事业编制10名，实有在职人员9名。",
            {m.STAFF_QUOTA_ADMIN: 20, m.STAFF_ACTUAL_ADMIN: 18, m.STAFF_ACTUAL_INSTITUTION: 9, m.STAFF_ACTUAL: None},
        ),
        ("事业编制10名，实有9名，其中专业技术人员5名。", {m.STAFF_ACTUAL_INSTITUTION: 9, m.STAFF_ACTUAL: None}),
        # After a list of kinds or the total quota, it is the whole's.
        ("行政编制20名、事业编制10名，实有人员28人。", {m.STAFF_ACTUAL: 28, m.STAFF_ACTUAL_INSTITUTION: None}),
        ("现有编制30名，实有28名。", {m.STAFF_QUOTA: 30, m.STAFF_ACTUAL: 28}),
        # A part's or another body's quota is not the department's.
        (
            "机关行政编制20名，机关工勤人员编制3名，下属事业单位编制10名。",
            {m.STAFF_QUOTA_ADMIN: 20, m.STAFF_QUOTA: None},
        ),
        ("工勤人员编制3名，实有2人。", {m.STAFF_QUOTA: None, m.STAFF_ACTUAL: None}),
        ("政法专项编制20名。", {m.STAFF_QUOTA: None}),
        ("本部门对3个项目编制3个绩效目标。", {m.STAFF_QUOTA: None}),
        # Quotas counted in 个, staff in post as 在职人员 / 在职职工, retirees as 退休职工 / 退休N人.
        (
            "我单位共有编制30个，其中行政编制20个，事业编制10个；实有在职人员28人。",
            {m.STAFF_QUOTA: 30, m.STAFF_QUOTA_ADMIN: 20, m.STAFF_ACTUAL: 28},
        ),
        ("人员编制30名，在职人员28人，退休人员12人。", {m.STAFF_QUOTA: 30, m.STAFF_ACTUAL: 28, m.RETIRED: 12}),
        ("年末在职职工28人，退休职工15人。", {m.STAFF_ACTUAL: 28, m.RETIRED: 15}),
        (
            "编制人数45人，其中行政编制30人、参公编制10人、事业编制5人；在职人员43人，离休1人，退休20人。",
            {m.STAFF_QUOTA_CIVIL_SERVICE: 10, m.STAFF_ACTUAL: 43, m.RETIRED: 20},
        ),
        # A year's movement is no count of retirees; a change is no count of staff.
        ("本年新增退休人员3人，在职人员较上年增加2人。", {m.RETIRED: None, m.STAFF_ACTUAL: None}),
        # A performance indicator's words are a target, not the department's count.
        ("指标1：财政全额拨款工委在职干部职工20人。", {m.STAFF_ACTUAL: None}),
    ],
)
def test_staff_in_post_quota_kinds_and_retirees(tmp_path: Path, sentence: str, expected: dict[str, int | None]) -> None:
    result = extract_text(tmp_path, f"{HEADER}二、人员情况\n{sentence}\n")
    read = {name: (metric(result, name).value if name in metric_names(result) else None) for name in expected}
    assert read == expected


@pytest.mark.parametrize(
    ("sentence", "subunits"),
    [
        ("纳入本部门2024年度部门决算编制范围的二级预算单位共3个，其中：行政单位1个，其他事业单位2个。", 3),
        ("本部门共有二级预算单位3个。", 3),
        ("本部门下属单位共3个。", 3),
        ("本部门为一级预算单位，没有下属二级预算单位。", 0),
        ("本部门由本级和2个下属单位组成。", 2),
        ("纳入本部门2024年度部门决算编制范围的单位共3个，包括：部门本级及所属2个事业单位。", 2),
        ("本部门2024年度部门决算汇总范围包括部门本级及所属事业单位2个。", 2),
        ("本部门为一级预算单位，下设二级预算单位2个。", 2),
        ("本部门无下属单位，部门决算即为本级决算。", 0),
    ],
)
def test_subunits_in_other_wordings(tmp_path: Path, sentence: str, subunits: int) -> None:
    text = f"第一部分 部门概况\n二、部门决算单位构成\n{sentence}\n第二部分 2024年度部门决算情况说明\n"
    assert metric(extract_text(tmp_path, text), m.SUBUNITS).value == subunits


def test_retirees_of_both_kinds_are_not_the_retired(tmp_path: Path) -> None:
    """``离退休人员12人`` counts 离休 and 退休 together: not the 退休人数 (``退休人员3人`` is)."""
    both = extract_text(tmp_path, f"{HEADER}二、人员情况\n实有人数48人，离退休人员12人。\n")
    assert m.RETIRED not in metric_names(both)
    retired = extract_text(tmp_path, f"{HEADER}二、人员情况\n实有人数48人，退休人员3人。\n", "retired.txt")
    assert metric(retired, m.RETIRED).value == 3


@pytest.mark.parametrize(
    ("sentence", "level", "code"),
    [
        ("1.行政运行（2010101）：年初预算61.20万元，支出决算58.37万元，完成年初预算的95.38%。", "项", "2010101"),
        ("（1）2010101行政运行：年初预算为61.20万元，支出决算为58.37万元，完成年初预算的95.38%。", "项", "2010101"),
        ("1.人大事务（20101）：年初预算为61.20万元，支出决算为58.37万元，完成年初预算的95.38%。", "款", "20101"),
    ],
)
def test_an_item_named_by_its_code(tmp_path: Path, sentence: str, level: str, code: str) -> None:
    """A line named with its code instead of its levels' markers: the code gives its level and place."""
    (row,) = lines(extract_text(tmp_path, HEADER + ITEMS + sentence + "\n"))
    assert (row.level, row.code, row.budget_initial, row.actual, row.completion_pct_declared) == (
        level,
        code,
        D("61.20"),
        D("58.37"),
        D("95.38"),
    )


def test_an_economic_code_names_no_function_line(tmp_path: Path) -> None:
    assert lines(extract_text(tmp_path, HEADER + ITEMS + "1.基本工资（30101）：支出决算为58.37万元。\n")) == []


def test_a_change_after_an_aside_in_brackets_is_the_wholes(tmp_path: Path) -> None:
    """``公务用车购置及运行维护费10.00万元（其中：公务用车购置费0万元，…运行维护费10.00万元），比上年减少1.00万元``:
    the change is the whole's, not its parts' written in the brackets."""
    sentence = (
        "公务用车购置及运行维护费10.00万元（其中：公务用车购置费0万元，公务用车运行维护费10.00万元），"
        "比上年减少1.00万元，下降9.09%。"
    )
    result = extract_text(tmp_path, f"{HEADER}七、“三公”经费财政拨款支出决算情况说明\n{sentence}\n")
    assert metric(result, m.VEHICLES_COST).change_value == D("-1.00")
    assert metric(result, m.VEHICLE_PURCHASE).change_value is None
    assert (metric(result, m.VEHICLE_OPERATION).value, metric(result, m.VEHICLE_OPERATION).change_value) == (
        D("10.00"),
        None,
    )


@pytest.mark.parametrize(
    ("sentence", "silent", "changed", "change"),
    [
        (
            "2024年度因公出国（境）费支出0万元，公务接待费支出2.34万元，比上年减少1.00万元，下降29.94%。",
            m.OVERSEAS,
            m.RECEPTION,
            (D("-1.00"), D("-29.94")),
        ),
        (
            "公务用车购置及运行维护费10.00万元，其中：公务用车购置费0万元，公务用车运行维护费10.00万元，比上年减少1.00万元。",
            m.VEHICLE_PURCHASE,
            m.VEHICLE_OPERATION,
            (D("-1.00"), None),
        ),
        (
            "公务用车购置费0万元，公务用车运行维护费10.00万元，与上年持平。",
            m.VEHICLE_PURCHASE,
            m.VEHICLE_OPERATION,
            (0, None),
        ),
    ],
)
def test_a_change_after_the_next_subject_is_the_next_subjects(
    tmp_path: Path, sentence: str, silent: str, changed: str, change: tuple[Decimal, Decimal | None]
) -> None:
    """Subjects listed one after another, the change written after the last: it is that one's, not the
    ones before it (the 出国 费 of 0万元 did not fall by 1万元)."""
    result = extract_text(tmp_path, f"{HEADER}七、“三公”经费财政拨款支出决算情况说明\n{sentence}\n")
    assert (metric(result, silent).change_value, metric(result, silent).change_pct_declared) == (None, None)
    assert (metric(result, changed).change_value, metric(result, changed).change_pct_declared) == change


@pytest.mark.parametrize(
    ("sentence", "metric_name", "value", "change"),
    [
        (
            "2024年度一般公共预算基本支出800.00万元，其中：人员经费700.00万元；公用经费100.00万元。",
            m.BASIC,
            "800.00",
            None,
        ),
        ("2024年度一般公共预算拨款基本支出800.00万元，其中：人员经费700.00万元。", m.BASIC, "800.00", None),
        ("一般公共预算财政拨款项目支出200.00万元，比上年减少10.00万元，下降4.76%。", m.PROJECT, "200.00", "-10.00"),
    ],
)
def test_a_funds_basic_or_project_spending_is_scoped_to_the_fund(
    tmp_path: Path, sentence: str, metric_name: str, value: str, change: str | None
) -> None:
    """``一般公共预算基本支出`` (no 财政拨款, as counties and budgets write it) and ``…项目支出``: the fund's,
    never the report's 基本支出 / 项目支出."""
    result = extract_text(tmp_path, f"{HEADER}六、一般公共预算财政拨款基本支出决算情况说明\n{sentence}\n")
    said = metric(result, metric_name, m.GPB)
    assert (said.value, said.change_value) == (D(value), change and D(change))
    assert metric_name not in {x.metric for x in metrics(result) if x.scope is None}


@pytest.mark.parametrize(
    ("sentence", "uses"),
    [
        ("截至2024年12月31日，本单位共有车辆3辆，均为执法执勤用车。", {"执法执勤用车": 3}),
        (
            "截至2024年12月31日，本部门共有车辆5辆。其中：机要通信用车1辆，执法执勤用车4辆。",
            {"机要通信用车": 1, "执法执勤用车": 4},
        ),
        ("截至2024年12月31日，本部门车辆共计5辆，其中：执法执勤用车5辆。", {"执法执勤用车": 5}),
        (
            "截至2024年12月31日，本部门车辆共5辆，其中，一般公务用车2辆、执法执勤用车3辆。",
            {"一般公务用车": 2, "执法执勤用车": 3},
        ),
    ],
)
def test_vehicles_held_in_other_wordings(tmp_path: Path, sentence: str, uses: dict[str, int]) -> None:
    result = extract_text(tmp_path, f"{HEADER}（三）国有资产占有使用情况\n{sentence}\n")
    assert metric(result, m.ASSET_VEHICLES).value == sum(uses.values())
    by_use = {x.metric: x.value for x in metrics(result) if x.metric.startswith(f"{m.ASSET_VEHICLES}（")}
    assert by_use == {m.asset_vehicles_by_use(use): n for use, n in uses.items()}


def test_no_equipment_of_either_kind_is_a_zero_of_each(tmp_path: Path) -> None:
    sentence = "截至2024年12月31日，本单位共有车辆0辆；无单价50万元以上通用设备，无单价100万元以上专用设备。"
    result = extract_text(tmp_path, f"{HEADER}（三）国有资产占有使用情况\n{sentence}\n")
    assert (metric(result, m.EQUIPMENT_GENERAL_50).value, metric(result, m.EQUIPMENT_SPECIAL_100).value) == (0, 0)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Equipment bought in the year is no count of the equipment held.
        (
            "2024年度本部门购置单价100万元以上专用设备0台。截至年底共有单价100万元以上专用设备2台。",
            {m.EQUIPMENT_SPECIAL_100: 2},
        ),
        (
            "截至2024年12月31日，本部门共有车辆2辆。2024年度新购置单价50万元以上通用设备1台。",
            {m.EQUIPMENT_GENERAL_50: None},
        ),
    ],
)
def test_equipment_bought_is_not_equipment_held(tmp_path: Path, sentence: str, expected: dict) -> None:
    result = extract_text(tmp_path, f"{HEADER}（三）国有资产占有使用情况\n{sentence}\n")
    read = {name: (metric(result, name).value if name in metric_names(result) else None) for name in expected}
    assert read == expected


@pytest.mark.parametrize(
    "listed",
    [
        "货物采购支出23.45万元，工程采购支出0万元，服务采购支出100.00万元",
        "货物类采购23.45万元、工程类采购0万元、服务类采购100.00万元",
        "采购货物23.45万元，采购工程0万元，采购服务100.00万元",
        "货物采购23.45万元，工程采购0万元，服务采购100.00万元",
    ],
)
@pytest.mark.parametrize("opener", ["其中：", "其中", "包括："])
def test_procurement_by_kind_in_other_wordings(tmp_path: Path, listed: str, opener: str) -> None:
    """The kinds listed after the total in the wordings reports use, after 其中 with or without its colon."""
    sentence = f"2024年度本部门政府采购支出总额123.45万元，{opener}{listed}。"
    result = extract_text(tmp_path, f"{HEADER}（二）政府采购支出情况\n{sentence}\n")
    kinds = (m.PROCUREMENT_TOTAL, m.PROCUREMENT_GOODS, m.PROCUREMENT_WORKS, m.PROCUREMENT_SERVICES)
    assert tuple(metric(result, kind).value for kind in kinds) == (D("123.45"), D("23.45"), 0, D("100.00"))


@pytest.mark.parametrize(
    ("sentence", "total"),
    [
        ("2024年度本部门政府采购实际支出123.45万元。", D("123.45")),
        ("本部门2024年度未开展政府采购。", D(0)),
        ("2024年度本部门无政府采购。", D(0)),
    ],
)
def test_procurement_total_in_other_wordings(tmp_path: Path, sentence: str, total: Decimal) -> None:
    result = extract_text(tmp_path, f"{HEADER}（二）政府采购支出情况\n{sentence}\n")
    assert metric(result, m.PROCUREMENT_TOTAL).value == total


def test_a_templates_instruction_for_no_procurement_states_nothing(tmp_path: Path) -> None:
    result = extract_text(tmp_path, f"{HEADER}（二）政府采购支出情况\n未发生政府采购支出的部门，应作说明。\n")
    assert m.PROCUREMENT_TOTAL not in metric_names(result)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全年国内公务接待12批次、150人次。", {m.RECEPTION_BATCHES: 12, m.RECEPTION_PERSONS: 150}),
        ("国内公务接待费2.34万元，共接待12批150人次。", {m.RECEPTION_BATCHES: 12, m.RECEPTION_PERSONS: 150}),
        (
            "国内公务接待费支出2.34万元，比上年减少0.5万元，主要是接待批次减少，全年共接待12批次，150人次。",
            {m.RECEPTION_BATCHES: 12, m.RECEPTION_PERSONS: 150},
        ),
        (
            "公务接待费2.34万元，其中：国内公务接待费2.34万元，接待12批次、150人次；外事接待费0万元，接待0批次、0人次。",
            {
                m.RECEPTION_BATCHES: 12,
                m.RECEPTION_PERSONS: 150,
                m.FOREIGN_RECEPTION_BATCHES: 0,
                m.FOREIGN_RECEPTION_PERSONS: 0,
            },
        ),
        ("2024年度，因公出国（境）团组2个，10人次。", {m.OVERSEAS_GROUPS: 2, m.OVERSEAS_PERSONS: 10}),
        ("2024年度因公出国（境）团组0个，人次0人。", {m.OVERSEAS_GROUPS: 0, m.OVERSEAS_PERSONS: 0}),
        ("2024年度因公出国（境）团组1个、人数3人。", {m.OVERSEAS_GROUPS: 1, m.OVERSEAS_PERSONS: 3}),
        ("本年度未购置公务用车。", {m.VEHICLES_PURCHASED: 0}),
        (
            "截至2024年12月31日，公务用车保有量为3辆，其中轿车2辆、越野车1辆。",
            {m.VEHICLE_FLEET: 3, m.fleet_by_type("轿车"): 2, m.fleet_by_type("越野车"): 1},
        ),
    ],
)
def test_trips_receptions_and_purchases_counted_in_other_wordings(
    tmp_path: Path, sentence: str, expected: dict[str, int]
) -> None:
    """Counts written after their kind's money (…接待费2.34万元，接待12批次、150人次), each kind's in its own
    clause (国内 and 外事 apart), the persons after the batches with 、 or nothing between or named (人次0人 /
    人数3人), none in words, vehicles by type after 其中 with or without its colon."""
    result = extract_text(tmp_path, f"{HEADER}七、“三公”经费财政拨款支出决算情况说明\n{sentence}\n")
    counted = {x.metric: x.value for x in metrics(result) if x.unit != "万元" and not x.metric.startswith("下属")}
    assert counted == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "2022年度一般公共预算财政拨款支出1,000.00万元。按支出功能分类科目划分：一般公共服务支出800.00万元，占80.00%；"
        "卫生健康支出200.00万元，占20.00%。",
        "2022年度一般公共预算财政拨款支出1,000.00万元，包括：一般公共服务支出800.00万元，占80%；卫生健康支出200.00万元，占20%。",
        "2022年度一般公共预算财政拨款支出1,000.00万元，主要用于一般公共服务（类）支出800.00万元，占80.00%；"
        "卫生健康（类）支出200.00万元，占20.00%。",
        "一般公共预算财政拨款支出结构情况：一般公共服务支出800.00万元，占80.00%；卫生健康支出200.00万元，占20.00%。",
    ],
)
def test_a_totals_structure_gives_its_classes_and_not_their_shares_to_the_total(tmp_path: Path, sentence: str) -> None:
    """The 类 listed after the GPB total (``包括：`` / ``按支出功能分类科目划分：`` / ``主要用于…`` /
    ``结构情况：``) are lines with their shares; the first item's 占80% is not the total's share."""
    result = extract_text(tmp_path, f"{HEADER}（一）一般公共预算财政拨款支出决算总体情况\n{sentence}\n")
    assert {(x.name_as_written, x.actual, x.share_pct_declared) for x in lines(result)} == {
        ("一般公共服务支出（类）", D("800.00"), D(80)),
        ("卫生健康支出（类）", D("200.00"), D(20)),
    }
    assert all(x.share_pct_declared is None for x in metrics(result) if x.metric == m.GPB_EXPENDITURE)


def test_an_items_share_after_a_list_colon_is_not_the_totals(tmp_path: Path) -> None:
    sentence = "本年收入合计1,234.56万元，具体为：财政拨款收入1,000.00万元，占81.00%；其他收入234.56万元，占19.00%。"
    result = extract_text(tmp_path, f"{HEADER}二、收入决算情况说明\n{sentence}\n")
    total = metric(result, m.INCOME_TOTAL)
    assert (total.value, total.share_pct_declared) == (D("1234.56"), None)


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("机关运行经费：2022年度支出12.34万元，比上年减少1.00万元。", D("12.34")),
        ("机关运行经费2022年度决算数为12.34万元。", D("12.34")),
        ("机关运行经费2021年支出为13.34万元，比上年减少1.00万元。", None),
        ("机关运行经费2021年决算数为13.34万元。", None),
        ("机关运行经费2021年决算数为13.34万元，2022年决算数为12.34万元。", D("12.34")),
    ],
)
def test_a_figure_after_a_label_or_the_year(tmp_path: Path, sentence: str, value: Decimal | None) -> None:
    """The report's year (2022, as its header) or a label's colon between the subject and its figure; a figure
    of another year is not the report's."""
    result = extract_text(tmp_path, f"{HEADER}（一）机关运行经费支出情况\n{sentence}\n")
    assert next((x.value for x in metrics(result) if x.metric == m.OPERATING_COSTS), None) == value


def test_the_year_end_carry_over_is_no_income_source(tmp_path: Path) -> None:
    """``收入总计…，其中：本年收入合计…，年初结转和结余…；支出总计…，其中：…年末结转和结余…``: what follows
    支出 is the spending side's, never an income row."""
    sentence = (
        "2022年度收入总计1,234.56万元，其中：本年收入合计1,200.00万元，年初结转和结余34.56万元；"
        "支出总计1,234.56万元，其中：本年支出合计1,200.00万元，年末结转和结余34.56万元。"
    )
    result = extract_text(tmp_path, f"{HEADER}一、收入支出决算总体情况说明\n{sentence}\n")
    assert "年末结转和结余" not in {x.source for x in result.income}
    assert metric(result, m.CARRY_OVER_END).value == D("34.56")


def test_fiscal_income_and_spending_stated_apart(tmp_path: Path) -> None:
    sentence = (
        "2022年度财政拨款收入1,000.00万元，财政拨款支出990.00万元。与上年相比，财政拨款收入增加50.00万元，增长5.26%；"
        "财政拨款支出增加40.00万元，增长4.21%。"
    )
    result = extract_text(tmp_path, f"{HEADER}四、财政拨款收入支出决算总体情况说明\n{sentence}\n")
    income, spending = metric(result, m.FISCAL_INCOME), metric(result, m.FISCAL_EXPENDITURE)
    assert (income.value, income.change_value, income.change_pct_declared) == (D("1000.00"), D("50.00"), D("5.26"))
    assert (spending.value, spending.change_value, spending.change_pct_declared) == (D("990.00"), D("40.00"), D("4.21"))


_LAND = "城乡社区支出（类）国有土地使用权出让收入安排的支出（款）其他国有土地使用权出让收入安排的支出（项）"


@pytest.mark.parametrize(
    ("text", "fund"),
    [
        (
            f"八、政府性基金预算财政拨款收入支出决算情况说明\n（一）支出决算具体情况\n1.{_LAND}：支出决算为71.73万元。",
            m.GOV_FUND,
        ),
        (
            f"四、财政拨款收入支出决算总体情况说明\n2022年度政府性基金预算财政拨款支出71.73万元，主要用于：1.{_LAND}：支出决算为71.73万元。",
            m.GOV_FUND,
        ),
        (
            f"九、国有资本经营预算财政拨款收入支出决算情况说明\n1.{_LAND}：支出决算为71.73万元。",
            m.STATE_CAPITAL,
        ),
        (
            f"八、政府性基金预算财政拨款收入支出决算情况说明\n无。\n九、其他重要事项\n（一）其他\n1.{_LAND}：支出决算为71.73万元。",
            m.GPB,
        ),
        (
            f"八.政府性基金预算财政拨款收入支出决算情况说明\n无。\n九.其他重要事项\n（一）其他\n1.{_LAND}：支出决算为71.73万元。",
            m.GPB,
        ),
    ],
)
def test_a_line_explained_under_another_fund_is_that_funds(tmp_path: Path, text: str, fund: str) -> None:
    """A 类/款/项 line in the 政府性基金 (or 国有资本经营) section, or after a sentence naming that fund, is the
    fund's line, not the 一般公共预算财政拨款's; a later chapter naming no fund goes back to the latter."""
    (row,) = lines(extract_text(tmp_path, f"{HEADER}{text}\n"))
    assert (row.fund_type, row.actual) == (fund, D("71.73"))


@pytest.mark.parametrize(
    ("stated", "change", "change_pct", "prior"),
    [
        ("比上年增加1.00万元，增幅8.82%", "1.00", "8.82", None),
        ("比上年减少1.00万元，降幅7.49%", "-1.00", "-7.49", None),
        ("较上年增加1.00万元，增长幅度为8.82%", "1.00", "8.82", None),
        ("比上年多支出1.00万元", "1.00", None, None),
        ("比上年少支出1.00万元", "-1.00", None, None),
        ("上年为11.34万元，增加1.00万元", "1.00", None, "11.34"),
        ("比上年增加了1.00万元，增长了8.82%", "1.00", "8.82", None),
        ("较上年增长1.00万元，增长率为8.82%", "1.00", "8.82", None),
        ("较上年下降1.00万元，下降比例为7.49%", "-1.00", "-7.49", None),
    ],
)
def test_a_change_in_other_wordings(
    tmp_path: Path, stated: str, change: str, change_pct: str | None, prior: str | None
) -> None:
    """增幅 / 降幅 / 增长幅度为 / 增长率为 / 下降比例为 / 增长了 for the percent, 多支出 / 少支出 / 增加了 for the
    amount, ``上年为…`` for the prior value."""
    result = extract_text(tmp_path, f"{HEADER}（一）机关运行经费支出情况\n机关运行经费支出12.34万元，{stated}。\n")
    said = metric(result, m.OPERATING_COSTS)
    assert (said.change_value, said.change_pct_declared, said.prior_year_value) == (
        D(change),
        change_pct and D(change_pct),
        prior and D(prior),
    )


@pytest.mark.parametrize("flat", ["与上年基本持平", "与上年大致持平"])
def test_roughly_flat_states_no_change(tmp_path: Path, flat: str) -> None:
    """基本持平 says the change is small, not that it is 0: no change is read (与上年持平 is 0)."""
    result = extract_text(tmp_path, f"{HEADER}（一）机关运行经费支出情况\n机关运行经费支出12.34万元，{flat}。\n")
    assert metric(result, m.OPERATING_COSTS).change_value is None


@pytest.mark.parametrize(
    ("listed", "shares"),
    [
        ("一般公共服务支出占80.00%，为800.00万元；卫生健康支出占20.00%，为200.00万元", (D(80), D(20))),
        ("一般公共服务支出800.00万元、卫生健康支出200.00万元", (None, None)),
        ("一般公共服务支出800.00万元，占80.00%，卫生健康支出200.00万元，占20.00%", (D(80), D(20))),
    ],
)
def test_structure_items_share_first_or_amount_alone(
    tmp_path: Path, listed: str, shares: tuple[Decimal | None, Decimal | None]
) -> None:
    sentence = f"2022年度一般公共预算财政拨款支出1,000.00万元，主要用于以下方面：{listed}。"
    result = extract_text(tmp_path, f"{HEADER}（二）一般公共预算财政拨款支出决算结构情况\n{sentence}\n")
    assert {(x.name_as_written, x.actual, x.share_pct_declared) for x in lines(result)} == {
        ("一般公共服务支出（类）", D("800.00"), shares[0]),
        ("卫生健康支出（类）", D("200.00"), shares[1]),
    }


def test_a_structure_of_the_whole_spending_is_all_funds(tmp_path: Path) -> None:
    """``本年支出合计…，按支出功能分类科目划分：…``: the 类 of every fund's spending, not the 一般公共预算's."""
    sentence = (
        "2022年度本年支出合计1,234.56万元，按支出功能分类科目划分：一般公共服务支出1,000.00万元，占81.00%；"
        "卫生健康支出234.56万元，占19.00%。"
    )
    result = extract_text(tmp_path, f"{HEADER}三、支出决算情况说明\n{sentence}\n")
    assert {(x.fund_type, x.actual) for x in lines(result)} == {(m.ALL_FUNDS, D("1000.00")), (m.ALL_FUNDS, D("234.56"))}


@pytest.mark.parametrize(
    "split",
    [
        "人员经费700.00万元，主要包括基本工资200.00万元、津贴补贴100.00万元；公用经费100.00万元，主要包括办公费20.00万元",
        "人员经费700.00万元，其中：基本工资200.00万元、津贴补贴100.00万元；公用经费100.00万元，其中：办公费20.00万元",
        "人员经费700.00万元，占87.50%，主要包括：基本工资200.00万元、津贴补贴100.00万元，比上年增加10.00万元；"
        "公用经费100.00万元，占12.50%，主要包括：办公费20.00万元",
    ],
)
def test_economic_items_of_personnel_and_public_costs_in_other_wordings(tmp_path: Path, split: str) -> None:
    sentence = f"2022年度一般公共预算财政拨款基本支出800.00万元，其中：{split}。"
    result = extract_text(tmp_path, f"{HEADER}六、一般公共预算财政拨款基本支出决算情况说明\n{sentence}\n")
    items = {(x.name, x.group, x.amount) for x in result.expenditure_economic}
    assert items == {
        ("基本工资", m.PERSONNEL, D("200.00")),
        ("津贴补贴", m.PERSONNEL, D("100.00")),
        ("办公费", m.PUBLIC_USE, D("20.00")),
    }


def test_staff_in_post_and_retired_parts_of_personnel_costs_are_neither_the_whole_nor_items(tmp_path: Path) -> None:
    """``人员经费700万元，其中：在职人员经费600万元，离退休人员经费100万元``: 人员经费 is 700 (the parts gave a
    false 'same figure written twice' error), and the parts are no economic classes."""
    sentence = (
        "2022年度一般公共预算财政拨款基本支出800.00万元，其中：人员经费700.00万元，其中：在职人员经费600.00万元，"
        "离退休人员经费100.00万元；公用经费100.00万元。"
    )
    result = extract_text(tmp_path, f"{HEADER}六、一般公共预算财政拨款基本支出决算情况说明\n{sentence}\n")
    assert metric(result, m.PERSONNEL).value == D("700.00")
    assert result.expenditure_economic == []
    assert [f.rule_id for f in result.findings if f.rule_id.startswith("consistency")] == []


@pytest.mark.parametrize(
    ("section", "sentence", "total"),
    [
        (
            "二、收入决算情况说明",
            "本年收入1,234.56万元，其中：财政拨款收入1,200.00万元，占97.20%；其他收入34.56万元。",
            m.INCOME_TOTAL,
        ),
        (
            "三、支出决算情况说明",
            "本年支出1,234.56万元，其中：基本支出1,000.00万元，占81.00%；项目支出234.56万元。",
            m.EXPENDITURE_TOTAL,
        ),
    ],
)
def test_the_years_total_without_heji(tmp_path: Path, section: str, sentence: str, total: str) -> None:
    """``本年收入1,234.56万元`` / ``本年支出…`` (no 合计): the year's total, and the income sources after it."""
    result = extract_text(tmp_path, f"{HEADER}{section}\n{sentence}\n")
    assert metric(result, total).value == D("1234.56")
    if total == m.INCOME_TOTAL:
        assert {x.source: x.amount for x in result.income} == {"财政拨款收入": D("1200.00"), "其他收入": D("34.56")}


@pytest.mark.parametrize(
    ("sentence", "change", "change_pct"),
    [
        ("机关运行经费支出12.34万元，比年初预算减少1.00万元，比上年减少2.00万元，下降13.95%。", "-2.00", "-13.95"),
        ("机关运行经费支出决算12.34万元，比年初预算11.00万元增加1.34万元，较上年增加0.34万元。", "0.34", None),
        ("机关运行经费支出12.34万元，与年初预算相比增加1.00万元。", None, None),
    ],
)
def test_the_prior_years_change_after_the_budgets(
    tmp_path: Path, sentence: str, change: str | None, change_pct: str | None
) -> None:
    """A difference from the budget stated first is no change; the comparison with the prior year after it is."""
    said = metric(extract_text(tmp_path, f"{HEADER}（一）机关运行经费支出情况\n{sentence}\n"), m.OPERATING_COSTS)
    assert (said.change_value, said.change_pct_declared) == (change and D(change), change_pct and D(change_pct))


_RUNNING = "一般公共服务支出（类）人大事务（款）行政运行（项）"


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        # The adjusted budget written as the budget's adjustment.
        (
            "年初预算61.20万元，全年预算调整为60.00万元，决算支出58.37万元，完成全年预算的97.28%。",
            ("61.20", "60.00", "58.37", None),
        ),
        ("调整预算数为60.00万元，决算数为58.37万元，完成调整预算的97.28%。", (None, "60.00", "58.37", None)),
        # Spending right after the name with a bare 支出, and its share of the fund's spending.
        ("支出58.37万元，占一般公共预算财政拨款支出的45.00%。", (None, None, "58.37", "45.00")),
    ],
)
def test_a_line_in_more_wordings(tmp_path: Path, statement: str, expected: tuple) -> None:
    text = f"{HEADER}四、一般公共预算财政拨款支出决算情况说明\n1.{_RUNNING}：{statement}\n"
    row = line(extract_text(tmp_path, text), _RUNNING)
    got = (row.budget_initial, row.budget_final, row.actual, row.share_pct_declared)
    assert got == tuple(None if v is None else D(v) for v in expected)


def test_a_lines_parts_are_not_its_spending(tmp_path: Path) -> None:
    """A bare 支出 is the line's only right after its name: its 基本支出 listed later is a part."""
    section = "四、一般公共预算财政拨款支出决算情况说明"
    text = f"{HEADER}{section}\n1.{_RUNNING}：年初预算为100.00万元，其中基本支出60.00万元。\n"
    row = line(extract_text(tmp_path, text), _RUNNING)
    assert (row.budget_initial, row.actual) == (D("100.00"), None)


@pytest.mark.parametrize(
    ("sentence", "source", "basic"),
    [
        ("2024年度收入合计1,000.00万元，全部为一般公共预算财政拨款收入。", "一般公共预算财政拨款收入", None),
        ("2024年度本年收入合计1,000.00万元，均为财政拨款收入。", "财政拨款收入", None),
        ("2024年度本年支出合计1,000.00万元，全部为基本支出。", None, D("1000.00")),
        # Two parts named together: neither is the whole.
        ("2024年度收入合计1,000.00万元，全部为财政拨款收入和其他收入。", None, None),
    ],
)
def test_a_total_that_is_all_one_part(tmp_path: Path, sentence: str, source: str | None, basic: Decimal | None) -> None:
    """``…合计1,000万元，全部为…`` states the one part's figure: the total's."""
    result = extract_text(tmp_path, f"{HEADER}二、收入支出决算情况说明\n{sentence}\n")
    sources = {x.source: x.amount for x in result.income}
    assert sources == ({source: D("1000.00")} if source else {})
    assert (metric(result, m.BASIC).value if m.BASIC in metric_names(result) else None) == basic


def test_a_department_evaluation_is_not_the_funds_spending(tmp_path: Path) -> None:
    """The template's 部门评价 sentence states what the evaluation covers, not the year's 一般公共预算 spending."""
    sentence = "组织对“城市管理”等3个项目开展了部门评价，涉及一般公共预算支出300.00万元。"
    result = extract_text(tmp_path, f"{HEADER}十二、预算绩效管理情况说明\n{sentence}\n")
    assert m.GPB_EXPENDITURE not in metric_names(result)
    assert metric(result, m.PERF_DEPARTMENT_EVALUATED).value == 3
    assert metric(result, m.PERF_DEPARTMENT_EVALUATED_AMOUNT).value == D("300.00")


@pytest.mark.parametrize(
    "sentence",
    [
        "2024年度，本部门对10个项目开展了绩效自评，涉及资金1,234.56万元，自评平均得分95分，其中：优8个，良2个。",
        "本部门2024年度组织对10个项目开展绩效自评，自评结果为：优秀8个、良好2个。",
    ],
)
def test_self_evaluated_projects_by_grade(tmp_path: Path, sentence: str) -> None:
    result = extract_text(tmp_path, f"{HEADER}十二、预算绩效管理情况说明\n{sentence}\n")
    counts = (metric(result, m.perf_grade_count(grade)).value for grade in ("优", "良"))
    assert (metric(result, m.PERF_SELF_EVALUATED).value, *counts) == (10, 8, 2)


def test_shares_by_kind_of_procurement_are_not_the_smes_share(tmp_path: Path) -> None:
    """The template's 货物采购授予中小企业合同金额占货物支出金额的90% is one kind's share, not the SMEs' whole."""
    sentence = (
        "2024年度本部门政府采购支出总额123.45万元。授予中小企业合同金额120.00万元，占政府采购支出总额的97.21%。"
        "货物采购授予中小企业合同金额占货物支出金额的90.00%，服务采购授予中小企业合同金额占服务支出金额的100.00%。"
    )
    result = extract_text(tmp_path, f"{HEADER}九、政府采购支出情况说明\n{sentence}\n")
    said = [(x.value, x.share_pct_declared) for x in metrics(result) if x.metric == m.PROCUREMENT_SME]
    assert said == [(D("120.00"), D("97.21"))]


_PARTS = "基本支出800.00万元，占80.81%；项目支出190.00万元，占19.19%。"


@pytest.mark.parametrize(
    ("sentence", "scope"),
    [
        # Listed after a fund's total, in any section: the fund's parts.
        (f"2024年度一般公共预算财政拨款支出990.00万元，其中：{_PARTS}", m.GPB),
        (f"本年支出合计1,000.00万元，一般公共预算财政拨款支出990.00万元，其中：{_PARTS}", m.GPB),
        # After the year's whole spending, or in a sentence of their own: the report's.
        (f"2024年度本年支出合计990.00万元，其中：{_PARTS}", None),
        (f"2024年度本年支出合计990.00万元，其中：一般公共预算财政拨款支出990.00万元。{_PARTS}", None),
    ],
)
def test_parts_listed_after_a_funds_total_are_the_funds(tmp_path: Path, sentence: str, scope: str | None) -> None:
    result = extract_text(tmp_path, f"{HEADER}三、支出决算情况说明\n{sentence}\n")
    said = {(x.metric, x.scope or None) for x in metrics(result) if x.metric in (m.BASIC, m.PROJECT)}
    assert said == {(m.BASIC, scope), (m.PROJECT, scope)}


@pytest.mark.parametrize(
    ("section", "sentence", "scope"),
    [
        (
            "四、财政拨款收入支出决算总体情况说明",
            "2024年度财政拨款收、支总计均为1,000.00万元，其中：年末结转和结余10.00万元。",
            m.FISCAL,
        ),
        (
            "七、政府性基金预算财政拨款收入支出决算情况说明",
            "2024年度政府性基金预算财政拨款收入100.00万元，支出95.00万元，年末结转和结余5.00万元。",
            m.GOV_FUND,
        ),
        # The report's own, in a section of its own.
        ("（三）年末结转和结余情况", "本单位2024年末结转和结余10.00万元。", None),
    ],
)
def test_a_sections_carry_over_is_its_funds(tmp_path: Path, section: str, sentence: str, scope: str | None) -> None:
    """The 年末结转和结余 a 财政拨款 or a fund's section states is theirs, not the report's."""
    result = extract_text(tmp_path, f"{HEADER}{section}\n{sentence}\n")
    assert [x.scope or None for x in metrics(result) if x.metric == m.CARRY_OVER_END] == [scope]


@pytest.mark.parametrize(
    ("sentence", "rate"),
    [
        ("本部门编制数50人，实有人数48人，在职人员控制率为96%。", D(96)),
        ("在职人员控制率=在职人员数/编制数×100%=96%。", D(96)),
        # A cost's control rate, a table row's target and result, an indicator: no staffing rate stated.
        ("公用经费控制率为95%。", None),
        ("在职人员控制率 100% 96%", None),
        ("指标1：在职人员控制率为100%。", None),
    ],
)
def test_the_staffing_control_rate_in_prose(tmp_path: Path, sentence: str, rate: Decimal | None) -> None:
    result = extract_text(tmp_path, f"{HEADER}二、人员情况\n{sentence}\n")
    stated = m.STAFF_CONTROL_RATE in metric_names(result)
    assert (metric(result, m.STAFF_CONTROL_RATE).value if stated else None) == rate


@pytest.mark.parametrize(
    ("text", "bought"),
    [
        (f"{HEADER}（二）公务用车购置及运行维护费\n公务用车购置费0万元，购置车辆0辆；运行维护费10.00万元。\n", D(0)),
        # A budget's plan is no purchase.
        ("某某市某某区教育局\n2025年部门预算\n七、其他重要事项\n2025年部门预算安排购置车辆0辆。\n", None),
    ],
)
def test_vehicles_bought_worded_as_vehicles(tmp_path: Path, text: str, bought: Decimal | None) -> None:
    result = extract_text(tmp_path, text)
    stated = m.VEHICLES_PURCHASED in metric_names(result)
    assert (metric(result, m.VEHICLES_PURCHASED).value if stated else None) == bought


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("2024年度因公出国（境）费、公务接待费均为0万元。", {m.OVERSEAS: 0, m.RECEPTION: 0}),
        ("2024年度因公出国（境）费和公务接待费支出均为零。", {m.OVERSEAS: 0, m.RECEPTION: 0}),
        (
            "公务用车购置费、公务用车运行维护费、公务接待费均为1.50万元。",
            {m.VEHICLE_PURCHASE: D("1.50"), m.VEHICLE_OPERATION: D("1.50"), m.RECEPTION: D("1.50")},
        ),
    ],
)
def test_subjects_listed_with_one_value_for_all(tmp_path: Path, sentence: str, expected: dict) -> None:
    """``A、B均为0万元``: the value the list states is each subject's, not only the last one's."""
    result = extract_text(tmp_path, f"{HEADER}七、“三公”经费财政拨款支出决算情况说明\n{sentence}\n")
    assert {x.metric: x.value for x in metrics(result) if x.unit == "万元"} == expected


@pytest.mark.parametrize(
    ("sentence", "micro_share"),
    [
        # Of the SME contracts, not of the procurement total: no share of the total to check.
        ("其中：授予小微企业合同金额120.00万元，占授予中小企业合同金额的66.67%。", None),
        ("其中：授予小微企业合同金额120.00万元，占政府采购支出总额的60%。", D(60)),
        ("其中：授予小微企业合同金额120.00万元，占60%。", D(60)),
    ],
)
def test_a_share_of_another_whole_than_its_metrics_is_not_recorded(
    tmp_path: Path, sentence: str, micro_share: Decimal | None
) -> None:
    """A share is recorded for the whole its metric's shares are of (share.declared checks it against that
    total); one the sentence takes of another whole would be reported as a wrong share."""
    text = (
        f"{HEADER}（二）政府采购支出情况\n2024年度本部门政府采购支出总额200.00万元，授予中小企业合同金额180.00万元，"
        f"占政府采购支出总额的90%，{sentence}\n"
    )
    result = extract_text(tmp_path, text)
    assert metric(result, m.PROCUREMENT_SME).share_pct_declared == 90
    assert metric(result, m.PROCUREMENT_MICRO).share_pct_declared == micro_share
    assert [f for f in result.findings if f.rule_id.startswith("share.")] == []
