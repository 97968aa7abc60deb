"""Where a report prints a figure, how to print a changed one the same way, and what a finding
about a changed figure may name (the figure itself, the totals it belongs to)."""

from __future__ import annotations

import re
from decimal import Decimal

from budget_reports import metric_names as n
from budget_reports.facts import EconomicLine, ExpenditureLine
from budget_reports.model import BlockKind, Document
from budget_reports.rules.hierarchy import display_name
from budget_reports.rules.metrics import FUND_TOTAL, SUMS
from budget_reports.rules.three_public import ECONOMIC_THREE_PUBLIC, three_public_item

COLUMN_TOTALS = (n.EXPENDITURE_TOTAL, n.BASIC, n.PROJECT)


def printed(value: Decimal, line_text: str) -> str | None:
    """How ``value`` is printed on the line (``2,940.05`` or ``2940.05``), if exactly once."""
    plain = format(value, "f")
    forms = [plain, f"{value:,f}"]
    for form in dict.fromkeys(forms):
        if len(re.findall(rf"(?<![\d.,]){re.escape(form)}(?![\d])", line_text)) == 1:
            return form
    return None


def shifted(form: str, delta: Decimal) -> str:
    """The printed number ``form`` plus ``delta``, printed the same way (decimals, separators)."""
    value = Decimal(form.replace(",", "")) + delta
    text = format(value, ",f" if "," in form else "f")
    return text


def line_text(document: Document, page: int | None, line: int) -> str | None:
    """The text the report prints at a page and line (a table cell, or one line of a prose block)."""
    for block in document.blocks:
        if block.page != page:
            continue
        if block.kind is BlockKind.TABLE and block.table is not None:
            texts = [c.text for c in block.table.cells if c.line == line]
            if texts:
                return "\t".join(texts)
        elif block.line is not None:
            starts = block.line_starts or (0,)
            offset = line - block.line
            if 0 <= offset < len(starts):
                end = starts[offset + 1] if offset + 1 < len(starts) else len(block.text)
                return block.text[starts[offset] : end]
    return None


def paragraph_span(document: Document, page: int | None, line: int) -> tuple[int, int] | None:
    """The first and last source lines of the prose block printing ``line`` (None for a table cell)."""
    for block in document.text_blocks():
        if block.page == page and block.line is not None:
            last = block.line + max(len(block.line_starts), 1) - 1
            if block.line <= line <= last:
                return block.line, last
    return None


def paragraph_end(document: Document, page: int | None, line: int) -> int | None:
    """The last source line of the prose block printing ``line`` (None for a table cell)."""
    span = paragraph_span(document, page, line)
    return span[1] if span is not None else None


# --- what a finding about a changed figure may name --------------------------------------------


def line_related(line: ExpenditureLine) -> frozenset[str]:
    code = line.code or ""
    names = {display_name(line), code, code[:3], code[:5], FUND_TOTAL.get(line.fund_type, ""), *COLUMN_TOTALS}
    return frozenset(s for s in names if s)


def metric_related(metric: str) -> frozenset[str]:
    names = {metric}
    for total, required, optional in SUMS.values():
        group = {total, *required, *optional}
        if metric in group:
            names |= group
    names |= {total for part, total in n.SHARE_OF.items() if part == metric}
    names |= {part for part, total in n.SHARE_OF.items() if total == metric}
    return frozenset(names)


def economic_related(line: EconomicLine) -> frozenset[str]:
    code = line.code or ""
    names = {code, code[:3], line.name, line.group or "", n.BASIC, n.PERSONNEL, n.PUBLIC_USE}
    item = three_public_item(line)
    if item is not None:
        names |= set(ECONOMIC_THREE_PUBLIC[item][1]) | {f"{item} {line.name}"}
    return frozenset(s for s in names if s)
