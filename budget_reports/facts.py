"""Fact records: one dataclass per warehouse view row, as extractors produce them.

Report-level columns (report_id, fiscal_year, department) are not repeated here: the loader adds
them from the report's ``ReportInfo``. Money is ``Decimal`` in 万元; percentages are ``Decimal`` in
percent as declared. ``None`` means "not stated in the document", never zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from budget_reports.model import Evidence


class ParseStatus(StrEnum):
    OK = "ok"
    PARTIAL = "partial"  # read, but some part could not be extracted (see error_message)
    FAILED = "failed"  # nothing could be read; error_message says why


class SourceKind(StrEnum):
    NARRATIVE = "narrative"
    TABLE = "table"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(slots=True)
class ReportInfo:
    report_id: str
    source_file: str
    file_sha256: str
    file_format: str
    parse_status: ParseStatus
    parser_version: str
    ingested_at: datetime
    file_size_bytes: int
    error_message: str | None = None
    report_kind: str | None = None
    fiscal_year: int | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    department: str | None = None
    department_short: str | None = None
    unit_label: str | None = None
    money_unit: str | None = None
    page_count: int | None = None


@dataclass(frozen=True, slots=True)
class SummaryMetric:
    metric: str
    value: Decimal | None
    unit: str
    evidence: Evidence
    source_kind: SourceKind = SourceKind.NARRATIVE
    budget_value: Decimal | None = None
    prior_year_value: Decimal | None = None
    change_value: Decimal | None = None
    change_pct_declared: Decimal | None = None
    completion_pct_declared: Decimal | None = None
    share_pct_declared: Decimal | None = None
    # The section or table the figure belongs to, when the same metric name recurs (e.g. 财政拨款).
    scope: str | None = None


@dataclass(frozen=True, slots=True)
class IncomeLine:
    source: str
    amount: Decimal | None
    evidence: Evidence
    share_pct_declared: Decimal | None = None
    source_kind: SourceKind = SourceKind.NARRATIVE
    # The section of a restatement that contradicts the first statement of the source (as in SummaryMetric).
    scope: str | None = None


@dataclass(frozen=True, slots=True)
class ExpenditureLine:
    """One 类/款/项 line of the functional classification, from prose or a table."""

    fund_type: str
    level: str  # 类 / 款 / 项
    name_as_written: str
    evidence: Evidence
    source_kind: SourceKind
    code: str | None = None
    class_code: str | None = None
    class_name: str | None = None
    kuan_code: str | None = None
    kuan_name: str | None = None
    xiang_code: str | None = None
    xiang_name: str | None = None
    budget_initial: Decimal | None = None
    budget_final: Decimal | None = None
    actual: Decimal | None = None
    basic: Decimal | None = None
    project: Decimal | None = None
    completion_pct_declared: Decimal | None = None
    share_pct_declared: Decimal | None = None
    reason: str | None = None
    source_table: str | None = None
    purpose: str | None = None  # 主要用于… (a budget report's 编制说明)


@dataclass(frozen=True, slots=True)
class EconomicLine:
    """One line of basic expenditure by economic classification."""

    code: str | None
    name: str
    group: str | None  # 人员经费 / 公用经费
    amount: Decimal | None
    evidence: Evidence
    source_kind: SourceKind = SourceKind.TABLE
    fund_type: str = "一般公共预算财政拨款"


@dataclass(frozen=True, slots=True)
class PerformanceProject:
    project_name: str
    scope: str  # 项目 / 部门整体
    evidence: Evidence
    project_code: str | None = None
    budget_initial: Decimal | None = None
    budget_final: Decimal | None = None
    executed: Decimal | None = None
    execution_rate_declared: Decimal | None = None
    score: Decimal | None = None
    grade: str | None = None
    source_table: str | None = None
    source_kind: SourceKind = SourceKind.TABLE


@dataclass(frozen=True, slots=True)
class PerformanceFund:
    """Budget and execution of one evaluated project by fund source (财政资金, 其他资金 ...)."""

    project_name: str
    fund_source: str
    evidence: Evidence
    budget_initial: Decimal | None = None
    budget_final: Decimal | None = None
    executed: Decimal | None = None
    execution_rate_declared: Decimal | None = None
    weight: Decimal | None = None
    score: Decimal | None = None


@dataclass(frozen=True, slots=True)
class PerformanceIndicator:
    project_name: str
    evidence: Evidence
    level1: str | None = None
    level2: str | None = None
    level3: str | None = None
    target_text: str | None = None
    actual_text: str | None = None
    target_value: Decimal | None = None
    actual_value: Decimal | None = None
    value_unit: str | None = None
    comparator: str | None = None
    weight: Decimal | None = None
    score: Decimal | None = None
    deviation_reason: str | None = None
    completion_pct_declared: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    rule_id: str
    severity: Severity
    subject: str
    message: str  # Chinese, for the analyst
    evidence: Evidence
    expected: str | None = None
    actual: str | None = None
    tolerance: Decimal | None = None


@dataclass(slots=True)
class ExtractedReport:
    """Everything the pipeline learned from one input file."""

    report: ReportInfo
    summary_metrics: list[SummaryMetric] = field(default_factory=list)
    income: list[IncomeLine] = field(default_factory=list)
    expenditure_function: list[ExpenditureLine] = field(default_factory=list)
    expenditure_economic: list[EconomicLine] = field(default_factory=list)
    performance_projects: list[PerformanceProject] = field(default_factory=list)
    performance_funds: list[PerformanceFund] = field(default_factory=list)
    performance_indicators: list[PerformanceIndicator] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
