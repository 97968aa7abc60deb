"""Comparing the facts two forms of one report give (a PDF and a text extracted from it, a text
and the PDF typeset from it): view by view, value by value in both directions, table and
narrative facts apart, the differences listed per view.

Report identity (department, year) is the identity tests' business, and evidence (page, line,
snippet, a figure's box) differs between forms by nature: neither is compared.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal, InvalidOperation

import polars as pl

from budget_reports.extract.standard_tables import read_tables
from budget_reports.gold import canonical
from budget_reports.model import Document

VIEWS = ("summary_metrics", "income", "expenditure_function", "expenditure_economic")
PERFORMANCE_VIEWS = ("performance_projects", "performance_funds", "performance_indicators")
NOT_COMPARED = {"report_id", "fiscal_year", "department", "source_file", "page", "line", "snippet"} | {
    *(f"evidence_bbox_{edge}" for edge in ("x0", "y0", "x1", "y1")),
    "evidence_page_width",
    "evidence_page_height",
}
KINDS = ("table", "narrative")
# What names one fact of a view (its values are the other columns).
KEYS = {
    "summary_metrics": ("metric", "scope"),
    "income": ("source", "scope"),
    "expenditure_function": ("fund_type", "source_table", "code", "name_as_written"),
    "expenditure_economic": ("fund_type", "code"),
    "performance_projects": ("project_name", "scope", "source_table"),
    "performance_funds": ("project_name", "fund_source"),
    "performance_indicators": ("project_name", "level1", "level2", "level3"),
}

Facts = dict[str, Counter]  # "view/kind" (or "view" for a view without source_kind) -> rows


def facts(frames: dict[str, pl.DataFrame], views: tuple[str, ...] = VIEWS) -> Facts:
    """The compared rows of each view, table and narrative facts apart."""
    out: Facts = {}
    for view in views:
        frame = frames[view]
        columns = [c for c in frame.columns if c not in NOT_COMPARED]
        parts = (
            {f"{view}/{kind}": frame.filter(pl.col("source_kind") == kind) for kind in KINDS}
            if "source_kind" in frame.columns
            else {view: frame}
        )
        for name, rows in parts.items():
            out[name] = Counter(
                tuple(zip(columns, map(canonical, r), strict=True)) for r in rows.select(columns).iter_rows()
            )
    return out


def differences(expected: Counter, got: Counter, expected_from: str = "the PDF", got_from: str = "the text") -> str:
    def shown(row: tuple) -> str:
        return str({column: value for column, value in row if value and column != "source_kind"})

    lines = [f"    only in {expected_from}: {shown(r)}" for r in sorted((expected - got).elements())]
    lines += [f"    only in {got_from}: {shown(r)}" for r in sorted((got - expected).elements())]
    return "\n".join(lines)


def measured(expected: Facts, got: Facts) -> dict[str, tuple[int, int, int]]:
    """Per view: (facts matched, facts expected, facts not expected)."""
    return {
        name: (sum((wanted & got[name]).values()), sum(wanted.values()), sum((got[name] - wanted).values()))
        for name, wanted in expected.items()
    }


def table_facts_not_in_report(expected: Facts, got: Facts) -> dict[str, int]:
    """Per table view, the facts read that the report does not give (a figure in a wrong row or
    column, a wrong code or name)."""
    return {view: extra for view, (_, _, extra) in measured(expected, got).items() if extra and view.endswith("/table")}


def table_facts_matched(expected: Facts, got: Facts) -> int:
    """How many table facts read are the report's."""
    return sum(matched for view, (matched, _, _) in measured(expected, got).items() if view.endswith("/table"))


def shortfalls(
    expected: Facts,
    got: Facts,
    pins: dict[str, tuple[int, int]],
    expected_from: str = "the PDF",
    got_from: str = "the text",
) -> list[str]:
    """Each view that matches fewer facts than pinned (all, unless pinned) or has more facts that
    are not expected, with its differences."""
    failures = []
    for name, (matched, total, extra) in measured(expected, got).items():
        least, most = pins.get(name, (total, 0))
        if matched < least or extra > most:
            failures.append(
                f"{name}: {matched}/{total} matched (pinned {least}), {extra} not in {expected_from} (pinned {most})\n"
                + differences(expected[name], got[name], expected_from, got_from)
            )
    return failures


def _by_key(frame: pl.DataFrame, view: str) -> dict[tuple[str, ...], dict[str, str]]:
    """The view's table facts by their key; a key two facts share names neither."""
    key = KEYS[view]
    columns = [c for c in frame.columns if c not in NOT_COMPARED]
    if "source_kind" in frame.columns:
        frame = frame.filter(pl.col("source_kind") == "table")
    rows: dict[tuple[str, ...], dict[str, str]] = {}
    shared: set[tuple[str, ...]] = set()
    for row in frame.select(columns).iter_rows(named=True):
        name = tuple(canonical(row[k]) for k in key)
        if name in rows:
            shared.add(name)
        rows[name] = {c: canonical(v) for c, v in row.items()}
    return {name: row for name, row in rows.items() if name not in shared}


def _figure(text: str) -> str:
    """A printed figure in canonical form (``1,511.89`` -> ``1511.89``, ``87.00%`` -> ``87``,
    ``416.39万元`` -> ``416.39``); other text as it is."""
    try:
        return canonical(Decimal(text.replace(",", "").removesuffix("万元").removesuffix("%").removesuffix("％")))
    except InvalidOperation:
        return text


def _figure_forms(text: str) -> set[str]:
    """A reported figure as the views may hold it: as printed, and a whole number printed in 元 (a
    table in 元 prints ``6103096``) in 万元 too (``610.3096``)."""
    figure = _figure(text)
    return {figure, canonical(Decimal(figure) / 10_000)} if figure.isdigit() else {figure}


def guessed_figures(
    truth: dict[str, pl.DataFrame], text: dict[str, pl.DataFrame], views: tuple[str, ...] = VIEWS
) -> tuple[list[str], list[str]]:
    """Table facts of ``text`` that contradict ``truth``'s fact of the same line wherever both have
    a value, and values ``text`` leaves NULL where ``truth`` has one without reporting them as an
    ambiguous cell (``extraction.ambiguous_cell``)."""
    findings = text["dq_findings"].filter(pl.col("rule_id") == "extraction.ambiguous_cell")
    reported = {form for value in findings["actual"].to_list() if value for form in _figure_forms(value)}
    contradictions, unreported = [], []
    for view in views:
        expected = _by_key(truth[view], view)
        for key, row in _by_key(text[view], view).items():
            if key not in expected:
                continue
            for column, value in row.items():
                true_value = expected[key][column]
                if value and true_value and value != true_value:
                    contradictions.append(f"{view} {key} {column}: text {value}, truth {true_value}")
                if not value and true_value and column not in KEYS[view] and true_value not in reported:
                    unreported.append(f"{view} {key} {column}: truth {true_value}")
    return contradictions, unreported


def function_lines(document: Document, title: str) -> dict[str, tuple[Decimal | None, Decimal | None, Decimal | None]]:
    """The function lines a document's table titled ``title`` gives: code -> (合计, 基本支出, 项目支出)."""
    return {
        x.code: (x.budget_initial, x.basic, x.project)
        for x in read_tables(document).expenditure_function
        if x.code and x.source_table == title
    }
