"""Run the whole pipeline on a report text the test writes, and look up what the prose stated.

The pipeline runs every extractor, so a report's facts come from its prose and its tables side by
side; the lookups here select the narrative rows (source_kind narrative), which is what prose tests
are about. A table row of the same metric or project is a separate row, told apart by source_kind.
"""

from __future__ import annotations

from pathlib import Path

from budget_reports.facts import (
    EconomicLine,
    ExpenditureLine,
    ExtractedReport,
    PerformanceProject,
    SourceKind,
    SummaryMetric,
)
from budget_reports.file_hashes import file_sha256
from budget_reports.ingest import RawFile, process_file


def extract_text(tmp_path: Path, text: str, name: str = "report.txt") -> ExtractedReport:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return process_file(RawFile(path, name, file_sha256(path), path.stat().st_size))


def extract_file(path: Path) -> ExtractedReport:
    return process_file(RawFile(path, path.name, file_sha256(path), path.stat().st_size))


def metrics(result: ExtractedReport) -> list[SummaryMetric]:
    return [m for m in result.summary_metrics if m.source_kind == SourceKind.NARRATIVE]


def metric(result: ExtractedReport, name: str, scope: str | None = None) -> SummaryMetric:
    found = [m for m in metrics(result) if m.metric == name and m.scope == scope]
    assert len(found) == 1, f"{name} ({scope}): {len(found)} rows in {[m.metric for m in metrics(result)]}"
    return found[0]


def metric_names(result: ExtractedReport) -> set[str]:
    return {m.metric for m in metrics(result)}


def lines(result: ExtractedReport) -> list[ExpenditureLine]:
    return [x for x in result.expenditure_function if x.source_kind == SourceKind.NARRATIVE]


def line(result: ExtractedReport, name: str) -> ExpenditureLine:
    found = [x for x in lines(result) if x.name_as_written == name]
    assert len(found) == 1, f"{name}: {[x.name_as_written for x in lines(result)]}"
    return found[0]


def economic_lines(result: ExtractedReport) -> list[EconomicLine]:
    return [e for e in result.expenditure_economic if e.source_kind == SourceKind.NARRATIVE]


def projects(result: ExtractedReport) -> list[PerformanceProject]:
    return [p for p in result.performance_projects if p.source_kind == SourceKind.NARRATIVE]


# A minimal 决算情况说明 in the Sichuan layout, for tests that vary one sentence.
HEADER = (
    "第一部分 部门概况\n二、机构设置\n"
    "测试局下属二级单位两个，其中行政单位1个，其他事业单位一个。\n"
    "第二部分 2022年度部门决算情况说明\n"
)
