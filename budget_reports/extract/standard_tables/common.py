"""What every standard-table extractor shares: money cells, evidence, total rows, the facts found."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from budget_reports.extract.standard_tables.header import Row
from budget_reports.facts import EconomicLine, ExpenditureLine, IncomeLine, SourceKind, SummaryMetric
from budget_reports.model import Cell, Document, Evidence
from budget_reports.normalize import compact, parse_decimal, to_wanyuan
from budget_reports.numbering import OUTLINE, Enumerators

MONEY_UNIT = "万元"
# A row label is numbered as the prose outline is (a label cell holds no figure, so ``1.`` is an item).
LABEL_NUMBERING = Enumerators(*OUTLINE)


@dataclass(slots=True)
class TableFacts:
    summary_metrics: list[SummaryMetric] = field(default_factory=list)
    income: list[IncomeLine] = field(default_factory=list)
    expenditure_function: list[ExpenditureLine] = field(default_factory=list)
    expenditure_economic: list[EconomicLine] = field(default_factory=list)


def money(text: str, unit: str) -> Decimal | None:
    """A printed amount in 万元 (converted exactly from the table's unit); None when blank or not a number."""
    value = parse_decimal(text)
    return None if value is None else to_wanyuan(value, unit)


def row_evidence(document: Document, row: Row, cell: Cell | None = None, snippet: str | None = None) -> Evidence:
    """Evidence at ``cell`` (else the row's first non-empty cell), the row's text as snippet."""
    anchor = cell if cell is not None else row.first_cell()
    text = snippet if snippet is not None else row.text()
    if anchor is None:  # a row without any cell object cannot happen with a reader's table
        return Evidence(document.source_file, None, None, text)
    return Evidence.of(document, anchor, text)


def label(text: str) -> str:
    """A row label without its enumerator and spaces: ``一、一般公共预算财政拨款收入`` → 一般公共预算财政拨款收入."""
    return LABEL_NUMBERING.without(compact(text))


def written_name(text: str) -> str:
    """A name cell as printed, wrapped lines joined, without its enumerator: ``八、社会保障和就业支出``."""
    joined = "".join(part.strip() for part in text.splitlines()).strip()
    return LABEL_NUMBERING.without(joined).strip()


@lru_cache(maxsize=4_096)  # every reader and extractor asks it of the same row labels again and again
def is_total(text: str) -> bool:
    """合计 / 总计 rows (本年支出合计, 总计 ...), which feed summary metrics, not lines."""
    key = label(text)
    return key.endswith(("合计", "总计")) or key in ("合计", "总计")


def table_metric(
    name: str,
    value: Decimal | None,
    evidence: Evidence,
    scope: str | None = None,
    budget_value: Decimal | None = None,
) -> SummaryMetric:
    return SummaryMetric(
        metric=name,
        value=value,
        unit=MONEY_UNIT,
        evidence=evidence,
        source_kind=SourceKind.TABLE,
        budget_value=budget_value,
        scope=scope,
    )
