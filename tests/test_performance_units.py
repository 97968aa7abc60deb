"""A self-evaluation table whose money is in 元: every amount converted to 万元 exactly."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

from budget_reports.extract.performance import extract_performance
from budget_reports.facts import ExtractedReport, ParseStatus, ReportInfo
from budget_reports.readers import read_document

# Word's text export: one cell per line after a TAB, rows separated by blank lines.
_ROWS = [
    ["项目支出绩效自评表"],
    ["项目名称", "会议保障经费"],
    ["主管部门", "某某局", "实施单位", "某某局"],
    ["项目资金（元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率"],
    ["", "年度资金总额", "350000", "350000.00", "149974.40", "42.85%"],
    ["", "其他资金", "", "", "", ""],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "偏差原因分析及改进措施"],
    ["", "产出指标", "数量指标", "召开会议", "≥4次", "4次", ""],
    ["", "", "", "会议经费", "≤35万元", "14.997440万元", "节约开支"],
]


def _write(path: Path) -> None:
    lines = ["说明文字。"]
    for row in _ROWS:
        lines.extend("\t" + cell for cell in row)
        lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_amounts_in_yuan_become_wanyuan_exactly(tmp_path: Path) -> None:
    source = tmp_path / "yuan.txt"
    _write(source)
    report = ExtractedReport(ReportInfo("x", "x", "-", "text", ParseStatus.OK, "t", datetime(2026, 1, 1), 0))
    extract_performance(read_document(source, "yuan.txt"), report)
    (project,) = report.performance_projects
    assert (project.project_name, project.source_table) == ("会议保障经费", "项目支出绩效自评表")
    assert (project.budget_initial, project.budget_final) == (Decimal("35"), Decimal("35"))
    assert project.executed == Decimal("14.99744")  # 149974.40 元, not a fen lost
    assert project.execution_rate_declared == Decimal("42.85")
    assert [(f.fund_source, f.executed) for f in report.performance_funds] == [
        ("年度资金总额", Decimal("14.99744")),
        ("其他资金", None),
    ]
    first, second = report.performance_indicators
    assert (first.level1, first.level2, first.comparator, first.target_value) == ("产出指标", "数量指标", "≥", 4)
    assert (second.level1, second.level2, second.deviation_reason) == ("产出指标", "数量指标", "节约开支")
    assert second.evidence.line is not None and second.evidence.snippet.startswith("会议经费")
