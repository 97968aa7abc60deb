"""Summary metrics grouped the way a report states them: by source (prose or table), scope and section."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from budget_reports.facts import ExtractedReport, SummaryMetric
from budget_reports.model import Evidence
from budget_reports.rules.sections import Sections, nearest_before, position

GroupKey = tuple[object, str | None, int]


def metric_groups(report: ExtractedReport, sections: Sections) -> dict[GroupKey, dict[str, list[SummaryMetric]]]:
    """(source kind, scope, section) -> metric name -> its statements in document order."""
    groups: dict[GroupKey, dict[str, list[SummaryMetric]]] = defaultdict(lambda: defaultdict(list))
    for metric in report.summary_metrics:
        key = (metric.source_kind, metric.scope, sections.of(metric.evidence))
        groups[key][metric.metric].append(metric)
    return groups


def nearest(candidates: Sequence[SummaryMetric], anchor: Evidence) -> SummaryMetric | None:
    """The statement closest to ``anchor`` (a part stated right before or after its sibling)."""
    if not candidates:
        return None
    page, line = position(anchor)
    return min(candidates, key=lambda c: (abs(position(c.evidence)[0] - page), abs(position(c.evidence)[1] - line)))


def total_for(candidates: Sequence[SummaryMetric], anchor: Evidence) -> SummaryMetric | None:
    """The total a part belongs to: stated last before it (``……万元，其中：``)."""
    return nearest_before(candidates, anchor)
