"""Run the whole pipeline on a report text the test writes, and look up what it extracted."""

from __future__ import annotations

from pathlib import Path

from budget_reports.facts import ExpenditureLine, ExtractedReport, SummaryMetric
from budget_reports.ingest import RawFile, file_sha256, process_file


def extract_text(tmp_path: Path, text: str, name: str = "report.txt") -> ExtractedReport:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return process_file(RawFile(path, name, file_sha256(path), path.stat().st_size))


def extract_file(path: Path) -> ExtractedReport:
    return process_file(RawFile(path, path.name, file_sha256(path), path.stat().st_size))


def metric(result: ExtractedReport, name: str, scope: str | None = None) -> SummaryMetric:
    found = [m for m in result.summary_metrics if m.metric == name and m.scope == scope]
    assert len(found) == 1, f"{name} ({scope}): {len(found)} rows in {[m.metric for m in result.summary_metrics]}"
    return found[0]


def metric_names(result: ExtractedReport) -> set[str]:
    return {m.metric for m in result.summary_metrics}


def line(result: ExtractedReport, name: str) -> ExpenditureLine:
    found = [x for x in result.expenditure_function if x.name_as_written == name]
    assert len(found) == 1, f"{name}: {[x.name_as_written for x in result.expenditure_function]}"
    return found[0]


# A minimal 决算情况说明 in the Sichuan layout, for tests that vary one sentence.
HEADER = (
    "第一部分 部门概况\n二、机构设置\n"
    "测试局下属二级单位两个，其中行政单位1个，其他事业单位一个。\n"
    "第二部分 2022年度部门决算情况说明\n"
)
