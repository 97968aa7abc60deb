"""Every money column of a classification table adds up, and every row splits into its columns.

`sum.hierarchy` (this module's part): the 类 of a table add up to the table's own 合计 row in the
基本支出 and 项目支出 columns too, not only in 合计 (the 项-to-款-to-类 check of each column is in
``hierarchy``). `sum.basic_project` (this module's part): each row's 合计 = 基本支出 + 项目支出. Both
follow the sums' tolerance (``base.judge_sum``); a blank cell beside a printed one counts as 0
(``hierarchy.column_value``).
"""

from __future__ import annotations

from decimal import Decimal

from budget_reports import metric_names as n
from budget_reports.facts import ExtractedReport, Finding, SourceKind
from budget_reports.model import Document
from budget_reports.normalize import money_half_unit
from budget_reports.rules.base import fmt, fmt_sum, judge_sum, one_per_problem, sum_finding
from budget_reports.rules.grouping import MetricIndex
from budget_reports.rules.hierarchy import class_groups, column_value, display_name, unsure_function_codes, where_read
from budget_reports.rules.sections import Sections, Tables

COLUMN_TOTALS = {"basic": n.BASIC, "project": n.PROJECT}


def column_sums(report: ExtractedReport, document: Document) -> list[Finding]:
    sections = Sections(document)
    # An unplaced table figure that may be a 类's leaves the 类 column sums unsure (see ``hierarchy``).
    classes_sure = not any(len(code) == 3 for code in unsure_function_codes(document))
    return [*(_class_columns(report, sections, Tables(document)) if classes_sure else []), *_rows(report)]


def _class_columns(report: ExtractedReport, sections: Sections, tables: Tables) -> list[Finding]:
    """The 类 of each table against its 合计 row, column by column; the same miss in several tables is
    one finding naming them."""
    found: list[tuple[Finding, str]] = []
    index = MetricIndex(report, sections)
    for (_, kind), lines in class_groups(report, sections):
        table = tables.of(lines[0].evidence)
        if kind is not SourceKind.TABLE or table is None:
            continue
        for field, metric in COLUMN_TOTALS.items():
            own = [s for s in index.statements(kind, metric) if tables.of(s.evidence) == table]
            parts = [column_value(line, field) for line in lines]
            if not own or own[0].value is None or any(p is None for p in parts):
                continue
            total, values = own[0], [p for p in parts if p is not None]
            summed = sum(values, Decimal(0))
            verdict = judge_sum(summed - (total.value or Decimal(0)), money_half_unit(total.value), len(values))
            if verdict is None:
                continue
            expected = fmt_sum(summed, values)
            message = (
                f"{lines[0].source_table or '表格'}中{len(values)}个类级科目{metric}合计{expected}万元，"
                f"与合计行所列{fmt(total.value)}万元不符" + verdict.note(abs(summed - (total.value or Decimal(0))))
            )
            finding = sum_finding("sum.hierarchy", verdict, metric, message, total.evidence, expected, fmt(total.value))
            found.append((finding, where_read(lines[0])))
    return one_per_problem(found, lambda f: (f.rule_id, f.subject, f.expected, f.actual))


def _rows(report: ExtractedReport) -> list[Finding]:
    findings = []
    for line in report.expenditure_function:
        basic, project = column_value(line, "basic"), column_value(line, "project")
        if line.source_kind is not SourceKind.TABLE or line.actual is None or basic is None or project is None:
            continue
        summed = basic + project
        verdict = judge_sum(summed - line.actual, money_half_unit(line.actual), 2)
        if verdict is None:
            continue
        subject = display_name(line)
        expected = fmt_sum(summed, [basic, project])
        message = (
            f"{line.source_table or '表格'}中{subject} {line.name_as_written}合计为{fmt(line.actual)}万元，"
            f"但基本支出{fmt(basic)}万元与项目支出{fmt(project)}万元之和为{expected}万元，二者不符"
            + verdict.note(abs(summed - line.actual))
        )
        findings.append(
            sum_finding("sum.basic_project", verdict, subject, message, line.evidence, expected, fmt(line.actual))
        )
    return findings
