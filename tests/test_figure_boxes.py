"""Every figure read from a PDF's text layer carries the box of its characters on the cited page.

The boxes are checked with another PDF library (pdfplumber): the characters whose centres lie in a
fact's box must read as that fact's figure, as the page prints it.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pdfplumber
import polars as pl
import pytest

from budget_reports.facts import ExtractedReport
from budget_reports.figure_boxes import FIGURE_FIELDS
from budget_reports.ingest import discover, process_file
from budget_reports.model import FigureBox
from budget_reports.readers.pdf_figures import FigureQuery, locate_figures
from budget_reports.warehouse.frames import report_frames
from schemas import validate_frame
from schemas.rules import BOX_RULES
from tests.conftest import SEED_FILES, corpus_file

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"
BOX_COMPLETE, BOX_ORDERED = (rule.error for rule in BOX_RULES)
TEMPLATE = "shanghai-final-accounts-template-2024.pdf"


def _extracted(path: Path) -> ExtractedReport:
    (raw,) = [raw for raw in discover(path.parent) if raw.source_file == path.name]
    return process_file(raw)


@pytest.fixture(scope="module")
def putuo() -> ExtractedReport:
    return _extracted(corpus_file(PUTUO))


def _rows(result: ExtractedReport) -> list:
    return [row for name in FIGURE_FIELDS_LISTS for row in getattr(result, name)]


FIGURE_FIELDS_LISTS = (
    "summary_metrics",
    "income",
    "expenditure_function",
    "expenditure_economic",
    "performance_projects",
    "performance_funds",
    "performance_indicators",
    "findings",
)


def _text_in_box(pdf: pdfplumber.PDF, page: int, box: FigureBox) -> str:
    """The characters whose centre lies inside the box, in reading order (pdfplumber: top-left origin)."""
    plumber_page = pdf.pages[page - 1]
    assert (round(float(plumber_page.width), 1), round(float(plumber_page.height), 1)) == (
        round(box.page_width, 1),
        round(box.page_height, 1),
    )
    inside = [
        c
        for c in plumber_page.chars
        if box.x0 <= (c["x0"] + c["x1"]) / 2 <= box.x1 and box.y0 - 1 <= (c["top"] + c["bottom"]) / 2 <= box.y1 + 1
    ]
    inside.sort(key=lambda c: (round(c["top"]), c["x0"]))
    return "".join(c["text"] for c in inside).replace(" ", "")


def test_the_putuo_prose_error_is_boxed_over_its_figure(putuo: ExtractedReport) -> None:
    (finding,) = [f for f in putuo.findings if f.rule_id == "consistency.prose_table" and f.actual == "0.3"]
    box = finding.evidence.box
    assert finding.evidence.page == 21 and box is not None
    with pdfplumber.open(corpus_file(PUTUO)) as pdf:
        assert _text_in_box(pdf, 21, box) == "0.3"
        # The box sits on the sentence that states it, not on another 0.3 of the page.
        middle = (box.y0 + box.y1) / 2
        line_chars = [c for c in pdf.pages[20].chars if c["top"] <= middle <= c["bottom"]]
        assert "财政拨款收入支出总计0.3万元" in "".join(c["text"] for c in line_chars).replace(" ", "")


def test_every_text_layer_figure_of_a_pdf_is_boxed_over_its_own_characters(putuo: ExtractedReport) -> None:
    rows = [r for r in _rows(putuo) if r.evidence.page is not None]
    boxed = [r for r in rows if r.evidence.box is not None]
    assert len(rows) > 150
    assert len(boxed) / len(rows) >= 0.95, f"{len(rows) - len(boxed)} of {len(rows)} figures without a box"
    with pdfplumber.open(corpus_file(PUTUO)) as pdf:
        for row in boxed:
            printed = _text_in_box(pdf, row.evidence.page, row.evidence.box).replace(",", "")
            values = {getattr(row, name) for name in FIGURE_FIELDS[type(row)]}
            assert any(
                str(v) == printed or (isinstance(v, Decimal) and v == Decimal(printed)) for v in values if v is not None
            ), (
                type(row).__name__,
                row.evidence,
                printed,
            )


def test_quoted_text_of_a_finding_is_boxed() -> None:
    template = _extracted(corpus_file(TEMPLATE))
    placeholders = [f for f in template.findings if f.rule_id == "template.placeholder"]
    assert placeholders
    with pdfplumber.open(corpus_file(TEMPLATE)) as pdf:
        for finding in placeholders:
            assert finding.evidence.box is not None
            assert _text_in_box(pdf, finding.evidence.page, finding.evidence.box) == finding.actual


def test_the_figure_nearest_the_cited_line_is_chosen_and_unknown_figures_get_no_box() -> None:
    path = corpus_file(PUTUO)
    at_line, not_there, bad_page, past_the_end = locate_figures(
        path,
        [
            FigureQuery(21, 14, (Decimal("0.3"),)),
            FigureQuery(21, 14, (Decimal("123456.78"),)),
            FigureQuery(999, 1, (Decimal("0.3"),)),
            FigureQuery(21, 500, (Decimal("0.3"),), "0.3"),
        ],
    )
    assert at_line is not None and not_there is None and bad_page is None and past_the_end is None
    # Printed with a thousands separator (2,961.68) and found from the value alone.
    # Printed three times on its line (总计 2,961.68 总计 2,961.68 2,961.68): the first is taken.
    (total,) = locate_figures(path, [FigureQuery(13, None, (Decimal("2961.68"),))])
    with pdfplumber.open(path) as pdf:
        assert total is not None and _text_in_box(pdf, 13, total) == "2,961.68"
        first = min(
            c["x0"] for c in pdf.pages[12].chars if c["text"] == "总" and c["top"] <= total.y1 <= c["bottom"] + 2
        )
        assert first < total.x0 < 842 / 2


def test_formats_without_pages_have_no_boxes() -> None:
    result = _extracted(SEED_FILES[0])
    rows = _rows(result)
    assert rows and all(r.evidence.box is None for r in rows)


def test_the_schema_checks_hold_the_boxes_to_their_page(putuo: ExtractedReport) -> None:
    findings = report_frames(putuo)["dq_findings"]
    assert findings["evidence_bbox_x0"].null_count() == 0
    assert validate_frame("dq_findings", findings).is_empty()
    flipped = findings.with_columns(evidence_bbox_x1=pl.col("evidence_bbox_x0") - 1)
    assert set(validate_frame("dq_findings", flipped)["check"]) == {BOX_ORDERED}
    half = findings.with_columns(evidence_page_height=pl.lit(None, pl.Float64))
    assert set(validate_frame("dq_findings", half)["check"]) == {BOX_COMPLETE}
