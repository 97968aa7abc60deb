"""The corpus PDFs' identity is the same read from the text other tools extract from them.

``pdftotext`` (default, ``-layout``, ``-raw``), pypdfium2's page text, pdfplumber's ``extract_text``, PyMuPDF's
``get_text`` and pdf.js's copy (a browser's, no page marked) each lay the cover out differently (pdfplumber
prints the year apart from its 年度); every one, written as ``.txt``, must give the PDF's kind, year,
department and region.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_reports.facts import ReportInfo
from budget_reports.text_serializations import SERIALIZERS, missing_program, write_serialization
from tests.conftest import corpus_file
from tests.prose_support import extract_file

PDFS = ["shanghai-putuo-finance-bureau-2024-final.pdf", "shanghai-final-accounts-template-2024.pdf"]


def _identity(info: ReportInfo) -> tuple[object, ...]:
    return (
        info.report_kind,
        info.fiscal_year,
        info.department,
        info.department_short,
        info.province,
        info.city,
        info.county,
    )


@pytest.mark.parametrize("serializer", list(SERIALIZERS))
@pytest.mark.parametrize("name", PDFS)
def test_text_serialization_has_the_pdfs_identity(tmp_path: Path, name: str, serializer: str) -> None:
    if (missing := missing_program(serializer)) is not None:
        pytest.skip(missing)
    pdf = corpus_file(name)
    from_pdf = _identity(extract_file(pdf).report)
    assert from_pdf[:2] == ("部门决算", 2024)
    assert _identity(extract_file(write_serialization(pdf, serializer, tmp_path)).report) == from_pdf
