"""What every prose family works with: the passages, the report's regions, and the fact collectors.

The same figure is often stated in several sections (the 三公 total in the overview and again in
its details; 一般公共预算财政拨款支出 in three sub-sections). Collectors keep one row per metric and
scope: a restatement that agrees adds what it states (a completion rate, a share); a restatement
that disagrees is kept as its own row, scoped by the section it was read in, so validation sees it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from typing import Any

from budget_reports.extract.prose.sentences import Passage, passages
from budget_reports.facts import (
    EconomicLine,
    ExpenditureLine,
    ExtractedReport,
    IncomeLine,
    PerformanceProject,
    SourceKind,
)
from budget_reports.facts import SummaryMetric as Metric
from budget_reports.metric_names import income_source
from budget_reports.model import SNIPPET_MAX_CHARS, Document, Evidence
from budget_reports.numbering import CHINESE_COMMA, CHINESE_DOT, PART, Enumerators
from budget_reports.stages import is_budget_report

_METRIC_ATTRS = (
    "budget_value",
    "prior_year_value",
    "change_value",
    "change_pct_declared",
    "completion_pct_declared",
    "share_pct_declared",
)


# A clause still holding template placeholders (上海市XX局, XXX万元) states nothing about this report.
_TEMPLATE = re.compile(r"[XＸ]{2,}|×{2,}")
# A chapter's heading (第一部分, 一、, 一.): where a budget's sections and a fund's explanation end.
CHAPTER_HEADING = Enumerators(PART, CHINESE_COMMA, CHINESE_DOT)


def _is_template(evidence: Evidence) -> bool:
    return _TEMPLATE.search(evidence.snippet) is not None


def _project_stem(name: str) -> str:
    return re.sub(r"(?:专项)?(?:经费|资金)?(?:项目)?$", "", name)


# The figure a row is about (a project's payment): the line citing it must print it, whatever else it prints.
_MAIN_FIGURES = ("value", "amount", "actual", "executed")
# Figures restated this many lines from the cited one join its snippet (三公 details follow their overview).
_NEARBY_LINES = 12


@dataclass
class _Row:
    key: tuple[Any, ...]
    values: dict[str, Any]
    # Per cited place (file, page, line): its snippet (clauses of the line joined) and the figures it states.
    places: dict[tuple[Any, ...], tuple[Evidence, set[str]]] = field(default_factory=dict)

    def state(self, evidence: Evidence, stated: set[str]) -> None:
        """Record where figures were stated; the row cites the line stating the most of them (the main
        figure among them), and restatements on nearby lines join its snippet."""
        place = _place(evidence)
        if place in self.places:
            known, figures = self.places[place]
            if stated - figures:
                self.places[place] = (_joined(known, evidence), figures | stated)
        else:
            self.places[place] = (evidence, set(stated))
        main = next((k for k in _MAIN_FIGURES if self.values.get(k) is not None), None)
        current = self.values.get("evidence")
        current_place = None if current is None else _place(current)
        candidates = [p for p, (_, figures) in self.places.items() if main is None or main in figures]
        if not candidates:
            return
        # The current place wins a tie: a restatement moves the evidence only by printing more figures.
        best = max(candidates, key=lambda p: (len(self.places[p][1]), p == current_place))
        chosen, shown = self.places[best]
        for place, (other, figures) in sorted(self.places.items(), key=lambda item: item[0][2] or 0):
            if place != best and figures - shown:
                joined = _joined(chosen, other, reach=_NEARBY_LINES)
                if joined is not chosen:
                    chosen, shown = joined, shown | figures
        self.values["evidence"] = chosen


def _merge(rows: list[_Row], key: tuple[Any, ...], values: dict[str, Any]) -> bool:
    """Merge ``values`` into the row with ``key`` if nothing they state contradicts it."""
    for row in rows:
        if row.key != key:
            continue
        conflict = any(
            v is not None and row.values.get(k) is not None and row.values[k] != v
            for k, v in values.items()
            if k != "evidence"
        )
        if conflict:
            return False
        for k, v in values.items():
            if v is not None and row.values.get(k) is None:
                row.values[k] = v
        # A restatement that prints more of the row's figures (the share, the change, the completion of
        # the 三公 details) becomes the evidence; one on the same or a nearby line joins the snippet.
        if values.get("evidence") is not None:
            row.state(values["evidence"], _figures(values))
        return True
    row = _Row(key, dict(values))
    if values.get("evidence") is not None:
        row.places[_place(values["evidence"])] = (values["evidence"], _figures(values))
    rows.append(row)
    return True


def _figures(values: dict[str, Any]) -> set[str]:
    return {k for k, v in values.items() if isinstance(v, Decimal)}


def _place(evidence: Evidence) -> tuple[Any, ...]:
    return (evidence.source_file, evidence.page, evidence.line)


def _joined(first: Evidence, then: Evidence, reach: int = 0) -> Evidence:
    """``收、支总计609.89万元。`` then ``与2020年相比，收、支总计各增加4.24万元``: a restatement on the same line
    (or within ``reach`` lines) adding a figure joins the snippet (``…`` between), so it shows every figure
    of the row."""
    same_page = (first.source_file, first.page) == (then.source_file, then.page)
    near = first.line is not None and then.line is not None and abs(first.line - then.line) <= reach
    snippet = f"{first.snippet}…{then.snippet}"
    if not (same_page and near) or then.snippet in first.snippet or len(snippet) > SNIPPET_MAX_CHARS:
        return first
    return replace(first, snippet=snippet)


@dataclass
class ProseContext:
    document: Document
    result: ExtractedReport
    passages: list[Passage]
    _metrics: list[_Row] = field(default_factory=list)
    _income: list[_Row] = field(default_factory=list)
    _lines: list[_Row] = field(default_factory=list)
    _projects: list[_Row] = field(default_factory=list)
    _economic: list[_Row] = field(default_factory=list)

    @classmethod
    def of(cls, document: Document, result: ExtractedReport) -> ProseContext:
        return cls(document, result, passages(document))

    @property
    def money_unit(self) -> str:
        return self.result.report.money_unit or "万元"

    def evidence(self, passage: Passage, position: int, end: int | None = None) -> Evidence:
        return passage.evidence(self.document, position, end)

    # --- regions -------------------------------------------------------------------------------
    def explanation(self) -> list[Passage]:
        """Passages of the 决算情况说明 part (all prose before 名词解释 when the parts are unmarked); in a
        budget report, every section's prose but the glossary's, up to the attachments."""
        if is_budget_report(self.result.report.report_kind):
            return self._budget_explanation()
        marked = [p for p in self.passages if "决算情况" in p.part and "部分" in p.part]
        if marked:
            return [p for p in marked if not p.heading]
        chosen = []
        for p in self.passages:
            if p.heading and ("名词解释" in p.text or p.text.startswith(("附件", "附表"))):
                break
            if not p.heading:
                chosen.append(p)
        return chosen

    def _budget_explanation(self) -> list[Passage]:
        # A budget prints its 名词解释 before the 预算编制说明 and the other sections that state figures.
        chosen: list[Passage] = []
        glossary = False
        for p in self.passages:
            if p.heading:
                if p.text.startswith(("附件", "附表")):
                    break
                if "名词解释" in p.text:
                    glossary = True
                elif CHAPTER_HEADING.opens(p.text):
                    glossary = False
            elif not glossary:
                chosen.append(p)
        return chosen

    def profile(self) -> list[Passage]:
        """Passages of the 部门概况 part (before the 决算情况说明 part)."""
        chosen = []
        for p in self.passages:
            if "决算情况" in p.part or "名词解释" in p.part or p.part.startswith(("附件", "附表")):
                break
            if "附件" in p.part and "部分" in p.part:
                break
            if not p.heading:
                chosen.append(p)
        return chosen

    # --- collectors ----------------------------------------------------------------------------
    def metric(
        self,
        metric: str,
        value: Decimal | None,
        evidence: Evidence,
        *,
        unit: str = "万元",
        scope: str | None = None,
        section: str | None = None,
        **attrs: Decimal | None,
    ) -> None:
        """Record a figure; ``section`` scopes it only if it contradicts an earlier statement."""
        unknown = set(attrs) - set(_METRIC_ATTRS)
        if unknown:
            raise TypeError(f"unknown metric attributes: {sorted(unknown)}")
        if _is_template(evidence):
            return
        values: dict[str, Any] = {"value": value, "unit": unit, "evidence": evidence, **attrs}
        if _merge(self._metrics, (metric, scope), values):
            return
        if section is not None and section != scope:
            _merge(self._metrics, (metric, section), values)

    def income(
        self,
        source: str,
        amount: Decimal | None,
        evidence: Evidence,
        share: Decimal | None = None,
        section: str | None = None,
    ) -> None:
        """Record an income source; a restatement that contradicts it is kept, scoped by ``section``."""
        if _is_template(evidence):
            return
        values = {"amount": amount, "share_pct_declared": share, "evidence": evidence}
        source = income_source(source)  # 003: 政府性基金财政拨款收入 is the contract's source name
        if not _merge(self._income, (source, None), values) and section is not None:
            _merge(self._income, (source, section), values)

    def line(self, fund_type: str, level: str, name: str, evidence: Evidence, **values: Any) -> None:
        if _is_template(evidence):
            return
        _merge(self._lines, (fund_type, level, name), {"evidence": evidence, **values})

    def economic(self, name: str, group: str, amount: Decimal, evidence: Evidence) -> None:
        if not _is_template(evidence):
            _merge(self._economic, (name,), {"group": group, "amount": amount, "evidence": evidence})

    def project(self, name: str, scope: str, evidence: Evidence, **values: Any) -> None:
        """Record an evaluated project; the same project written 干部…基金经费 and 干部…基金项目 is one row."""
        if _is_template(evidence):
            return
        stem = _project_stem(name)
        key = next((r.key for r in self._projects if r.key[1] == scope and _project_stem(r.key[0]) == stem), None)
        _merge(self._projects, key or (name, scope), {"evidence": evidence, **values})

    def flush(self) -> None:
        """Hand the collected rows to the report."""
        for row in self._metrics:
            metric, scope = row.key
            self.result.summary_metrics.append(
                Metric(metric=metric, scope=scope, source_kind=SourceKind.NARRATIVE, **row.values)
            )
        for row in self._income:
            source, scope = row.key
            self.result.income.append(
                IncomeLine(source=source, scope=scope, source_kind=SourceKind.NARRATIVE, **row.values)
            )
        for row in self._lines:
            fund_type, level, name = row.key
            self.result.expenditure_function.append(
                ExpenditureLine(
                    fund_type=fund_type,
                    level=level,
                    name_as_written=name,
                    source_kind=SourceKind.NARRATIVE,
                    **row.values,
                )
            )
        for row in self._economic:
            self.result.expenditure_economic.append(
                EconomicLine(code=None, name=row.key[0], source_kind=SourceKind.NARRATIVE, **row.values)
            )
        # A project the prose reports on (an attached 项目绩效自评报告, a score in 预算绩效管理) is often
        # also a row of the performance tables. The two stay separate rows told apart by source_kind
        # (narrative here, table there; the table row also names its source_table), as summary_metrics
        # keeps a prose figure and a table figure: each keeps its own evidence and the values as its
        # source prints them, and a row stated only in prose (a grade, a score) is not lost to a merge.
        project_fields = {f.name for f in fields(PerformanceProject)}
        for row in self._projects:
            name, scope = row.key
            values = {k: v for k, v in row.values.items() if k in project_fields}
            self.result.performance_projects.append(
                PerformanceProject(project_name=name, scope=scope, source_kind=SourceKind.NARRATIVE, **values)
            )
