"""Performance self-evaluation tables of the five seeds: every table found, every indicator row read."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import fields, replace
from datetime import datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from budget_reports.extract.performance import extract_performance, segment_tables
from budget_reports.extract.performance.cells import label
from budget_reports.extract.performance.declared_targets import is_title as is_target_form
from budget_reports.extract.performance.segment import is_title
from budget_reports.facts import ExtractedReport, ParseStatus, ReportInfo, SourceKind
from budget_reports.gold import extract_frames
from budget_reports.model import Cell, Document, Table
from budget_reports.readers import read_document
from schemas import validate_frame
from tests.conftest import SEED_DIR
from tests.seed_pdf import merged_cells

S000 = "000_1ca1b4d95d915062.txt"
S001 = "001_8af6c6b53bb795b2.txt"
S002 = "002_f4d5f3929f6a2ae3.txt"
S003 = "003_397564467219909d.txt"
S004 = "004_127aded49d8bfbe3.txt"


@cache
def extracted(seed: str) -> ExtractedReport:
    document = read_document(SEED_DIR / seed, seed)
    info = ReportInfo(seed, seed, "-", "text", ParseStatus.OK, "test", datetime(2026, 1, 1), 0)
    report = ExtractedReport(report=info)
    extract_performance(document, report)
    return report


@cache
def raw_lines(seed: str) -> list[str]:
    return (SEED_DIR / seed).read_text(encoding="utf-8").split("\n")


# Table titles in document order, counted by reading each seed.
EXPECTED_TABLES = {
    S000: Counter({"2021年项目绩效目标自评表": 5}),
    S001: Counter({"2021年部门预算项目绩效目标自评": 1, "项目（政策）资金绩效自评表": 9}),
    S002: Counter({"部门预算项目支出绩效自评表（2023年度）": 3}),
    S003: Counter({"2021年度部门整体支出绩效评价基础数据表": 1, "2021年度部门整体支出绩效自评表": 1}),
    S004: Counter(
        {
            "广元市昭化区部门整体支出绩效目标自评表": 1,
            "广元市昭化区2024年部门整体预算绩效评价指标体系": 1,
            # 24 projects, two of them printed again as attachments of their own reports.
            "广元市昭化区财政项目支出绩效自评表": 26,
            "广元市昭化区委组织部2023年东西部协作人才交流项目自评评分表": 1,
            "广元市昭化区区委组织部2023年干部暖心关爱帮扶基金项目自评评分表": 1,
        }
    ),
}


@pytest.mark.parametrize("seed", sorted(EXPECTED_TABLES))
def test_every_performance_table_is_found(seed: str) -> None:
    document = read_document(SEED_DIR / seed, seed)
    assert Counter(t.title for t in segment_tables(document)) == EXPECTED_TABLES[seed]


def test_table_count_agrees_with_the_title_lines_of_the_text() -> None:
    titles = [line for line in raw_lines(S004) if line == "\t广元市昭化区财政项目支出绩效自评表"]
    assert len(titles) == EXPECTED_TABLES[S004]["广元市昭化区财政项目支出绩效自评表"] == 26


# Indicator rows per evaluation, counted on the printed tables (template lines left empty,
# such as 003's ``指标2：`` with no value, are not indicators).
EXPECTED_INDICATORS = {
    S000: {
        "机关党建工作经费": 14,
        "机关党员教育培训经费": 9,
        "宣传文化活动专项经费": 13,
        "第一书记工作经费": 12,
        "双联和干部驻村帮扶工作专项经费": 13,
    },
    S001: {
        "中国共产党攀枝花市西区委员会组织部": 12,
        "党员教育培训经费": 11,
        "基层组织建设工作经费": 9,
        "干部队伍建设经费": 20,
        "老干部队伍建设经费": 12,
        "2020年度西区干部人才健康体检经费": 6,
        "公共文化服务体系建设专项资金": 6,
        "国有企业退休人员社会化管理补助资金": 10,
        "两新第一书记试点经费": 6,
        "市委换届考察组入驻西区期间工作经费": 6,
    },
    S002: {"综合调研": 7, "全委会经费": 6, "市委大院维修维护": 6},
    S003: {"市直机关工委": 23},
    S004: {
        "中共广元市昭化区委组织部": 8 + 18,  # 目标自评表 + 评价指标体系
        "东西部协作人才交流项目": 5 + 9,  # 自评表 + 评分表
        "干部暖心关爱帮扶基金经费": 12 + 9,
        "关工委工作经费": 8,
        "老党员困难党员和特困离退休干部救助": 9,
        "基层组织建设工作经费": 8,
        "干部工作经费": 12,
        "党员教育工作经费": 7,
        "组织工作信息化工作经费": 9,
        "人才工作经费": 8,
        "网络文化市场“五老”社会监督员工作经费": 7,
        "干部健康体检经费": 5,
        "研学活动经费": 7,
        "科技拔尖人才岗位激励资金2022": 6,
        "科技拔尖人才岗位激励资金2023": 6,
        "选调生到村任职工作补助资金": 7,
        "党建工作标准化体系建设": 6,
        "党建工作经费": 7,
        "干部档案数字化系统运行维护费": 6,
        "区委老干部服务中心工作经费": 6,
        "全省大组工王维护经费": 6,
        "人才工作专项经费": 6,
        "学习教育制度化、常态化经费": 6,
        "基层干部管理经费": 7,
        "区高层次人才服务中心经费": 6,
    },
}


@pytest.mark.parametrize("seed", sorted(EXPECTED_INDICATORS))
def test_every_indicator_row_is_extracted(seed: str) -> None:
    report = extracted(seed)
    assert [p.project_name for p in report.performance_projects] == list(EXPECTED_INDICATORS[seed])
    assert Counter(i.project_name for i in report.performance_indicators) == Counter(EXPECTED_INDICATORS[seed])


@pytest.mark.parametrize("seed", sorted(EXPECTED_INDICATORS))
def test_indicator_evidence_cites_the_indicator_line(seed: str) -> None:
    lines = raw_lines(seed)
    cell_texts = {line.strip() for line in lines if line.startswith("\t")}  # cell text less its padding
    for indicator in extracted(seed).performance_indicators:
        line = lines[indicator.evidence.line - 1]
        assert line.startswith(("\t", " \t")), indicator
        if indicator.target_text is not None:  # self-evaluation rows cite their 三级指标 cell
            assert indicator.level3 is not None and indicator.level3.startswith(label(line)), indicator
            first_line = indicator.target_text.split("\n")[0]
            assert first_line in cell_texts, indicator


def test_scopes_and_department_wide_evaluations() -> None:
    scopes = {seed: Counter(p.scope for p in extracted(seed).performance_projects) for seed in EXPECTED_INDICATORS}
    assert scopes[S000] == Counter({"项目": 5})
    assert scopes[S001] == Counter({"项目": 9, "部门整体": 1})
    assert scopes[S002] == Counter({"项目": 3})
    assert scopes[S003] == Counter({"部门整体": 1})
    assert scopes[S004] == Counter({"项目": 24, "部门整体": 1})


def _indicator(seed: str, project: str, level3: str):
    matches = [i for i in extracted(seed).performance_indicators if i.project_name == project and i.level3 == level3]
    assert len(matches) == 1, matches
    return matches[0]


def test_row_cut_by_an_empty_paragraph_is_joined_again() -> None:
    # 000 lines 565-574: ``满意\n度指标`` then a blank line, then the rest of the row.
    row = _indicator(S000, "机关党建工作经费", "机关党员群众满意度")
    assert (row.level1, row.level2, row.target_text, row.actual_text) == ("满意度指标", "满意度指标", "≥98%", "≥98%")
    assert (row.target_value, row.value_unit, row.comparator) == (Decimal("98"), "%", "≥")


def test_header_run_into_the_first_indicator_row_is_split() -> None:
    # 001 lines 165-176: header cells written with a space before the TAB.
    row = _indicator(S001, "中国共产党攀枝花市西区委员会组织部", "保障组织部人员的各项工资福利待遇等")
    assert (row.level1, row.level2) == ("完成指标", "数量指标")
    assert (row.target_text, row.actual_text) == ("保障组织部全体行政、事业、退休人员各项工资福利待遇", "全部完成")
    cost = _indicator(S001, "中国共产党攀枝花市西区委员会组织部", "各项工资福利待遇等基本支出")
    assert (cost.target_value, cost.actual_value, cost.value_unit) == (Decimal("281.34"), Decimal("289.53"), "万元")


def test_table_split_over_three_grids_is_read_as_one() -> None:
    # 003: ``产出指标`` / ``(55分)`` and ``效益指标`` / ``（20分）`` cut the table in three grids.
    indicators = [i for i in extracted(S003).performance_indicators]
    assert Counter(i.level1 for i in indicators) == Counter({"产出指标": 16, "效益指标": 3, "满意度指标": 4})
    first = indicators[0]
    assert (first.level2, first.weight, first.score) == ("数量指标", Decimal("5"), Decimal("5"))
    joined = _indicator(
        S003, "市直机关工委", "指标3：提升社会各界群众对机关工作的满意度，使年度民意调查满意率较上年提高2-3个百分点"
    )
    assert (joined.target_text, joined.weight, joined.score) == ("提升社会各界群众对机关工作的满意度", 5, 5)


def test_split_column_cell_and_unprinted_level() -> None:
    row = _indicator(S004, "全省大组工王维护经费", "业务人员满意度")
    assert (row.target_text, row.actual_text, row.level1) == ("≥95%", "100%", "满意度指标")
    first = _indicator(S004, "全省大组工王维护经费", "对大组工网络进行日常维护")
    assert first.level1 is None and first.level2 == "数量指标"  # the table prints no 一级指标 there


def test_separate_value_columns_of_002() -> None:
    row = _indicator(S002, "综合调研", "出差公杂费")
    assert (row.comparator, row.target_value, row.value_unit) == ("≤", Decimal("80"), "元/人·次")
    assert (row.weight, row.score, row.deviation_reason) == (Decimal("10"), Decimal("10"), "无")
    qualitative = _indicator(S002, "综合调研", "为领导决策提供参考（推动泸州高质量发展）")
    assert (qualitative.comparator, qualitative.target_value, qualitative.target_text) == (None, None, "优")


def test_projects_funds_and_scores() -> None:
    projects = {p.project_name: p for p in extracted(S002).performance_projects}
    survey = projects["综合调研"]
    assert survey.project_code == "51050021T000000206964"
    assert (survey.budget_initial, survey.budget_final, survey.executed) == (80, 80, Decimal("69.86"))
    assert (survey.execution_rate_declared, survey.score) == (Decimal("87.32"), Decimal("98.7"))
    funds = [f for f in extracted(S002).performance_funds if f.project_name == "综合调研"]
    assert [f.fund_source for f in funds] == ["总额", "财政资金", "财政专户管理资金", "单位资金", "其他资金"]
    assert (funds[0].weight, funds[0].score) == (Decimal("10"), Decimal("8.7"))
    assert funds[1].weight is None and funds[4].budget_initial is None  # "/" and empty cells


def test_reprinted_project_table_is_kept_once_and_scored() -> None:
    report = extracted(S004)
    names = Counter(p.project_name for p in report.performance_projects)
    assert names["东西部协作人才交流项目"] == 1 and names["干部暖心关爱帮扶基金经费"] == 1
    scores = {p.project_name: p.score for p in report.performance_projects}
    assert scores["东西部协作人才交流项目"] == Decimal("100")  # 评分表 合计
    assert scores["干部暖心关爱帮扶基金经费"] == Decimal("94")
    balance = [
        i
        for i in report.performance_indicators
        if i.project_name == "干部暖心关爱帮扶基金经费" and i.level3 == "预算结余率"
    ]
    assert [(i.level1, i.level2, i.weight, i.score) for i in balance] == [("项目执行", "预算结余", 6, 0)]
    # The scores of a 评分表 add up to its printed total.
    scored = [
        i
        for i in report.performance_indicators
        if i.project_name == "干部暖心关爱帮扶基金经费" and i.target_text is None
    ]
    assert sum(i.score for i in scored) == scores["干部暖心关爱帮扶基金经费"]


def test_department_wide_scoring_table_of_004() -> None:
    report = extracted(S004)
    whole = report.performance_projects[0]
    assert (whole.scope, whole.project_name) == ("部门整体", "中共广元市昭化区委组织部")
    assert (whole.budget_initial, whole.budget_final, whole.executed) == (
        Decimal("664.57"),
        Decimal("912.26"),
        Decimal("831.95"),
    )
    assert whole.execution_rate_declared == Decimal("91.20")
    scored = [
        i for i in report.performance_indicators if i.project_name == whole.project_name and i.target_text is None
    ]
    assert len(scored) == 18
    assert (scored[6].level2, scored[6].level3, scored[6].weight, scored[6].score) == (
        "过程管控",
        "执行进度",
        6,
        Decimal("5.47"),
    )
    assert [(i.level1, i.weight, i.score) for i in scored[-2:]] == [("扣分项", 3, None), ("扣分项", 2, None)]
    funds = [f.fund_source for f in report.performance_funds if f.project_name == whole.project_name]
    assert funds == [
        "年度资金总额",
        "（一）财政拨款小计",
        "1.一般公共预算",
        "2.政府性基金",
        "3.国有资本经营预算",
        "（二）其他资金",
    ]


def test_department_wide_evaluation_of_003_and_its_basic_data() -> None:
    report = extracted(S003)
    (whole,) = report.performance_projects
    assert (whole.project_name, whole.budget_initial, whole.budget_final) == (
        "市直机关工委",
        Decimal("416.39"),
        Decimal("492.41"),
    )
    assert (whole.executed, whole.execution_rate_declared, whole.score) == (Decimal("492.41"), 100, 100)
    (fund,) = report.performance_funds
    assert (fund.fund_source, fund.weight, fund.score) == ("年度资金总额", 10, 10)
    metrics = {m.metric: m for m in report.summary_metrics}
    assert set(metrics) == {
        "编制数", "实有人数", "编制控制率", "三公经费", "公务用车购置费", "公务用车运行维护费", "因公出国（境）费",
        "公务接待费", "公用经费", "办公经费", "水费、电费、差旅费", "会议费、培训费", "政府采购支出总额",
    }  # fmt: skip
    assert (metrics["编制数"].value, metrics["编制数"].unit) == (20, "人")
    # Line 88: the staffing 控制率 100% (20 in post of a quota of 20), in percent as printed.
    rate = metrics["编制控制率"]
    assert (rate.value, rate.unit, rate.evidence.line, rate.evidence.snippet) == (100, "%", 88, "控制率 100%")
    # The template's two combined 公用经费 lines (lines 155 and 160): prior year, budget, current year.
    for name, line, values in (
        ("水费、电费、差旅费", 155, ("10.11", "3.5", "6.43")),
        ("会议费、培训费", 160, ("20.89", "2.93", "0.68")),
    ):
        row = metrics[name]
        assert (row.prior_year_value, row.budget_value, row.value) == tuple(Decimal(v) for v in values)
        assert (row.unit, row.evidence.line) == ("万元", line)
    reception = metrics["公务接待费"]
    assert (reception.value, reception.budget_value, reception.prior_year_value) == (
        Decimal("0.17"), Decimal("2.31"), Decimal("0.07"),
    )  # fmt: skip
    assert metrics["公务用车购置费"].budget_value is None  # empty cell
    assert all(
        m.source_kind == "table" and m.scope == "2021年度部门整体支出绩效评价基础数据表" for m in metrics.values()
    )


def test_money_of_every_project_equals_its_total_fund_line() -> None:
    for seed in EXPECTED_INDICATORS:
        report = extracted(seed)
        for project in report.performance_projects:
            total = next(f for f in report.performance_funds if f.project_name == project.project_name)
            assert (project.budget_final, project.executed) == (total.budget_final, total.executed)


@pytest.mark.parametrize("seed", sorted(EXPECTED_INDICATORS))
def test_pipeline_rows_pass_the_contract(seed: str) -> None:
    frames = extract_frames(SEED_DIR / seed)
    assert frames["reports"]["parse_status"].to_list() == ["ok"]
    for view in ("performance_projects", "performance_funds", "performance_indicators"):
        assert frames[view].height > 0
        assert validate_frame(view, frames[view]).height == 0
    assert frames["performance_indicators"]["line"].null_count() == 0


def test_no_table_no_rows(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("一、部门概况\n本部门无项目支出绩效自评表。\n\t收入\n\t100\n", encoding="utf-8")
    report = ExtractedReport(ReportInfo("x", "x", "-", "text", ParseStatus.OK, "t", datetime(2026, 1, 1), 0))
    extract_performance(read_document(plain, "plain.txt"), report)
    assert report.performance_projects == [] and report.performance_indicators == []


def test_result_in_another_unit_keeps_its_text_but_no_number() -> None:
    row = _indicator(S004, "干部暖心关爱帮扶基金经费", "帮扶因公牺牲的干部家庭关爱数")
    assert (row.target_text, row.actual_text) == ("≥1人", "0户")
    assert (row.target_value, row.value_unit, row.actual_value) == (1, "人", None)
    same_base = _indicator(S004, "人才工作专项经费", "举办干部人才培训班")  # ≥2期/年 against 2期
    assert (same_base.target_value, same_base.actual_value, same_base.value_unit) == (2, 2, "期/年")


def test_header_cells_read_as_cells_give_the_same_indicators(tmp_path: Path) -> None:
    # 001 writes two header cells with a space before the TAB; read as cells of their own, the
    # header still runs on into the first indicator row, and the indicators must not change.
    text = (SEED_DIR / S001).read_text(encoding="utf-8")
    assert text.count("\n \t") >= 2
    fixed = tmp_path / S001
    fixed.write_text(text.replace("\n \t", "\n\t"), encoding="utf-8")
    report = ExtractedReport(ReportInfo("x", "x", "-", "text", ParseStatus.OK, "t", datetime(2026, 1, 1), 0))
    extract_performance(read_document(fixed, S001), report)
    whole = "中国共产党攀枝花市西区委员会组织部"

    def rows(r: ExtractedReport) -> list[tuple]:
        return [
            (i.level1, i.level2, i.level3, i.target_text, i.actual_text)
            for i in r.performance_indicators
            if i.project_name == whole
        ]

    assert len(rows(report)) == 12
    assert rows(report) == rows(extracted(S001))


def test_completion_rate_column_of_001() -> None:
    # The nine project tables of 001 print 完成率（%） after 实际完成数; the department-wide table has none.
    by_line = {i.evidence.line: i for i in extracted(S001).performance_indicators}
    assert (by_line[376].actual_text, by_line[376].completion_pct_declared) == ("26.23万元", Decimal(87))
    assert (by_line[331].completion_pct_declared, by_line[1666].completion_pct_declared) == (100, 29)
    assert by_line[736].completion_pct_declared == 86  # printed 86%%
    assert by_line[174].completion_pct_declared is None
    rated = [i for i in by_line.values() if i.completion_pct_declared is not None]
    assert len(rated) == 86 and all(i.project_name != "中国共产党攀枝花市西区委员会组织部" for i in rated)
    assert all(i.completion_pct_declared is None for i in extracted(S004).performance_indicators)


def _numbers(text: str) -> set[Decimal]:
    return {Decimal(n) for n in re.findall(r"\d+(?:\.\d+)?", text)}


@pytest.mark.parametrize("seed", sorted(EXPECTED_INDICATORS))
def test_project_evidence_cites_the_line_printing_its_money(seed: str) -> None:
    # The project row cites its total fund line (年度资金总额 / 总额 / 预算数：), whose snippet prints the
    # budget and the execution, not the cell of the project's name.
    lines = raw_lines(seed)
    report = extracted(seed)
    for project in report.performance_projects:
        total = next(f for f in report.performance_funds if f.project_name == project.project_name)
        assert project.evidence == total.evidence, project.project_name
        assert lines[project.evidence.line - 1].strip() in project.evidence.snippet
        printed = _numbers(project.evidence.snippet)
        assert project.budget_final in printed and project.executed in printed, project.evidence


def test_project_evidence_of_004_is_the_total_line_under_the_name() -> None:
    project = next(p for p in extracted(S004).performance_projects if p.project_name == "东西部协作人才交流项目")
    assert raw_lines(S004)[499 - 1].strip() == "东西部协作人才交流项目"  # the name line cited before
    assert project.evidence.line == 514
    assert project.evidence.snippet.startswith("年度资金总额 0 35 35")


def test_project_without_fund_lines_cites_the_line_of_its_score(tmp_path: Path) -> None:
    # 004 with the fund columns' headers blanked: no fund line is read, so a scored project cites its
    # 评分表's 合计 line (4247, `合计 100`), an unscored one the cell of its name.
    text = (SEED_DIR / S004).read_text(encoding="utf-8")
    header = "\t年初预算数\n\t全年预算数\n\t全年执行数\n"
    assert text.count(header) == 27
    fixed = tmp_path / S004
    fixed.write_text(text.replace(header, "\t\n\t\n\t\n"), encoding="utf-8")
    report = ExtractedReport(ReportInfo("x", "x", "-", "text", ParseStatus.OK, "t", datetime(2026, 1, 1), 0))
    extract_performance(read_document(fixed, S004), report)
    assert report.performance_funds == []
    projects = {p.project_name: p for p in report.performance_projects}
    exchange, care = projects["东西部协作人才交流项目"], projects["干部暖心关爱帮扶基金经费"]
    assert (exchange.score, exchange.evidence.line, exchange.evidence.snippet) == (100, 4247, "合计 100")
    assert (care.score, care.evidence.line, care.evidence.snippet) == (94, 4566, "合计 94")
    assert projects["关工委工作经费"].evidence.line == 809  # no figure at all: the name's cell


def _as_pdf_grids(document: Document) -> Document:
    """The document with each table as a PDF's ruling lines give it: merged cells (as the typeset
    seed PDFs merge them) held once, the slots they cover without a cell."""
    blocks = []
    for block in document.blocks:
        table = block.table
        if table is not None:
            cells = tuple(
                Cell(s.row, s.col, s.text, s.row_span, s.col_span, line=block.line) for s in merged_cells(table)
            )
            block = replace(block, table=Table(cells, table.n_rows, table.n_cols, line=table.line))
        blocks.append(block)
    return replace(document, blocks=blocks)


def _without_evidence(report: ExtractedReport) -> dict[str, list[tuple]]:
    views = {"funds": report.performance_funds, "indicators": report.performance_indicators}
    views["projects"] = [p for p in report.performance_projects if p.source_kind == SourceKind.TABLE]
    return {
        name: sorted(str(tuple(getattr(fact, f.name) for f in fields(fact) if f.name != "evidence")) for fact in facts)
        for name, facts in views.items()
    }


@pytest.mark.parametrize("seed", [S000, S001, S002, S003, S004])
def test_merged_cells_of_a_pdf_grid_read_as_the_export_writes_them(seed: str) -> None:
    """A label merged down over its rows (项目资金, 绩效指标, 一级指标) and a cell merged to the end of
    its row: the tables give the same facts as the Word export's grids, which write each merged cell
    once and an empty cell in each row below it."""
    document = read_document(SEED_DIR / seed, seed)
    merged = _as_pdf_grids(document)
    assert any(c.row_span > 1 for b in merged.tables() for c in b.table.cells)

    def facts_of(doc: Document) -> dict[str, list[tuple]]:
        info = ReportInfo(seed, seed, "-", "text", ParseStatus.OK, "test", datetime(2026, 1, 1), 0)
        report = ExtractedReport(report=info)
        extract_performance(doc, report)
        return _without_evidence(report)

    expected = facts_of(document)
    assert expected["funds"] and expected["indicators"]
    assert facts_of(merged) == expected


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("2021年项目绩效目标自评表", True),
        ("部门预算项目支出绩效自评表（2023年度）", True),
        ("附件1：项目支出绩效目标申报表", True),
        ("项目预算，根据预算一体化系统导出的绩效目标申报表", False),
        ("按规定填报绩效目标申报表；", False),
        ("各项目均已完成绩效自评表", True),  # a name, however it reads
    ],
)
def test_a_table_title_is_a_name_never_a_clause(text: str, title: bool) -> None:
    assert is_title(text) is title
    assert is_target_form(text) is (title and text.endswith("申报表"))
