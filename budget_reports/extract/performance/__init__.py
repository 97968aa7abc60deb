"""Performance self-evaluation tables → performance_projects, performance_funds, performance_indicators.

A budget report's 绩效目标申报表 written as lines of text is read by ``declared_targets`` into the
same views (its targets, without results or scores).

Tables are found by ``segment``; each self-evaluation table gives one project (or one
department-wide evaluation) with its money by fund source (``projects``) and its indicators
(``indicators``); a scoring table (评分表 / 评价指标体系) adds scored lines and the total score
to the evaluation printed just before it (``scoring``); the 基础数据表 gives summary metrics
(``department_wide``).

A table printed twice (a project's table repeated as an attachment of its own report) is kept
once: the repeat adds no fact, only its scoring table's lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from budget_reports.extract.performance import department_wide
from budget_reports.extract.performance.declared_targets import declared_targets
from budget_reports.extract.performance.declared_targets import is_title as is_target_form
from budget_reports.extract.performance.indicators import IndicatorRow, indicator_rows
from budget_reports.extract.performance.projects import ProjectHeader, declared_pairs, read_header
from budget_reports.extract.performance.scoring import read_scoring
from budget_reports.extract.performance.segment import PerfTable, Row, segment_tables
from budget_reports.facts import ExtractedReport, PerformanceFund, PerformanceIndicator, PerformanceProject
from budget_reports.model import Cell, Document, Evidence
from budget_reports.normalize import compact, parse_decimal

__all__ = ["extract_performance", "segment_tables"]


@dataclass(slots=True)
class _Evaluation:
    table: PerfTable
    header: ProjectHeader
    name: str
    scope: str
    indicators: list[IndicatorRow]
    score: Decimal | None
    anchor: Cell
    scored: list[IndicatorRow] = field(default_factory=list)
    score_row: Row | None = None  # the line printing ``score`` (the table's or its 评分表's 合计)

    def signature(self) -> tuple:
        funds = tuple((f.fund_source, tuple(sorted(f.values.items()))) for f in self.header.funds)
        lines = tuple((i.level1, i.level2, i.level3, i.target_text, i.actual_text) for i in self.indicators)
        return (self.name, self.scope, funds, lines)

    def repeats(self, earlier: _Evaluation) -> bool:
        """Whether this is ``earlier`` printed again: the same table, or the same one where a reader
        of text left figures unplaced in one copy or the other (NULL against a value, never two values)."""
        if self.signature() == earlier.signature():
            return True
        mine, theirs = self.signature(), earlier.signature()
        if mine[:2] != theirs[:2] or mine[3] != theirs[3] or len(mine[2]) != len(theirs[2]):
            return False
        return all(
            source == other_source and all(value is None or dict(other).get(k) in (None, value) for k, value in values)
            for (source, values), (other_source, other) in zip(mine[2], theirs[2], strict=True)
        )


def extract_performance(document: Document, report: ExtractedReport) -> None:
    evaluations: list[_Evaluation] = []
    current: _Evaluation | None = None
    for table in segment_tables(document):
        if department_wide.is_basic_data(table):
            report.summary_metrics.extend(department_wide.basic_data_metrics(document, table))
            continue
        if department_wide.is_scoring(table):
            if current is not None:
                result = read_scoring(table.rows)
                current.scored.extend(result.indicators)
                if current.score is None:
                    current.score, current.score_row = result.total, result.total_row
            continue
        evaluation = _evaluation(table)
        if evaluation is None:
            continue
        earlier = next((e for e in evaluations if evaluation.repeats(e)), None)
        current = earlier or evaluation
        if earlier is None:
            evaluations.append(evaluation)
    for form in declared_targets(document):  # a budget's targets written as lines of text
        if form.header.name is not None and form.header.name_cell is not None:
            name, anchor = form.header.name, form.header.name_cell
            evaluations.append(
                _Evaluation(form.table, form.header, name, department_wide.PROJECT, form.indicators, None, anchor)
            )
    for evaluation in evaluations:
        _emit(document, report, evaluation)


def _evaluation(table: PerfTable) -> _Evaluation | None:
    header = read_header(table.rows)
    if not header.funds and table.title is not None and is_target_form(table.title):
        header.funds = declared_pairs(table.rows)
    indicators = indicator_rows(table.rows)
    if not header.funds and not indicators:
        return None
    scope = department_wide.scope_of(table, header.name is not None)
    name = header.name if scope == department_wide.PROJECT else header.department
    name = name or header.name or table.title
    anchor = header.name_cell or header.department_cell or table.rows[0][0]
    if name is None:
        return None
    score, score_row = _total_score(table)
    return _Evaluation(table, header, name, scope, indicators, score, anchor, score_row=score_row)


def _total_score(table: PerfTable) -> tuple[Decimal | None, Row | None]:
    """The score of the ``合计`` / ``总分`` line (its last number) and that line, when the table has one."""
    for row in table.rows:
        if row and compact(row[0].text) in ("合计", "总分"):
            numbers = [n for n in (parse_decimal(c.text) for c in row[1:]) if n is not None]
            return (numbers[-1], row) if len(numbers) >= 2 else (None, None)
    return None, None


def _emit(document: Document, report: ExtractedReport, evaluation: _Evaluation) -> None:
    header = evaluation.header
    total = header.funds[0].values if header.funds else {}
    report.performance_projects.append(
        PerformanceProject(
            project_name=evaluation.name,
            scope=evaluation.scope,
            evidence=_project_evidence(document, evaluation),
            project_code=header.code,
            budget_initial=total.get("budget_initial"),
            budget_final=total.get("budget_final"),
            executed=total.get("executed"),
            execution_rate_declared=total.get("execution_rate_declared"),
            score=evaluation.score,
            source_table=evaluation.table.title,
        )
    )
    for fund in header.funds:
        report.performance_funds.append(
            PerformanceFund(
                project_name=evaluation.name,
                fund_source=fund.fund_source,
                evidence=Evidence.of(document, fund.cell, " ".join(c.text for c in fund.row)),
                budget_initial=fund.values.get("budget_initial"),
                budget_final=fund.values.get("budget_final"),
                executed=fund.values.get("executed"),
                execution_rate_declared=fund.values.get("execution_rate_declared"),
                weight=fund.values.get("weight"),
                score=fund.values.get("score"),
            )
        )
    for line in [*evaluation.indicators, *evaluation.scored]:
        report.performance_indicators.append(
            PerformanceIndicator(
                project_name=evaluation.name,
                evidence=Evidence.of(document, line.cell, " ".join(c.text for c in line.row)),
                level1=line.level1,
                level2=line.level2,
                level3=line.level3,
                target_text=line.target_text,
                actual_text=line.actual_text,
                target_value=line.target_value,
                actual_value=line.actual_value,
                value_unit=line.value_unit,
                comparator=line.comparator,
                weight=line.weight,
                score=line.score,
                deviation_reason=line.deviation_reason,
                completion_pct_declared=line.completion_pct_declared,
            )
        )


def _project_evidence(document: Document, evaluation: _Evaluation) -> Evidence:
    """The line printing the project's figures: its total fund line (budget, execution), else the line
    of its score; the name's cell only when the table states neither."""
    header = evaluation.header
    if header.funds:
        total = header.funds[0]
        return Evidence.of(document, total.cell, _row_text(total.row))
    if evaluation.score_row:
        return Evidence.of(document, evaluation.score_row[0], _row_text(evaluation.score_row))
    return Evidence.of(document, evaluation.anchor, _snippet(evaluation))


def _row_text(row: Row) -> str:
    return " ".join(c.text for c in row)


def _snippet(evaluation: _Evaluation) -> str:
    title = evaluation.table.title or ""
    code = f"（{evaluation.header.code}）" if evaluation.header.code else ""
    return f"{title} {evaluation.name}{code}".strip()
