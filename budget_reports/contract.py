"""The analyst contract: every warehouse view, its columns, types and documentation.

This module is the single source for the DuckDB DDL and COMMENTs, the Polars schemas used to
stage facts, the Pandera models' column sets and the data dictionary (docs/data-dictionary.md).
Column names are public interface: add columns freely, never rename or drop one.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

MONEY = "DECIMAL(20,6)"  # 万元; six decimals keep a fen exact when the source is in 元
PERCENT = "DECIMAL(12,4)"
MONEY_DTYPE = pl.Decimal(20, 6)
PERCENT_DTYPE = pl.Decimal(12, 4)

_POLARS_TYPES: dict[str, pl.DataType] = {
    "VARCHAR": pl.String(),
    "INTEGER": pl.Int32(),
    "BIGINT": pl.Int64(),
    "TIMESTAMP": pl.Datetime("us"),
    "VARCHAR[]": pl.List(pl.String()),
    "DOUBLE": pl.Float64(),
    MONEY: MONEY_DTYPE,
    PERCENT: PERCENT_DTYPE,
}


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    sql_type: str
    label: str  # Chinese label
    meaning: str

    @property
    def polars_dtype(self) -> pl.DataType:
        return _POLARS_TYPES[self.sql_type]


@dataclass(frozen=True, slots=True)
class View:
    name: str
    description: str
    columns: tuple[Column, ...]
    # Columns that identify a row (used by Pandera uniqueness checks and documentation).
    key: tuple[str, ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def polars_schema(self) -> pl.Schema:
        return pl.Schema({c.name: c.polars_dtype for c in self.columns})


def _c(name: str, sql_type: str, label: str, meaning: str) -> Column:
    return Column(name, sql_type, label, meaning)


REPORT_KEYS = (
    _c("report_id", "VARCHAR", "报告标识", "Stable id of the input file: first 16 hex digits of its SHA-256."),
    _c("fiscal_year", "INTEGER", "年度", "Fiscal year the report covers."),
    _c("department", "VARCHAR", "部门", "Department name as printed in full (same across its reports)."),
)

EVIDENCE = (
    _c("source_file", "VARCHAR", "来源文件", "Input file path relative to the raw folder."),
    _c("page", "INTEGER", "页码", "PDF page the fact was read on (1-based); NULL for formats without pages."),
    _c("line", "INTEGER", "行号", "Line in the extracted text of that page (PDF) or file (1-based)."),
    _c("snippet", "VARCHAR", "原文", "The text the fact was read from (at most 200 characters)."),
    _c(
        "read_by",
        "VARCHAR",
        "识别方式",
        "text (the file's own text or text layer) or ocr (recognised from a scanned page or a picture of a"
        " table pasted into a Word file or web page: check"
        " the snippet against the page; figures OCR could not read with confidence are NULL with an"
        " ocr_unread_figure finding).",
    ),
    _c(
        "evidence_bbox_x0",
        "DOUBLE",
        "位置左",
        "Left edge of the figure's characters on the PDF page, in PDF points from the page's left edge"
        " (1/72 inch; origin at the top-left corner of the page as displayed). NULL for formats without pages,"
        " for scanned (OCR) pages and when the figure's characters could not be found on the cited page.",
    ),
    _c("evidence_bbox_y0", "DOUBLE", "位置上", "Top edge of the figure's characters, points from the page's top edge."),
    _c("evidence_bbox_x1", "DOUBLE", "位置右", "Right edge of the figure's characters, points from the left edge."),
    _c("evidence_bbox_y1", "DOUBLE", "位置下", "Bottom edge of the figure's characters, points from the top edge."),
    _c(
        "evidence_page_width",
        "DOUBLE",
        "页面宽度",
        "Width of the cited page in points (scale the box by rendered width / this); NULL when there is no box.",
    ),
    _c("evidence_page_height", "DOUBLE", "页面高度", "Height of the cited page in points; NULL when there is no box."),
)

SOURCE_KIND = _c("source_kind", "VARCHAR", "来源类型", "narrative (read from prose) or table.")

STAGE = _c(
    "stage",
    "VARCHAR",
    "阶段",
    "预算 (the row comes from a budget report, 部门预算 / 单位预算: its figures are the year's budget) or"
    " 决算 (a report written after the year: final accounts, self-evaluation).",
)

REPORTS = View(
    "reports",
    "One row per input file: what the report is, and whether it could be read.",
    (
        _c("report_id", "VARCHAR", "报告标识", "Stable id: first 16 hex digits of the file's SHA-256."),
        _c("source_file", "VARCHAR", "来源文件", "Input file path relative to the raw folder."),
        _c("file_sha256", "VARCHAR", "文件SHA-256", "SHA-256 of the file's bytes."),
        _c(
            "file_format",
            "VARCHAR",
            "文件格式",
            "text（Word 导出或纯文本）, pdftotext（按分页符分页的文本）, pdf, docx, doc, xlsx, xls, html",
        ),
        _c(
            "report_kind",
            "VARCHAR",
            "报告类型",
            "部门决算 / 单位决算 / 部门预算 / 单位预算 / 部门整体支出绩效自评 / 项目支出绩效自评",
        ),
        _c("fiscal_year", "INTEGER", "年度", "Fiscal year the report covers."),
        _c("province", "VARCHAR", "省", "Province of the department."),
        _c("city", "VARCHAR", "市", "City (prefecture level), when the department is at or below it."),
        _c("county", "VARCHAR", "县（区）", "County or district, when the department is at that level."),
        _c("department", "VARCHAR", "部门", "Department name as printed in full."),
        _c("department_short", "VARCHAR", "部门简称", "Short form the text uses (e.g. 市直机关工委)."),
        _c(
            "unit_label",
            "VARCHAR",
            "报告单位",
            "Reporting unit as labelled on the report (the 单位 of a 单位决算).",
        ),
        _c(
            "money_unit",
            "VARCHAR",
            "金额单位",
            "Money unit the report prints (万元 or 元); the warehouse stores 万元.",
        ),
        _c("page_count", "INTEGER", "页数", "Number of pages (paged formats)."),
        _c("file_size_bytes", "BIGINT", "文件大小", "Size of the input file in bytes."),
        _c(
            "parse_status",
            "VARCHAR",
            "解析状态",
            "ok; partial (content left out: a damaged or picture-only page, undecodable bytes, or an extraction"
            " step that broke; error_message says which); failed (nothing read; error_message says why).",
        ),
        _c(
            "error_message",
            "VARCHAR",
            "错误信息",
            "Why the file could not be read, or what was only partly read.",
        ),
        _c(
            "parser_version",
            "VARCHAR",
            "解析器版本",
            "Version of the extraction code that produced the facts.",
        ),
        _c("ingested_at", "TIMESTAMP", "入库时间", "When this file content was first extracted (UTC)."),
        STAGE,
        _c(
            "department_key",
            "VARCHAR",
            "部门键",
            "The department's name reduced to compare reports: place names, 中国共产党 / 中共, spaces and"
            " quotation marks taken out, prefixed by the province, city and county it belongs to"
            " (上海市|上海市|普陀区|城市管理行政执法局). The same department printed differently gets one key.",
        ),
    ),
    key=("report_id",),
)

SUMMARY_METRICS = View(
    "summary_metrics",
    "Scalar facts of a report, one row per (report, metric, scope, source kind).",
    (
        *REPORT_KEYS,
        _c(
            "metric",
            "VARCHAR",
            "指标",
            "Chinese metric name (收支总计, 本年收入合计, 三公经费, 公务用车保有量 ...).",
        ),
        _c(
            "scope",
            "VARCHAR",
            "范围",
            "Section or table qualifying the metric when its name recurs; else NULL.",
        ),
        _c(
            "value",
            MONEY,
            "数值",
            "The figure (万元 for money, else in `unit`); in a budget report (stage 预算), the budgeted figure.",
        ),
        _c("unit", "VARCHAR", "单位", "万元 / 辆 / 批次 / 人次 / 个 / 人 ..."),
        _c("budget_value", MONEY, "预算数", "Budget stated for the metric."),
        _c("prior_year_value", MONEY, "上年数", "Prior-year value stated."),
        _c("change_value", MONEY, "增减额", "Change against the prior year as stated (negative = decrease)."),
        _c("change_pct_declared", PERCENT, "增减率", "Declared growth in percent (negative = decrease)."),
        _c("completion_pct_declared", PERCENT, "完成预算比例", "Declared completion of budget in percent."),
        _c("share_pct_declared", PERCENT, "占比", "Declared share in percent."),
        SOURCE_KIND,
        *EVIDENCE,
        STAGE,
    ),
    key=("report_id", "metric", "scope", "source_kind"),
)

INCOME = View(
    "income",
    "Income of the year by source (本年收入 breakdown).",
    (
        *REPORT_KEYS,
        _c("source", "VARCHAR", "收入来源", "一般公共预算财政拨款收入 … 其他收入."),
        _c("amount", MONEY, "金额", "万元."),
        _c("share_pct_declared", PERCENT, "占比", "Declared share of 本年收入合计, in percent."),
        SOURCE_KIND,
        *EVIDENCE,
        _c(
            "scope",
            "VARCHAR",
            "范围",
            "Section of a restatement that contradicts the source's first statement (kept for validation); else NULL.",
        ),
        STAGE,
    ),
    key=("report_id", "source", "scope", "source_kind"),
)

EXPENDITURE_FUNCTION = View(
    "expenditure_function",
    "Expenditure by functional classification (类/款/项), one row per line per source.",
    (
        *REPORT_KEYS,
        _c(
            "fund_type",
            "VARCHAR",
            "资金性质",
            "一般公共预算财政拨款 / 政府性基金预算财政拨款 / 国有资本经营预算财政拨款 / 全部资金; 财政拨款"
            " (the fiscal funds together: a budget report's 编制说明 lines of 财政拨款支出).",
        ),
        _c("level", "VARCHAR", "科目级次", "类 / 款 / 项."),
        _c("code", "VARCHAR", "科目编码", "3, 5 or 7 digits; NULL when the name could not be resolved."),
        _c("class_code", "VARCHAR", "类编码", "3-digit 类 code."),
        _c("class_name", "VARCHAR", "类名称", "类 name in the year's classification edition."),
        _c("kuan_code", "VARCHAR", "款编码", "5-digit 款 code (款 and 项 lines)."),
        _c("kuan_name", "VARCHAR", "款名称", "款 name."),
        _c("xiang_code", "VARCHAR", "项编码", "7-digit 项 code (项 lines)."),
        _c("xiang_name", "VARCHAR", "项名称", "项 name."),
        _c("name_as_written", "VARCHAR", "原文名称", "The line's name path exactly as the report writes it."),
        _c(
            "budget_initial",
            MONEY,
            "年初预算",
            "年初预算数 (万元); a budget report's own lines (stage 预算) hold their budget here, actual stays NULL.",
        ),
        _c("budget_final", MONEY, "全年预算", "全年预算数 / 调整预算 (万元)."),
        _c("actual", MONEY, "决算数", "Actual expenditure (万元)."),
        _c("basic", MONEY, "基本支出", "Basic expenditure part (万元)."),
        _c("project", MONEY, "项目支出", "Project expenditure part (万元)."),
        _c("completion_pct_declared", PERCENT, "完成预算比例", "Declared completion of budget, percent."),
        _c("share_pct_declared", PERCENT, "占比", "Declared share of the total, percent."),
        _c("reason", "VARCHAR", "差异原因", "Reason stated for the difference between budget and actual."),
        SOURCE_KIND,
        _c("source_table", "VARCHAR", "来源表", "Title of the table the line was read from (tables only)."),
        *EVIDENCE,
        STAGE,
        _c(
            "purpose",
            "VARCHAR",
            "主要用途",
            "What the line's money is for, as a budget report's 编制说明 states it (主要用于…).",
        ),
    ),
    key=("report_id", "fund_type", "source_kind", "source_table", "level", "name_as_written", "code"),
)

EXPENDITURE_ECONOMIC = View(
    "expenditure_economic",
    "Basic expenditure by economic classification (部门预算支出经济分类).",
    (
        *REPORT_KEYS,
        _c(
            "fund_type",
            "VARCHAR",
            "资金性质",
            "Fund type of the table or sentence (usually 一般公共预算财政拨款).",
        ),
        _c("code", "VARCHAR", "经济分类编码", "3 (类) or 5 (款) digits."),
        _c("name", "VARCHAR", "经济分类名称", "Name as printed."),
        _c("group", "VARCHAR", "经费类别", "人员经费 / 公用经费."),
        _c("amount", MONEY, "决算数", "万元 (the budget when stage is 预算)."),
        SOURCE_KIND,
        *EVIDENCE,
        STAGE,
    ),
    key=("report_id", "fund_type", "source_kind", "code", "name"),
)

PERFORMANCE_PROJECTS = View(
    "performance_projects",
    "One row per evaluated project, or per department-wide evaluation; a budget report's projects (stage 预算)"
    " with their budget.",
    (
        *REPORT_KEYS,
        _c("project_name", "VARCHAR", "项目名称", "Project name as printed."),
        _c("project_code", "VARCHAR", "项目编码", "Project code, when printed."),
        _c("scope", "VARCHAR", "评价范围", "项目 / 部门整体."),
        _c("budget_initial", MONEY, "年初预算数", "万元."),
        _c("budget_final", MONEY, "全年预算数", "万元."),
        _c("executed", MONEY, "全年执行数", "万元."),
        _c("execution_rate_declared", PERCENT, "执行率", "Declared execution rate, percent."),
        _c("score", PERCENT, "得分", "Self-evaluation score."),
        _c("grade", "VARCHAR", "评价等级", "优 / 良 / 中 / 差, as printed."),
        SOURCE_KIND,
        _c("source_table", "VARCHAR", "来源表", "Title of the self-evaluation table."),
        *EVIDENCE,
        STAGE,
    ),
    # Prose and tables may both report a project: distinct rows by source_kind, as in summary_metrics.
    key=("report_id", "project_name", "source_kind", "source_table"),
)

PERFORMANCE_FUNDS = View(
    "performance_funds",
    "Budget and execution of each evaluated project by fund source; for a budget report's declared targets"
    " (stage 预算), the year's money applied for (budget_initial) and no execution.",
    (
        *REPORT_KEYS,
        _c("project_name", "VARCHAR", "项目名称", "Project name as printed."),
        _c("fund_source", "VARCHAR", "资金来源", "年度资金总额 / 财政拨款 / 其他资金 …, as printed."),
        _c("budget_initial", MONEY, "年初预算数", "万元."),
        _c("budget_final", MONEY, "全年预算数", "万元."),
        _c("executed", MONEY, "全年执行数", "万元."),
        _c("execution_rate_declared", PERCENT, "执行率", "Declared execution rate, percent."),
        _c("weight", PERCENT, "分值", "Points assigned to budget execution."),
        _c("score", PERCENT, "得分", "Points scored."),
        *EVIDENCE,
        STAGE,
    ),
    key=("report_id", "project_name", "fund_source"),
)

PERFORMANCE_INDICATORS = View(
    "performance_indicators",
    "Performance indicators of each evaluated project (三级指标), with targets, results and scores; a budget"
    " report's declared targets (绩效目标申报表, stage 预算) have a target and no result, weight or score.",
    (
        *REPORT_KEYS,
        _c("project_name", "VARCHAR", "项目名称", "Project the indicator belongs to."),
        _c("level1", "VARCHAR", "一级指标", "产出指标 / 效益指标 / 满意度指标 …"),
        _c("level2", "VARCHAR", "二级指标", "数量指标 / 质量指标 / 时效指标 / 成本指标 …"),
        _c("level3", "VARCHAR", "三级指标", "The indicator's name."),
        _c("target_text", "VARCHAR", "年度指标值", "Target exactly as printed."),
        _c("actual_text", "VARCHAR", "实际完成值", "Result exactly as printed."),
        _c("target_value", MONEY, "指标数值", "Numeric part of the target, where there is one."),
        _c("actual_value", MONEY, "完成数值", "Numeric part of the result, where there is one."),
        _c("value_unit", "VARCHAR", "计量单位", "Unit of the values (%, 次, 万元, 年月 …)."),
        _c("comparator", "VARCHAR", "比较符", "≥ ≤ = > < (以上 → ≥, 以内 → ≤)."),
        _c("weight", PERCENT, "分值", "Points the indicator weighs."),
        _c("score", PERCENT, "得分", "Points scored."),
        _c("deviation_reason", "VARCHAR", "偏差原因", "Reason and measures stated for a deviation."),
        _c(
            "completion_pct_declared",
            PERCENT,
            "完成率",
            "Completion rate the table declares for the indicator, in percent.",
        ),
        *EVIDENCE,
        STAGE,
    ),
)

DQ_FINDINGS = View(
    "dq_findings",
    "Findings of the validation rules: every breach of a classification rule or of the report's own arithmetic.",
    (
        _c("finding_id", "VARCHAR", "问题标识", "Stable id of the finding."),
        _c("report_id", "VARCHAR", "报告标识", "Report the finding is about."),
        _c("fiscal_year", "INTEGER", "年度", "Fiscal year of that report."),
        _c("rule_id", "VARCHAR", "规则", "Rule identifier (see docs/rules.md)."),
        _c("severity", "VARCHAR", "严重程度", "error / warning / info."),
        _c("subject", "VARCHAR", "对象", "The code, metric or project concerned."),
        _c("expected", "VARCHAR", "应为", "What the rule expected (a number printed exactly, or text)."),
        _c("actual", "VARCHAR", "实为", "What the report states."),
        _c("tolerance", MONEY, "容差", "Tolerance the rule allowed."),
        _c("message", "VARCHAR", "说明", "Explanation in Chinese."),
        *EVIDENCE,
    ),
    key=("finding_id",),
)

CLASSIFICATION = View(
    "classification",
    "Reference: the functional (支出功能分类), economic (部门预算支出经济分类, 政府预算支出经济分类) "
    "and income (收入分类) classifications by edition year, with the user's local codes (BUDGET_LOCAL_CODES).",
    (
        _c(
            "scheme",
            "VARCHAR",
            "分类体系",
            "function / economic (部门预算) / economic_gov (政府预算) / income (收入分类).",
        ),
        _c("edition_year", "INTEGER", "版本年度", "Year of the classification edition."),
        _c("code", "VARCHAR", "编码", "3/5/7 digits (function, income) or 3/5 digits (economic)."),
        _c("level", "VARCHAR", "级次", "类 / 款 / 项."),
        _c("name", "VARCHAR", "名称", "Official name in that edition."),
        _c("parent_code", "VARCHAR", "上级编码", "Code of the parent line."),
        _c(
            "aliases",
            "VARCHAR[]",
            "别名",
            "Other names the line is written with (earlier names, short forms).",
        ),
        _c(
            "group",
            "VARCHAR",
            "经费类别",
            "Economic lines: 人员经费 / 公用经费; income lines: the budget they belong to "
            "(一般公共预算 / 政府性基金预算), empty when shared.",
        ),
        _c(
            "checked",
            "VARCHAR[]",
            "核对来源",
            "Documents the row was checked against (tags listed in the classification README); "
            "empty when the row was not checked against any document.",
        ),
        _c(
            "source",
            "VARCHAR",
            "来源",
            "reference (shipped with the package) or local (the user's BUDGET_LOCAL_CODES).",
        ),
    ),
    key=("scheme", "edition_year", "code"),
)

CLASSIFICATION_OBSERVED = View(
    "classification_observed",
    "Every classification code and name as the reports print them, and how each relates to the reference "
    "edition of the report's year: what the reference lacks, and what the reports get wrong.",
    (
        _c("scheme", "VARCHAR", "分类体系", "function / economic."),
        _c("fiscal_year", "INTEGER", "年度", "Fiscal year of the reports printing it."),
        _c("edition_year", "INTEGER", "版本年度", "Reference edition it was compared with (the nearest covered one)."),
        _c("code", "VARCHAR", "编码", "Code as printed (digits joined); NULL for a name printed without a code."),
        _c("level", "VARCHAR", "级次", "类 / 款 / 项."),
        _c("name_as_printed", "VARCHAR", "报告所列名称", "The name as printed (the last piece of a prose path)."),
        _c("source_kind", "VARCHAR", "来源类型", "narrative (prose) or table."),
        _c("report_count", "INTEGER", "报告数", "Number of reports printing this code and name."),
        _c("department_count", "INTEGER", "部门数", "Number of departments printing it."),
        _c(
            "relation",
            "VARCHAR",
            "与参考科目关系",
            "same_name (the edition's name, or a short form of it); known_alias (a documented alias); "
            "other_edition_name (the code's name in another edition); different_name (another name); "
            "unknown_code (the code is not in the edition); unresolved (a name no single code fits).",
        ),
        _c("reference_name", "VARCHAR", "参考名称", "The code's name in the edition (NULL when unknown)."),
        _c(
            "resolved_code",
            "VARCHAR",
            "对应编码",
            "The code the name resolves to (for a name printed without code, or printed with another code's name).",
        ),
        _c("first_source_file", "VARCHAR", "首个来源文件", "One report printing it (the first by file path)."),
    ),
    key=("scheme", "fiscal_year", "code", "level", "name_as_printed", "source_kind"),
)

BUDGET_OUTCOME = View(
    "budget_outcome",
    "Budget against outcome: per department, year, fund type and 类/款/项 code, the line of the budget report"
    " (部门预算) beside the same line of that year's final accounts (部门决算), with the final accounts' own"
    " 年初预算. Derived from reports and expenditure_function at each build.",
    (
        _c("department_key", "VARCHAR", "部门键", "The department, as reports.department_key (matches both reports)."),
        _c("fiscal_year", "INTEGER", "年度", "Fiscal year of both reports."),
        _c(
            "department", "VARCHAR", "部门", "Department name as the budget report prints it (else the final accounts)."
        ),
        _c("fund_type", "VARCHAR", "资金性质", "As expenditure_function.fund_type."),
        _c("level", "VARCHAR", "科目级次", "类 / 款 / 项."),
        _c("code", "VARCHAR", "科目编码", "3, 5 or 7 digits."),
        _c("name", "VARCHAR", "科目名称", "The line's name as the budget report writes it (else the final accounts)."),
        _c(
            "budget_report_id",
            "VARCHAR",
            "预算报告标识",
            "report_id of the budget report; NULL when it lacks the line.",
        ),
        _c("budget_amount", MONEY, "预算数", "The budget report's amount for the line (万元)."),
        _c("budget_source_kind", "VARCHAR", "预算来源类型", "table or narrative: where the budget amount was read."),
        _c("budget_source_file", "VARCHAR", "预算来源文件", "Evidence of the budget amount: file."),
        _c("budget_page", "INTEGER", "预算页码", "Evidence of the budget amount: page."),
        _c("budget_line", "INTEGER", "预算行号", "Evidence of the budget amount: line."),
        _c(
            "final_report_id",
            "VARCHAR",
            "决算报告标识",
            "report_id of the final accounts; NULL when they lack the line.",
        ),
        _c("final_budget_initial", MONEY, "决算所列年初预算", "年初预算 the final accounts state for the line (万元)."),
        _c("final_budget_final", MONEY, "决算所列全年预算", "全年预算 / 调整预算 the final accounts state (万元)."),
        _c("final_actual", MONEY, "决算数", "The final accounts' 决算数 for the line (万元)."),
        _c("final_source_file", "VARCHAR", "决算来源文件", "Evidence of the 决算数 (else of the 年初预算): file."),
        _c("final_page", "INTEGER", "决算页码", "Evidence of the final accounts' figure: page."),
        _c("final_line", "INTEGER", "决算行号", "Evidence of the final accounts' figure: line."),
        _c(
            "budget_gap",
            MONEY,
            "年初预算差异",
            "final_budget_initial − budget_amount: the 年初预算 the final accounts quote against the published budget.",
        ),
        _c("outcome_gap", MONEY, "执行差异", "final_actual − budget_amount (negative = spent less than budgeted)."),
        _c(
            "agreement",
            "VARCHAR",
            "一致性",
            "一致 (the final accounts' 年初预算 equals the budget within 0.005 万元, half a unit of a figure printed"
            " to 0.01 万元) / 不一致 / 决算未列年初预算 / 仅预算 (no such line in the final accounts) / 仅决算.",
        ),
    ),
    key=("department_key", "fiscal_year", "fund_type", "code", "budget_report_id", "final_report_id"),
)

VIEWS: tuple[View, ...] = (
    REPORTS,
    SUMMARY_METRICS,
    INCOME,
    EXPENDITURE_FUNCTION,
    EXPENDITURE_ECONOMIC,
    PERFORMANCE_PROJECTS,
    PERFORMANCE_FUNDS,
    PERFORMANCE_INDICATORS,
    DQ_FINDINGS,
    CLASSIFICATION,
    CLASSIFICATION_OBSERVED,
    BUDGET_OUTCOME,
)

VIEWS_BY_NAME: dict[str, View] = {v.name: v for v in VIEWS}

# Views built from the other views at each build, not staged per report.
DERIVED_VIEWS: tuple[str, ...] = ("budget_outcome", "classification_observed")
# Views whose rows are staged per extracted report (everything but the reference and the derived views).
FACT_VIEWS: tuple[View, ...] = tuple(
    v for v in VIEWS if v.name not in ("reports", "classification") and v.name not in DERIVED_VIEWS
)
