"""The review site's evidence for text: the cited lines of a file, the figure marked where it is printed.

The Putuo PDF is written as text by other extractors (budget_reports/text_serializations.py); its findings' figures
must be marked in the lines the site shows, whatever the serialization.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports.figure_text import as_number
from budget_reports.ingest import discover, process_file
from budget_reports.site.evidence import CitedLines, mark
from budget_reports.text_serializations import write_serialization
from budget_reports.warehouse.frames import report_frames
from tests.conftest import corpus_file

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"


@pytest.mark.parametrize("serializer", ["pypdfium2", "pdfplumber", "pdftotext-raw"])
def test_findings_of_pdf_text_have_their_figure_marked(serializer: str, tmp_path: Path) -> None:
    write_serialization(corpus_file(PUTUO), serializer, tmp_path)
    (raw,) = discover(tmp_path)
    result = process_file(raw)
    assert result.report.file_format == "pdftotext"
    findings = [f for f in report_frames(result)["dq_findings"].to_dicts() if as_number(f["actual"] or "x") is not None]
    assert len(findings) >= 2
    cited = CitedLines(tmp_path)
    marked = 0
    for finding in findings:
        lines = cited.lines(finding, "pdftotext")
        figures = [line for line in lines if line.figure]
        assert len(figures) <= 1
        if figures:
            marked += 1
            assert as_number(figures[0].figure) == Decimal(finding["actual"].replace(",", ""))
            assert figures[0].cited and finding["line"] <= figures[0].number <= finding["line"] + 8
    assert marked / len(findings) >= 0.9, f"{marked} of {len(findings)} figures marked"
    prose = [f for f in findings if f["rule_id"] == "consistency.prose_table" and f["actual"] == "0.3"]
    for finding in prose:  # 财政拨款收入支出总计0.3万元 (the extractors that keep it in one paragraph)
        (line,) = [line for line in cited.lines(finding, "pdftotext") if line.figure]
        # pdfplumber writes the sentence's figures (another font) on a line of their own below it
        # (2024 0.3 2023): the figure is marked there, among the sentence's other figures.
        lifted = all(as_number(word) is not None for word in (line.before + line.after).split())
        in_sentence = line.before.endswith("财政拨款收入支出总计") and line.after.startswith("万元")
        assert in_sentence or (serializer == "pdfplumber" and lifted)


@pytest.mark.parametrize(
    ("text", "figure", "parts"),
    [
        ("收入支出总计2,961.68万元", "2961.68", ("收入支出总计", "2,961.68", "万元")),
        ("总计２９６１．６８万元", "2961.68", ("总计", "２９６１．６８", "万元")),
        ("第12.3项 0.3万元", "0.3", ("第12.3项 ", "0.3", "万元")),
        ("纳入XX 局编制范围", "XX局", ("纳入", "XX 局", "编制范围")),
        ("没有这个数字", "1.5", ("没有这个数字", "", "")),
    ],
)
def test_a_figure_is_marked_by_value_or_by_its_characters(text: str, figure: str, parts: tuple[str, str, str]) -> None:
    marked = mark(text, figure)
    assert (marked.before, marked.figure, marked.after) == parts
