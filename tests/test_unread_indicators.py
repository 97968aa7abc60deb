"""Indicator lines of self-evaluation tables in text extracted from a PDF are not read: each table
printing them is reported (``Document.lost``, the report partial), never silently left without
indicators (``readers/unread_indicators.py``, ``readers/line_evaluations.py``).

The header of the indicator lines is written the ways the extractors write it (one line; each cell
broken over lines; the level cells on one baseline over their ``指标``), under the forms of several
provinces (``tests/test_readers_text_evaluations.py``); sentences counting levels, a budget's
declared targets (read from text) and the sample reports' own Word text report nothing. Over every
extractor's text of the five sample reports typeset as PDFs, each table whose PDF gives indicators is
reported (``tests/test_seed_pdf_serializations.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_reports.gold import extract_frames
from budget_reports.normalize import compact
from budget_reports.readers import read_document
from budget_reports.readers.linear_tables import SourceLine
from budget_reports.readers.unread_indicators import indicator_headers
from tests.conftest import SEED_FILES, corpus_file
from tests.printed_variants import BUDGET
from tests.prose_support import extract_text
from tests.test_readers_text_evaluations import FORMS, PREFACE, table_lines

_NOT_READ = "绩效指标（一级/二级/三级指标）文本未能还原为行"

# How extractors write the header of the indicator lines: (lines, index of the line it starts on).
HEADERS = {
    "one line": (["一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施"], 0),
    "label first": (["绩效指标 一级指标 二级指标 三级指标 指标值 完成值"], 0),
    "cells broken": (["一级", "指标", "二级", "指标", "三级", "指标", "年度指", "标值", "实际完", "成值"], 0),
    "levels on one baseline": (["一级 二级 三级 年度 实际", "指标 指标 指标 指标值 完成值"], 0),
    "no 二级 column": (["一级", "指标", "三级", "指标 预期指标值 完成", "指标"], 0),
    "wrapped into the cell before": (["年度绩效指标", "完成情况 一级", "指标 二级指标 三级指标 指标值"], 1),
}
# Lines that name levels without heading indicator lines.
NO_HEADERS = {
    "levels counted": ["本年度共设置一级指标3个、二级指标7个、三级指标15个，均已完成。"],
    "budget units": ["本部门为一级预算单位下属三级单位共计"],
    "first level only": ["一级指标", "产出指标 数量指标 培训人次 ≥100人次 120人次"],
}


def _lines(texts: list[str]) -> list[SourceLine]:
    return [SourceLine(1, n, text) for n, text in enumerate(texts, start=1)]


@pytest.mark.parametrize("form", HEADERS, ids=str)
def test_the_header_is_found_however_its_cells_are_written(form: str) -> None:
    texts, at = HEADERS[form]
    lines = _lines(["项目资金（万元） 年初预算数 全年预算数 全年执行数", "年度资金总额 10 12 11", *texts])
    assert indicator_headers(lines).first_within(0, len(lines)) == 2 + at


@pytest.mark.parametrize("form", NO_HEADERS, ids=str)
def test_lines_naming_levels_are_no_header(form: str) -> None:
    lines = _lines(NO_HEADERS[form])
    assert indicator_headers(lines).first_within(0, len(lines)) is None


def _indicator_lines(header: list[str]) -> list[str]:
    return [*header, "产出指标 数量指标 培训人次 ≥100人次 120人次 10 10", "满意度指标 服务对象满意度 ≥90% 95% 10 9"]


def _write(tmp_path: Path, lines: list[str], preface: list[str] = PREFACE) -> Path:
    path = tmp_path / "evaluation.txt"
    path.write_text("\f".join(["\n".join(preface), "\n".join(lines)]) + "\f", encoding="utf-8")
    return path


@pytest.mark.parametrize("style", ["rows", "wrapped", "cells"])
@pytest.mark.parametrize("form_name", sorted(FORMS))
@pytest.mark.parametrize("header", ["one line", "cells broken"])
def test_a_table_whose_indicators_are_not_read_is_reported(
    tmp_path: Path, form_name: str, style: str, header: str
) -> None:
    form = FORMS[form_name]
    path = _write(tmp_path, [*table_lines(form, style), *_indicator_lines(HEADERS[header][0])])
    frames = extract_frames(path, path.name)
    # The table's money is read as before; its indicators are not, and the report says so.
    assert frames["performance_funds"].height == 4
    assert frames["performance_indicators"].height == 0
    assert read_document(path, path.name).lost == [f"第2页表格“{compact(form.title)}”的{_NOT_READ}（其指标未录入）"]
    report = frames["reports"].row(0, named=True)
    assert report["parse_status"] == "partial" and _NOT_READ in report["error_message"]


def test_a_table_printing_no_indicators_reports_nothing(tmp_path: Path) -> None:
    lines = [*table_lines(FORMS["sichuan-district"], "rows"), *NO_HEADERS["levels counted"]]
    path = _write(tmp_path, lines)
    assert read_document(path, path.name).lost == []
    assert extract_frames(path, path.name)["reports"]["parse_status"].to_list() == ["ok"]


def test_indicators_under_no_title_are_reported(tmp_path: Path) -> None:
    """A table whose title the text does not print (cut away, or worded as no form's title): its
    indicator lines are reported all the same, by their page; the next table's by its title."""
    lines = [
        "主管部门 某某市某某局",
        "预算数： 508.65 执行数： 516.82",
        *_indicator_lines(HEADERS["cells broken"][0]),
        "项目（政策）资金绩效自评表",
        *table_lines(FORMS["sichuan-city"], "rows")[1:],
        *_indicator_lines(HEADERS["one line"][0]),
    ]
    path = _write(tmp_path, lines, preface=PREFACE[:2])  # no line before the table names it
    assert read_document(path, path.name).lost == [
        f"第2页表格（标题未能识别）的{_NOT_READ}（其指标未录入）",
        f"第2页表格“{compact('项目（政策）资金绩效自评表')}”的{_NOT_READ}（其指标未录入）",
    ]


def test_a_scoring_table_over_pages_is_reported_once(tmp_path: Path) -> None:
    """An evaluation index table (指标体系) printing its title again on each of its pages, no total read."""
    title = "某某区2024年部门整体预算绩效评价指标体系"
    header = ["绩效指标 指标分值 指标解释 评价要点及说明 自评得分", "一级指标 二级指标 三级指标"]
    rows = [["决策 目标设定 5 绩效目标合理 5"], ["过程 资金管理 10 资金使用合规 9"], ["产出 完成数量 20 完成任务 18"]]
    pages = [[title, *header, *rows[0]], [title, *rows[1]], [title, *rows[2]]]
    path = tmp_path / "scoring.txt"
    text = "\f".join(["附件：部门整体支出绩效自评", *("\n".join(page) for page in pages)]) + "\f"
    path.write_text(text, encoding="utf-8")
    assert read_document(path, path.name).lost == [f"第2页表格“{title}”的{_NOT_READ}（其数字未录入）"]


def test_declared_targets_read_from_text_report_nothing() -> None:
    """A budget's 绩效目标表 prints the same indicator header; its lines are read (declared targets)."""
    document = read_document(corpus_file(BUDGET), BUDGET)
    assert not any("绩效指标" in message for message in document.lost)


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
def test_word_text_reports_no_indicators_lost(seed: Path) -> None:
    assert not any("绩效指标" in message for message in read_document(seed, seed.name).lost)


# A project's self-evaluation in text extracted from a PDF (pages apart): its scoring form's criteria,
# numbered inside a cell (1.… 2.… 4.…), then the report's next chapter, whose own list skips item 2.
_SCORED_REPORT = (
    "中共测试区委组织部\n2023年度东西部协作人才交流项目支出绩效自评报告\n一、项目基本情况\n"
    "本项目年初预算20万元，全年执行20万元。\n\f"
    "中共测试区委组织部2023年东西部协作人才交流项目自评评分表\n"
    "绩效\n指标\n指标分值\n指标解释\n评价\n要点\n及说明\n自评得分\n一级\n指标\n二级指标\n三级指标\n"
    "项目\n决策\n（30\n分）\n目标制定\n编制质量 10\n项目绩效目标制定是否符\n合科学合理的要求。\n"
    "1.绩效目标是否符合有关中长期工作规划；\n2.绩效目标是否细化分解为具体的绩效指标，指标设置是否高度关联、\n"
    "量化易评；\n4.绩效目标是否与预算确定的项目投资额或资金量相匹配。\n10\n\f"
    "二、绩效目标完成情况\n1.完成培训120人次。\n3.组织交流活动5次。\n"
)


def test_a_forms_criteria_left_as_text_are_no_items_of_the_outline(tmp_path: Path) -> None:
    """The indicator lines reported not read are the form's cells: their numbers are not judged as the
    report's list (the form's 1. 2. 4. raised two false gaps), the chapter after the form is."""
    path = tmp_path / "report.txt"
    path.write_text(_SCORED_REPORT, encoding="utf-8")
    document = read_document(path, path.name)
    lines = _SCORED_REPORT.split("\f")[1].split("\n")
    criteria = {(2, lines.index(text) + 1) for text in lines if text[:2] in ("1.", "2.", "4.")}
    assert criteria <= document.table_text_lines
    assert not {line for line in document.table_text_lines if line[0] == 3}  # the next chapter's page
    result = extract_text(tmp_path, _SCORED_REPORT)
    gaps = [f for f in result.findings if f.rule_id.startswith("numbering.")]
    assert [(f.evidence.page, f.actual) for f in gaps] == [(3, "3.")]


def test_a_list_wrapped_after_its_comma_is_no_item(tmp_path: Path) -> None:
    """``…清明、五一、`` / ``十一、元旦…``: a line ending in an enumeration comma runs on, even in a narrow cell
    whose next line opens with what reads as an item's number."""
    text = (
        "测试局\n2024年度部门整体支出绩效自评报告\n一、部门基本情况\n"
        "重点巡查春节、清明、五一、\n十一、元旦等重大节假日前后的工作纪律情况。\n二、绩效自评情况\n自评得分95分。\n"
    )
    result = extract_text(tmp_path, text)
    assert [f.message for f in result.findings if f.rule_id.startswith("numbering.")] == []
