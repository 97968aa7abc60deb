"""Which statement of a metric a rule should compare with another.

A report may state a metric several times, with different meanings (基本支出 of all funds in
三、支出决算, 基本支出 of 一般公共预算财政拨款 in 六、), while the prose extractor keeps one row for
statements that agree. So a total is paired with its parts within one source (prose or tables) and
one top-level section, the statement nearest before them; failing that, and only when the part
itself is stated once, with the report's only statement of the total, which leaves no doubt.
"""

from __future__ import annotations

from collections import defaultdict

from budget_reports.facts import ExtractedReport, SourceKind, SummaryMetric
from budget_reports.model import Evidence
from budget_reports.rules.sections import Sections, nearest_before, position


class MetricIndex:
    def __init__(self, report: ExtractedReport, sections: Sections) -> None:
        self.sections = sections
        self._by_name: dict[tuple[SourceKind, str], list[SummaryMetric]] = defaultdict(list)
        for metric in report.summary_metrics:
            if metric.value is not None:
                self._by_name[(metric.source_kind, metric.metric)].append(metric)

    def statements(self, kind: SourceKind, name: str) -> list[SummaryMetric]:
        return self._by_name.get((kind, name), [])

    def names(self, kind: SourceKind) -> list[str]:
        return [name for k, name in self._by_name if k is kind]

    def is_unique(self, metric: SummaryMetric) -> bool:
        return len(self.statements(metric.source_kind, metric.metric)) == 1

    def _candidates(self, kind: SourceKind, name: str, anchor: Evidence, elsewhere: bool) -> list[SummaryMetric]:
        everywhere = self.statements(kind, name)
        section = self.sections.of(anchor)
        here = [s for s in everywhere if self.sections.of(s.evidence) == section]
        return here or (everywhere if elsewhere and len(everywhere) == 1 else [])

    def total_for(self, kind: SourceKind, name: str, anchor: Evidence, elsewhere: bool = True) -> SummaryMetric | None:
        """The statement of ``name`` a part stated at ``anchor`` belongs to (``……万元，其中：``).
        ``elsewhere``: whether a total stated once in another section will do."""
        return nearest_before(self._candidates(kind, name, anchor, elsewhere), anchor)

    def sibling(self, kind: SourceKind, name: str, anchor: Evidence, elsewhere: bool = True) -> SummaryMetric | None:
        """The statement of ``name`` closest to ``anchor``: a part listed beside another."""
        candidates = self._candidates(kind, name, anchor, elsewhere)
        if not candidates:
            return None
        page, line = position(anchor)
        return min(candidates, key=lambda c: (abs(position(c.evidence)[0] - page), abs(position(c.evidence)[1] - line)))
