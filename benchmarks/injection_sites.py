"""Where each family of errors can be injected in a report, found from its clean extraction.

Each family lists the places a real report prints the thing the family breaks (a part of a sum, a
figure stated in prose and in a table, a direction word between two figures, a base a rate is
computed on, an economic 三公 line, a classification name), and what the change is. The place is
the printed figure's page and line; the change is drawn from a seeded random generator.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from benchmarks.injection import Site
from benchmarks.injection_places import (
    economic_related,
    line_related,
    line_text,
    metric_related,
    paragraph_end,
    printed,
    shifted,
)
from budget_reports.facts import ExtractedReport, SourceKind, SummaryMetric
from budget_reports.metric_names import SHARE_OF
from budget_reports.model import Cell, Document, Evidence
from budget_reports.rules.base import fmt
from budget_reports.rules.grouping import MetricIndex
from budget_reports.rules.hierarchy import display_name
from budget_reports.rules.metrics import SUMS
from budget_reports.rules.sections import Sections
from budget_reports.rules.three_public import ECONOMIC_THREE_PUBLIC, three_public_item
from budget_reports.rules.wording import OPPOSITE, UP_WORDS

# Outdated names of 类 and the names that replaced them (the report year is after the change).
OUTDATED_NAMES = {"卫生健康支出": "医疗卫生与计划生育支出", "巩固脱贫攻坚成果衔接乡村振兴": "扶贫"}
# A changed part of a sum is reported by the sum; when the report states the part twice and the sum
# pairs with the other statement, by the contradiction between the two statements.
SUM_RULES = ("sum.", "consistency.")


# --- the families ------------------------------------------------------------------------------

SiteFinder = Callable[[ExtractedReport, Document, random.Random], Iterator[Site]]


_RAISES = 8  # amounts tried per economic 三公 line (reports print few such lines)


def _delta(rng: random.Random) -> Decimal:
    return Decimal(rng.choice((1, 2, 3, 5, 8, 10, 20, 50)))


@dataclass(frozen=True, slots=True)
class Figure:
    """A printed figure a family may change: where it is, its value, what a finding about it may name."""

    evidence: Evidence
    value: Decimal | None
    related: frozenset[str]
    what: str


def _figure_sites(
    family: str, expect: tuple[str, ...], figures: Iterator[Figure], document: Document, rng: random.Random
) -> Iterator[Site]:
    """Each figure printed once on its line, raised by a drawn amount (printed the same way)."""
    for figure in figures:
        page, line = figure.evidence.page, figure.evidence.line
        text = line_text(document, page, line) if line is not None and figure.value is not None else None
        form = printed(figure.value, text) if text is not None and figure.value is not None else None
        if form is None or line is None:
            continue
        new = shifted(form, _delta(rng))
        what = f"{figure.what}: {form} → {new}"
        yield Site(family, page, line, form, new, expect, figure.related, what, paragraph_end(document, page, line))


def sum_parts(report: ExtractedReport, document: Document, rng: random.Random) -> Iterator[Site]:
    """A part of a printed sum changed beyond rounding: a 项/款 under a printed parent, an economic
    line under its class or group total, a metric that is a part of a stated total."""
    return _figure_sites("sum", SUM_RULES, _sum_parts(report), document, rng)


def _sum_parts(report: ExtractedReport) -> Iterator[Figure]:
    lines = [ln for ln in report.expenditure_function if ln.code and ln.actual is not None]
    for line in lines:
        code = line.code or ""
        same_table = [p for p in lines if (p.source_table, p.source_kind) == (line.source_table, line.source_kind)]
        if len(code) > 3 and any(p.code in (code[: len(code) - 2], code[:3]) for p in same_table):
            yield Figure(line.evidence, line.actual, line_related(line), f"{display_name(line)} 决算数")
    stated = {(m.source_kind, m.metric) for m in report.summary_metrics if m.value is not None}
    economic = report.expenditure_economic
    for econ in economic:
        has_class = any(o.code == (econ.code or "")[:3] for o in economic if o is not econ)
        if has_class or (econ.source_kind, econ.group) in stated:
            yield Figure(econ.evidence, econ.amount, economic_related(econ), f"{econ.code or ''}{econ.name}")
    for metric in report.summary_metrics:
        if metric.scope is not None:  # a restatement under a section's heading is not the part summed
            continue
        for total, required, optional in SUMS.values():
            kind = metric.source_kind
            summed = all((kind, r) in stated for r in required) and (kind, total) in stated
            if summed and metric.metric in required + optional:
                yield Figure(metric.evidence, metric.value, metric_related(metric.metric), metric.metric)


def prose_figures(report: ExtractedReport, document: Document, rng: random.Random) -> Iterator[Site]:
    """A figure of the prose that a table prints too (a classification line by code, a metric)."""
    return _figure_sites("prose_figure", ("consistency.prose_table", "sum."), _prose_figures(report), document, rng)


def _prose_figures(report: ExtractedReport) -> Iterator[Figure]:
    table_codes = {
        (ln.fund_type, ln.code)
        for ln in report.expenditure_function
        if ln.source_kind is SourceKind.TABLE and ln.code and ln.actual is not None
    }
    for line in report.expenditure_function:
        if line.source_kind is SourceKind.NARRATIVE and (line.fund_type, line.code) in table_codes:
            yield Figure(line.evidence, line.actual, line_related(line), f"文字 {display_name(line)}")
    tabled = {(m.metric, m.scope) for m in report.summary_metrics if m.source_kind is SourceKind.TABLE}
    for metric in report.summary_metrics:
        if metric.source_kind is SourceKind.NARRATIVE and (metric.metric, metric.scope) in tabled:
            yield Figure(metric.evidence, metric.value, metric_related(metric.metric), f"文字 {metric.metric}")


def table_figures(report: ExtractedReport, document: Document, rng: random.Random) -> Iterator[Site]:
    """A classification line of a table that another table prints too."""
    tables_of: dict[tuple, set] = {}
    for ln in report.expenditure_function:
        if ln.source_kind is SourceKind.TABLE and ln.code and ln.actual is not None:
            tables_of.setdefault((ln.fund_type, ln.code), set()).add(ln.source_table)
    figures = (
        Figure(line.evidence, line.actual, line_related(line), f"{line.source_table} {line.code}")
        for line in report.expenditure_function
        if line.source_kind is SourceKind.TABLE and len(tables_of.get((line.fund_type, line.code), ())) > 1
    )
    return _figure_sites("table_figure", ("consistency.table_table", "sum."), figures, document, rng)


# A direction word between figures that settle it: after a completion rate, after a budget and an
# actual figure, or as the amount or the rate of a change.
_DIRECTION_SITES = (
    re.compile(r"完成(?:全年|年初)?预算(?:数)?的?\s*\d+(?:\.\d+)?%[^。]{0,30}?决算数?(大于|小于)"),
    re.compile(
        r"预算(?:数)?为\s*[\d,.]+\s*万元[，,]\s*(?:支出)?决算(?:数)?为\s*[\d,.]+\s*万元[。，,；;]\s*决算数?(大于|小于)"
    ),
    re.compile(r"(增加|减少)了?\s*[\d,.]+\s*万元\s*[,，]\s*(?:增长|下降|减少|增加)"),
    re.compile(r"(?:增加|减少)了?\s*[\d,.]+\s*万元\s*[,，]\s*(增长|下降)"),
)


def direction_words(report: ExtractedReport, document: Document, rng: random.Random) -> Iterator[Site]:
    """A direction word (大于/小于, 增加/减少, 增长/下降) flipped where the figures beside it settle it."""
    for block in document.text_blocks():
        if block.line is None:
            continue
        for pattern in _DIRECTION_SITES:
            for match in pattern.finditer(block.text):
                word = match.group(1)
                if "100%" in match.group(0) and "100." not in match.group(0):
                    continue  # 完成预算100% printed without decimals settles no direction
                if re.search(r"(?<![\d.])0(?:\.0+)?\s*(?:万元|%)", match.group(0)):
                    continue  # a change of 0 has no direction (增加/减少0万元 is a template's blank)
                at = match.start(1)
                last = block.line + max(len(block.line_starts), 1) - 1
                phrase = match.group(0)
                flipped = phrase[: at - match.start()] + OPPOSITE[word] + phrase[at - match.start() + len(word) :]
                related = frozenset({"增减方向", "完成预算", word})
                what = f"{word} → {OPPOSITE[word]}"
                yield Site("direction", block.page, block.line, phrase, flipped, ("wording.",), related, what, last)


def zero_bases(report: ExtractedReport, document: Document, rng: random.Random) -> Iterator[Site]:
    """The base of a declared rate set to 0: a budget under a completion rate, a prior-year figure
    under a growth rate, the change made equal to the current figure (an implied zero prior), or a
    total whose parts declare their shares of it."""
    yield from _zero_totals(report, document)
    for metric in report.summary_metrics:
        ev = metric.evidence
        text = line_text(document, ev.page, ev.line) if ev.line is not None else None
        if text is None:
            continue
        related = metric_related(metric.metric)
        if metric.completion_pct_declared and metric.budget_value:
            form = printed(metric.budget_value, text)
            if form and metric.value is not None and form != printed(metric.value, text):
                yield Site(
                    "zero_base",
                    ev.page,
                    ev.line,
                    f"预算为{form}",
                    "预算为0",
                    ("zero_base.completion",),
                    related,
                    f"{metric.metric} 预算 {form} → 0",
                )
        if metric.change_pct_declared and metric.change_value and metric.value is not None:
            site = _zero_prior(metric, text, related)
            if site is not None:
                yield site
    for line in report.expenditure_function:
        ev = line.evidence
        budget = line.budget_final if line.budget_final is not None else line.budget_initial
        if line.completion_pct_declared and budget and ev.line is not None:
            text = line_text(document, ev.page, ev.line) or ""
            form = printed(budget, text)
            if form and f"预算为{form}" in text:
                yield Site(
                    "zero_base",
                    ev.page,
                    ev.line,
                    f"预算为{form}",
                    "预算为0",
                    ("zero_base.completion",),
                    line_related(line),
                    f"{display_name(line)} 预算 {form} → 0",
                )


def _zero_totals(report: ExtractedReport, document: Document) -> Iterator[Site]:
    """A total set to 0 where a part declares its share of it: printed in the part's own paragraph, or
    printed only once in the whole report (a figure printed several times is several statements, and
    the share may be taken of another one)."""
    index = MetricIndex(report, Sections(document))
    whole = "\n".join(b.text for b in document.text_blocks())
    for part in report.summary_metrics:
        if not part.share_pct_declared or part.metric not in SHARE_OF:
            continue
        total = index.total_for(part.source_kind, SHARE_OF[part.metric], part.evidence)
        if total is None or not total.value or part.evidence.line is None or total.value == part.value:
            continue  # a part equal to its total: the figure printed could be either
        end = paragraph_end(document, part.evidence.page, part.evidence.line) or part.evidence.line
        for ev in (part.evidence, total.evidence):
            text = line_text(document, ev.page, ev.line) if ev.line is not None else None
            form = printed(total.value, text) if text else None
            once = form is not None and (ev is part.evidence or printed(total.value, whole) == form)
            if once and form is not None and ev.line is not None:
                last = end if ev is part.evidence else paragraph_end(document, ev.page, ev.line)
                what = f"{total.metric} {form} → 0（{part.metric}写有占比）"
                related = metric_related(total.metric)
                yield Site("zero_base", ev.page, ev.line, form, "0", ("zero_base.share",), related, what, last)
                break


def _zero_prior(metric: SummaryMetric, text: str, related: frozenset[str]) -> Site | None:
    """The prior-year figure of a growth rate set to 0: printed (``较去年460.94万元``), or implied by
    an increase made equal to the current figure (``增加20.12万元`` for 20.12万元)."""
    ev = metric.evidence
    value, change = metric.value or Decimal(0), metric.change_value or Decimal(0)
    current = printed(value, text)
    if metric.prior_year_value:
        prior = printed(metric.prior_year_value, text)
        if prior and prior != current:
            expect = ("zero_base.growth",)
            return Site(
                "zero_base", ev.page, ev.line or 0, prior, "0", expect, related, f"{metric.metric} 上年 {prior} → 0"
            )
        return None
    amount = printed(abs(change), text)
    if change <= 0 or amount is None or current is None or amount == current:
        return None  # only an increase equal to the current figure leaves nothing for the prior year
    for word in sorted(UP_WORDS):
        if f"{word}{amount}" in text:
            what = f"{metric.metric} 增加额 {amount} → {current}"
            return Site(
                "zero_base",
                ev.page,
                ev.line or 0,
                f"{word}{amount}",
                f"{word}{current}",
                ("zero_base.growth",),
                related,
                what,
            )
    return None


def three_public_lines(report: ExtractedReport, document: Document, rng: random.Random) -> Iterator[Site]:
    """An economic 三公 line of basic expenditure raised above the 三公 figure of its item."""
    for econ in report.expenditure_economic:
        item = three_public_item(econ)
        if item is None or econ.amount is None:
            continue
        stated = [
            m.value
            for m in report.summary_metrics
            if m.metric in ECONOMIC_THREE_PUBLIC[item][1] and m.value is not None
        ]
        if not stated:
            continue
        ev = econ.evidence
        text = line_text(document, ev.page, ev.line) if ev.line is not None else None
        form = printed(econ.amount, text) if text else None
        if form is None:
            continue
        for _ in range(_RAISES):
            new = shifted(form, max(stated) - econ.amount + _delta(rng))
            old_text, new_text = form, new
            if f"{econ.name}{form}" in (text or ""):  # prose itemising 公用经费: name and amount together
                old_text, new_text = f"{econ.name}{form}", f"{econ.name}{new}"
            expect = ("three_public.economic",)
            what = f"{item} {old_text} → {new_text}"
            yield Site("three_public", ev.page, ev.line or 0, old_text, new_text, expect, economic_related(econ), what)


def outdated_names(report: ExtractedReport, document: Document, rng: random.Random) -> Iterator[Site]:
    """A classification name replaced by the name it had in an older edition."""
    for line in report.expenditure_function:
        ev = line.evidence
        if ev.line is None:
            continue
        text = line_text(document, ev.page, ev.line) or ""
        for current, old in OUTDATED_NAMES.items():
            if current in line.name_as_written and text.count(current) == 1:
                yield Site(
                    "name",
                    ev.page,
                    ev.line,
                    current,
                    old,
                    ("classification.",),
                    line_related(line),
                    f"{current} → {old}",
                )


# A completion rate the prose states without its budget, lowered by this much (percentage points): a
# rate printed without decimals allows ± 0.5, so the change must exceed what rounding allows.
_RATE_CUTS = (3, 5, 8, 10, 20)


def prose_budgets(report: ExtractedReport, document: Document, rng: random.Random) -> Iterator[Site]:
    """A line's budget or completion rate in prose, or the table's budget column of the same code, changed
    so that the two disagree: the prose's 年初预算/全年预算 figure raised, the table's cell raised, or a
    rate stated without its budget lowered."""
    expect = ("consistency.prose_budget", "consistency.prose_completion", "completion.pct")
    rows = {
        (ln.fund_type, ln.code): ln
        for ln in report.expenditure_function
        if ln.source_kind is SourceKind.TABLE and ln.code and (ln.budget_initial or ln.budget_final)
    }
    for line in report.expenditure_function:
        row = rows.get((line.fund_type, line.code))
        if line.source_kind is not SourceKind.NARRATIVE or row is None:
            continue
        related = line_related(line)
        for field in ("budget_initial", "budget_final"):
            said, printed_value = getattr(line, field), getattr(row, field)
            if said is None or printed_value is None:
                continue
            figure = Figure(line.evidence, said, related, f"文字 {line.code} 预算")
            yield from _figure_sites("prose_budget", expect, iter([figure]), document, rng)
            for cell in _budget_cells(document, line.code or "", printed_value):
                old = cell.text.strip()
                new = shifted(old, _delta(rng))
                what = f"{row.source_table} {line.code} 预算数: {old} → {new}"
                yield Site("prose_budget", cell.page, cell.line or 0, old, new, expect, related, what)
        rate = line.completion_pct_declared
        if rate is not None and line.budget_initial is None and line.budget_final is None and line.evidence.line:
            text = line_text(document, line.evidence.page, line.evidence.line) or ""
            form = f"{fmt(rate)}%"
            if text.count(form) == 1:
                new = f"{fmt(rate - rng.choice(_RATE_CUTS))}%"
                what = f"文字 {line.code} 完成率 {form} → {new}"
                ev = line.evidence
                yield Site("prose_budget", ev.page, ev.line or 0, form, new, expect, related, what)


def _budget_cells(document: Document, code: str, value: Decimal) -> Iterator[Cell]:
    """The cells of a table's budget columns (a header naming 预算) printing ``value`` in the row of ``code``."""
    for block in document.blocks:
        if block.table is None:
            continue
        cells = block.table.cells
        headers = {c.col for c in cells if "预算" in c.text}
        rows = {c.row for c in cells if c.text.strip() == code}
        for cell in cells:
            text = cell.text.strip().replace(",", "")
            placed = cell.row in rows and cell.col in headers and cell.line is not None
            if placed and _is_amount(text) and Decimal(text) == value:
                yield cell


def _is_amount(text: str) -> bool:
    return re.fullmatch(r"-?\d+(?:\.\d+)?", text) is not None


FAMILIES: dict[str, SiteFinder] = {
    "sum": sum_parts,
    "prose_figure": prose_figures,
    "table_figure": table_figures,
    "direction": direction_words,
    "zero_base": zero_bases,
    "three_public": three_public_lines,
    "name": outdated_names,
    "prose_budget": prose_budgets,
}
