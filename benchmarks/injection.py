"""Errors injected into real reports at a known place, run through the real pipeline.

A text report is changed as a file and read again by ``ingest.process_file`` (reader, extractors,
rules); a PDF is read once and its document model changed (the cell or the line of prose that
prints the figure), then extracted and validated by ``ingest.analyse``, the steps ``process_file``
runs after reading. Either way the change goes through the extractors, never straight into facts.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

from budget_reports.facts import ExtractedReport, Finding, ParseStatus, ReportInfo, Severity
from budget_reports.file_hashes import file_sha256
from budget_reports.ingest import PARSER_VERSION, RawFile, analyse, process_file
from budget_reports.model import Block, BlockKind, Cell, Document
from budget_reports.readers import read_document
from budget_reports.readers.text import text_pages

_INGESTED_AT = datetime(2026, 1, 1)


@dataclass(frozen=True, slots=True)
class Site:
    """One injection: at ``page``/``line`` of the report, the printed ``old`` becomes ``new``."""

    family: str
    page: int | None
    line: int
    old: str
    new: str
    expect: tuple[str, ...]  # rule ids (or their prefixes) one of which must report the change
    related: frozenset[str]  # subjects a finding caused by the change may name (the figure, its totals)
    what: str
    last_line: int | None = None  # the last line of the paragraph changed, when it runs over several
    first_line: int | None = None  # its first line, when the change is not made there

    def covers(self, page: int | None, line: int | None) -> bool:
        """Whether a finding's evidence lies in the paragraph (or cell) that was changed."""
        if page != self.page or line is None:
            return False
        first = self.first_line if self.first_line is not None else self.line
        return line == self.line or (self.last_line is not None and first <= line <= self.last_line)


def run_clean(path: Path) -> ExtractedReport:
    return process_file(RawFile(path, path.name, file_sha256(path), path.stat().st_size))


@cache
def read(path: Path) -> Document:
    return read_document(path, path.name)


def run_injected(path: Path, site: Site, work_dir: Path) -> ExtractedReport | None:
    """The report with the site's change, through the pipeline; None when the place was not found."""
    if path.suffix.lower() == ".pdf":
        document = edit_document(read(path), site)
        if document is None:
            return None
        info = ReportInfo(
            path.name[:16],
            path.name,
            "0" * 64,
            "pdf",
            ParseStatus.OK,
            PARSER_VERSION,
            _INGESTED_AT,
            path.stat().st_size,
        )
        result = ExtractedReport(report=info)
        analyse(document, result)
        return result
    text = edit_text(path.read_text(encoding="utf-8"), site)
    if text is None:
        return None
    changed = work_dir / path.name
    changed.write_text(text, encoding="utf-8")
    return run_clean(changed)


def _pages_of(text: str) -> tuple[list[str], str]:
    """The text's pages and what joins them: form feeds, or, in text that marks none, line ends where the
    reader finds its pages by the numbers they print (``readers.text.text_pages``)."""
    if "\f" not in text and len(found := text_pages(text)) > 1:
        return ["\n".join(page) for page in found], "\n"
    return text.split("\f"), "\f"


def edit_text(text: str, site: Site) -> str | None:
    """The text with ``old`` replaced on the site's line, if it occurs there once."""
    pages, separator = _pages_of(text)
    index = (site.page or 1) - 1
    if not 0 <= index < len(pages):
        return None
    lines = pages[index].split("\n")
    if not 0 < site.line <= len(lines) or lines[site.line - 1].count(site.old) != 1:
        return None
    lines[site.line - 1] = lines[site.line - 1].replace(site.old, site.new)
    pages[index] = "\n".join(lines)
    return separator.join(pages)


def edit_document(document: Document, site: Site) -> Document | None:
    """A copy of the document with ``old`` replaced where the site's line is printed (a cell, or the
    part of a prose block that came from that line), if it occurs there once."""
    changed = copy.copy(document)
    changed.blocks = list(document.blocks)
    for index, block in enumerate(document.blocks):
        if block.page != site.page:
            continue
        if block.kind is BlockKind.TABLE and block.table is not None:
            cells = [c for c in block.table.cells if c.line == site.line and c.text.count(site.old) == 1]
            if len(cells) == 1:
                changed.blocks[index] = _with_cell(block, cells[0], site)
                return changed
        elif (span := _line_span(block, site.line, site.last_line or site.line)) is not None:
            start, end = span
            if block.text[start:end].count(site.old) == 1:
                changed.blocks[index] = _with_text(block, start + block.text[start:end].index(site.old), site)
                return changed
    return None


