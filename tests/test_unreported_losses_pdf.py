"""No table line lost without a report: a corpus report printed another way (its tables' 合计 row
moved from last to first or first to last, its names wrapped in narrow cells, its overviews printed
as the national forms print them, 项目 | 行次 | 金额) and read back from each text written one row
per line gives every table fact of the report either as printed or reported (a figure
``extraction.ambiguous_cell``, a table reported not read), never dropped, and no fact the report
does not print.

The variants are the corpus reports typeset from their document models (``tests/seed_pdf.py``) with
their tables' grids changed, so no figure is typed here.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from budget_reports.gold import canonical, extract_frames
from budget_reports.normalize import display_width
from budget_reports.text_serializations import write_serialization
from tests.conftest import corpus_file
from tests.printed_variants import (
    BUDGET,
    FINAL,
    Grid,
    header_rows,
    is_money,
    national_overviews,
    printed_variants,
    wrapped_names,
)
from tests.serialization_facts import KEYS, VIEWS, _by_key, _figure, facts, measured

Frames = dict[str, pl.DataFrame]
_TOTALS = ("合计", "总计")


def _total_moved(grid: Grid) -> Grid:
    """The body's one 合计 (总计) row printing figures moved from last to first, or from first to
    last; a table printing it elsewhere, or several, as it is."""
    header = header_rows(grid)
    totals = [r for r in range(header, len(grid)) if any(x in _TOTALS for x in grid[r]) and any(map(is_money, grid[r]))]
    if len(totals) != 1 or totals[0] not in (header, len(grid) - 1):
        return grid
    total = grid[totals[0]]
    rest = [row for r, row in enumerate(grid[header:], start=header) if r != totals[0]]
    moved = [total, *rest] if totals[0] == len(grid) - 1 else [*rest, total]
    return [*grid[:header], *moved]


VARIANTS: dict[str, Callable[[Grid], Grid]] = {
    "total-moved": _total_moved,
    "wrapped-names": wrapped_names,
    "national-overviews": national_overviews,
}
ONE_ROW_PER_LINE = ("pdftotext-raw", "pypdfium2", "pdfplumber", "pdftotext-layout")


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], Path]:
    return printed_variants(tmp_path_factory, VARIANTS)


def _reported(frames: Frames) -> set[str]:
    """The figures the read reports ambiguous, as printed (in the report's unit) and in 万元."""
    findings = frames["dq_findings"].filter(pl.col("rule_id") == "extraction.ambiguous_cell")
    printed = {_figure(value) for value in findings["actual"].to_list() if value}
    return printed | {canonical(Decimal(f) / 10_000) for f in printed if f.lstrip("-").replace(".", "").isdigit()}


def _not_read(frames: Frames) -> str:
    """The tables the read reports not read (their messages, joined)."""
    return "；".join(m for m in frames["reports"]["error_message"].to_list() if m)


def unreported_losses(truth: Frames, got: Frames) -> list[str]:
    """Each table fact of ``truth`` (its line, or a value of its line) that ``got`` neither gives nor
    reports: its figure reported ambiguous, or its table reported not read."""
    reported, not_read = _reported(got), _not_read(got)
    losses = []
    for view in VIEWS:
        amounts = {column for column, kind in truth[view].schema.items() if isinstance(kind, pl.Decimal)}
        have = _by_key(got[view], view)
        for key, row in _by_key(truth[view], view).items():
            table = row.get("source_table") or ""
            if table and table in not_read:
                continue
            read = have.get(key, {})
            lost = [
                f"{column}={value}"
                for column, value in row.items()
                if value and column in amounts and column not in KEYS[view] and not read.get(column)
            ]
            if any(value.split("=", 1)[1] not in reported for value in lost):
                losses.append(f"{view} {key}: {', '.join(lost)}{'' if read else ' (line missing)'}")
    return losses


def _not_in_report(truth: Frames, got: Frames) -> dict[str, int]:
    return {
        view: extra for view, (_, _, extra) in measured(facts(truth), facts(got)).items() if extra and "/table" in view
    }


@pytest.fixture(scope="module")
def truth() -> Callable[[str], Frames]:
    frames: dict[str, Frames] = {}

    def of(report: str) -> Frames:
        if report not in frames:
            frames[report] = extract_frames(corpus_file(report), report)
        return frames[report]

    return of


# (report, variant, serializer) -> what still goes wrong there, and in which module.
KNOWN: dict[tuple[str, str, str], str] = {}
CASES = [
    pytest.param(report, variant, serializer, marks=pytest.mark.xfail(strict=True, reason=KNOWN[key]))
    if (key := (report, variant, serializer)) in KNOWN
    else (report, variant, serializer)
    for report in (BUDGET, FINAL)
    for variant in VARIANTS
    for serializer in ONE_ROW_PER_LINE
]


@pytest.mark.parametrize(("report", "variant", "serializer"), CASES)
def test_every_fact_is_read_or_reported(
    printed: Callable[[str, str], Path],
    truth: Callable[[str], Frames],
    tmp_path: Path,
    report: str,
    variant: str,
    serializer: str,
) -> None:
    got = extract_frames(write_serialization(printed(report, variant), serializer, tmp_path), report)
    assert unreported_losses(truth(report), got) == []
    assert _not_in_report(truth(report), got) == {}


def test_a_laid_out_row_without_its_label_has_its_figures_reported(
    truth: Callable[[str], Frames], tmp_path: Path
) -> None:
    """The safety net (``readers/unplaced_figures.py``): the final account's -layout text with one
    overview row's label blanked out (``年初结转和结余  49.14`` printed without its words, as a label
    an extractor drops leaves it) has no row to take 49.14; the figure is reported, never dropped."""
    text = write_serialization(corpus_file(FINAL), "pdftotext-layout", tmp_path).read_text(encoding="utf-8")
    label = "年初结转和结余"
    [line] = [line for line in text.splitlines() if label in line and "49.14" in line]
    blanked = line.replace(label, " " * display_width(label), 1)
    changed = tmp_path / "final-label-dropped.txt"
    changed.write_text(text.replace(line, blanked), encoding="utf-8")
    got = extract_frames(changed, FINAL)
    assert "49.14" in _reported(got)
    assert _not_in_report(truth(FINAL), got) == {}
