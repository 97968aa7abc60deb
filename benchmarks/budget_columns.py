"""Real reports given a 一般公共预算财政拨款支出决算表 that prints budget columns.

No report we hold prints 年初预算 / 调整预算 (全年预算) beside 决算 in a table, as many provinces' tables
do and the 2021+ national template does (年初预算数, 决算数). These reports are built from a real one:
its own text, unchanged, followed by that table written the way the report's serialization writes
tables (Word's text export: a TAB before each cell, rows separated by blank lines), one row per 项 the
prose describes plus its 款 and 类 (sums of the 项) and the 合计 row, with the figures the prose states.
Where the prose states a completion rate but not its budget (`支出决算为352.7万元，完成预算100%`), the
budget printed is the one that rate gives (决算 × 100 / rate, to 0.01 万元); a figure the prose gives
neither way is left blank.

The column layouts are data (``LAYOUTS``): each header as a real table prints it, and the field it holds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from benchmarks.injection import run_clean
from budget_reports import metric_names as names
from budget_reports.facts import ExpenditureLine, ExtractedReport, SourceKind
from budget_reports.rules.base import CENT, HUNDRED, fmt
from budget_reports.rules.metrics import FUND_TOTAL

TITLE = "一般公共预算财政拨款支出决算表"
UNIT = "单位：万元"


@dataclass(frozen=True, slots=True)
class ColumnLayout:
    """The money columns of one way of printing the table: (header as printed, field of the line)."""

    name: str
    columns: tuple[tuple[str, str], ...]


LAYOUTS: tuple[ColumnLayout, ...] = (
    # The 2021+ national template: 年初预算数 beside 决算数.
    ColumnLayout("national", (("年初预算数", "budget_initial"), ("决算数", "actual"))),
    # Provinces printing the adjusted budget between them.
    ColumnLayout("adjusted", (("年初预算", "budget_initial"), ("调整预算", "budget_final"), ("决算", "actual"))),
    # The full-year budget only.
    ColumnLayout("full-year", (("全年预算数", "budget_final"), ("支出决算数", "actual"))),
)


@dataclass(frozen=True, slots=True)
class Row:
    code: str
    name: str
    figures: dict[str, Decimal | None]


def with_budget_columns(path: Path, layout: ColumnLayout, folder: Path) -> Path | None:
    """The report at ``path`` with the table appended, written to ``folder``; None when its prose
    describes no 项 of the general budget by code."""
    report = run_clean(path)
    lines = _prose_items(report)
    if not lines:
        return None
    table = _render(_rows(report, lines, layout), layout)
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"{path.stem}.{layout.name}{path.suffix}"
    out.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + table, encoding="utf-8")
    return out


def _prose_lines(report: ExtractedReport) -> dict[str, ExpenditureLine]:
    """Code → the first prose line of the general budget with that code and a 决算数."""
    lines: dict[str, ExpenditureLine] = {}
    for line in report.expenditure_function:
        prose = line.source_kind is SourceKind.NARRATIVE and line.fund_type == names.GPB
        if prose and line.code and line.actual is not None:
            lines.setdefault(line.code, line)
    return lines


def _prose_items(report: ExtractedReport) -> list[ExpenditureLine]:
    return [line for code, line in _prose_lines(report).items() if len(code) == 7]


def _figure(line: ExpenditureLine, field: str) -> Decimal | None:
    value: Decimal | None = getattr(line, field)
    if value is not None or field == "actual":
        return value
    rate, actual = line.completion_pct_declared, line.actual
    if line.budget_initial is None and line.budget_final is None and rate and actual is not None:
        return (actual * HUNDRED / rate).quantize(CENT)  # the budget the stated rate gives
    return None


def _rows(report: ExtractedReport, lines: list[ExpenditureLine], layout: ColumnLayout) -> list[Row]:
    fields = [field for _, field in layout.columns]
    items = [Row(ln.code or "", ln.xiang_name or ln.name_as_written, _figures(ln, fields)) for ln in lines]
    parents: dict[str, str] = {}
    for ln in lines:
        parents.setdefault((ln.code or "")[:3], ln.class_name or "")
        parents.setdefault((ln.code or "")[:5], ln.kuan_name or "")
    stated = _prose_lines(report)
    for code in list(parents):
        kuan = [k for k in parents if len(k) == 5 and k.startswith(code)]
        if len(code) == 3 and len(kuan) == 1 and kuan[0] not in stated and code in stated:
            stated[kuan[0]] = stated[code]  # a 类's only 款 prints the 类's figures
    rows = [Row(code, name, _stated_or_sum(stated.get(code), items, code, fields)) for code, name in parents.items()]
    rows += items
    rows.sort(key=lambda r: r.code)
    total = _sums(items, "", fields)
    said = [m.value for m in report.summary_metrics if m.metric == FUND_TOTAL[names.GPB] and m.scope is None]
    if said and said[0] is not None:
        total["actual"] = said[0]
    return [*rows, Row("合计", "", total)]


def _figures(line: ExpenditureLine, fields: list[str]) -> dict[str, Decimal | None]:
    return {field: _figure(line, field) for field in fields}


def _stated_or_sum(
    line: ExpenditureLine | None, items: list[Row], code: str, fields: list[str]
) -> dict[str, Decimal | None]:
    summed = _sums(items, code, fields)
    if line is None:
        return summed
    own = _figures(line, fields)
    return {field: own[field] if own[field] is not None else summed[field] for field in fields}


def _sums(items: list[Row], prefix: str, fields: list[str]) -> dict[str, Decimal | None]:
    sums: dict[str, Decimal | None] = defaultdict(lambda: Decimal(0))
    for row in items:
        if not row.code.startswith(prefix):
            continue
        for field in fields:
            value, total = row.figures[field], sums[field]
            sums[field] = None if value is None or total is None else total + value
    return {field: sums[field] for field in fields}


def _render(rows: list[Row], layout: ColumnLayout) -> str:
    header = ["科目编码", "科目名称", *(h for h, _ in layout.columns)]
    grid = [header] + [
        [row.code if row.code != "合计" else "合计", row.name, *(_cell(row.figures[f]) for _, f in layout.columns)]
        for row in rows
    ]
    cells = "\n\n".join("\n".join(f"\t{cell}" for cell in grid_row) for grid_row in grid)
    return f"{TITLE}\n{UNIT}\n{cells}\n"


def _cell(value: Decimal | None) -> str:
    return "" if value is None else fmt(value)