def _line_span(block: Block, first: int, last: int) -> tuple[int, int] | None:
    """Offsets in the block's text of its source lines ``first`` to ``last``."""
    if block.line is None:
        return None
    starts = block.line_starts or (0,)
    begin, end = first - block.line, last - block.line
    if not 0 <= begin <= end < len(starts):
        return None
    return starts[begin], starts[end + 1] if end + 1 < len(starts) else len(block.text)


def _with_text(block: Block, at: int, site: Site) -> Block:
    text = block.text[:at] + site.new + block.text[at + len(site.old) :]
    shift = len(site.new) - len(site.old)
    starts = tuple(s + shift if s > at else s for s in block.line_starts)
    return dataclasses.replace(block, text=text, line_starts=starts)


def _with_cell(block: Block, cell: Cell, site: Site) -> Block:
    assert block.table is not None
    new_cell = dataclasses.replace(cell, text=cell.text.replace(site.old, site.new))
    cells = tuple(new_cell if c is cell else c for c in block.table.cells)
    table = dataclasses.replace(block.table, cells=cells)
    return dataclasses.replace(block, table=table, text=block.text)


def finding_key(f: Finding) -> tuple:
    return (f.rule_id, f.severity, f.subject, f.evidence.page, f.evidence.line, f.expected, f.actual)


def new_findings(clean: ExtractedReport, injected: ExtractedReport) -> list[Finding]:
    before = {finding_key(f) for f in clean.findings}
    return [f for f in injected.findings if finding_key(f) not in before]


def caused_by(site: Site, f: Finding) -> bool:
    """The finding points at the changed figure, or names it or a total it belongs to."""
    return site.covers(f.evidence.page, f.evidence.line) or any(
        f.subject == s or f.subject.startswith(s + " ") for s in site.related
    )


def is_hit(site: Site, f: Finding) -> bool:
    return caused_by(site, f) and any(f.rule_id == e or f.rule_id.startswith(e) for e in site.expect)


def false_alarms(site: Site, found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.severity is Severity.ERROR and not caused_by(site, f)]


def figures_read_at(report: ExtractedReport, page: int | None, line: int) -> set[Decimal]:
    """The figures the extraction holds from one printed line (every money or count field of the facts
    whose evidence is that line)."""
    facts = [*report.summary_metrics, *report.income, *report.expenditure_function, *report.expenditure_economic]
    values: set[Decimal] = set()
    for fact in facts:
        if (fact.evidence.page, fact.evidence.line) == (page, line):
            values |= {v for f in dataclasses.fields(fact) if isinstance(v := getattr(fact, f.name), Decimal)}
    return values


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except ArithmeticError:
        return None


def not_read(site: Site, clean: ExtractedReport, injected: ExtractedReport, found: list[Finding]) -> bool:
    """The changed figure is one the reader does not read from the changed report: the clean report's
    line gives the old figure and the changed one does not give the new one, or the figure is reported
    as an ambiguous cell (text that drops empty cells places a figure by the row's sums, which the
    change breaks)."""
    if any(f.rule_id == "extraction.ambiguous_cell" and site.covers(f.evidence.page, f.evidence.line) for f in found):
        return True
    old, new = _number(site.old), _number(site.new)
    if old is None or new is None:
        return False  # a word changed, not a figure
    before, after = figures_read_at(clean, site.page, site.line), figures_read_at(injected, site.page, site.line)
    return old in before and new not in after


def _occurrences(old: str, line: str) -> int:
    if _number(old) is None:
        return line.count(old)
    return len(re.findall(rf"(?<![\d.,]){re.escape(old)}(?![\d])", line))


def placed_in_text(site: Site, printed_line: str, text: str) -> Site | None:
    """The PDF's injection moved to the same figure in a text written from that PDF: the line of the same
    page printing ``old`` once (of several, the one sharing most characters with the PDF's line);
    None when the text prints it nowhere on that page, or on several lines alike. A text marking no page
    (a browser's copy of a PDF printing no page numbers) is sought whole."""
    pages, _ = _pages_of(text)
    if len(pages) == 1 and "\f" not in text:
        page, lines = None, pages[0].split("\n")
    elif site.page is None or not 0 < site.page <= len(pages):
        return None
    else:
        page, lines = site.page, pages[site.page - 1].split("\n")
    candidates = [n for n, line in enumerate(lines, start=1) if _occurrences(site.old, line) == 1]
    shared = {n: len(set(lines[n - 1]) & set(printed_line)) for n in candidates}
    best = sorted(candidates, key=lambda n: -shared[n])
    if not best or (len(best) > 1 and shared[best[0]] == shared[best[1]]):
        return None
    last = best[0] + (site.last_line - site.line) if site.last_line is not None else None
    return dataclasses.replace(site, page=page, line=best[0], last_line=last)
