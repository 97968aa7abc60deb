"""A report printed and scanned gives the prose facts of its text.

The prose of a seed (its first sections, tables left out) is typeset on A4 pages with a CJK font,
scanned (tests/scan_support.py) and read by OCR; the facts its sentences state must be those the
same prose gives when read as text: no figure that differs, and at most one in a hundred unread.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_reports.facts import ExtractedReport, SourceKind
from tests.conftest import SEED_DIR
from tests.prose_support import extract_file
from tests.scan_support import Agreement, scan_text

SEED = SEED_DIR / "002_f4d5f3929f6a2ae3.txt"
PROSE_CHARS = 3200  # about three printed pages
MIN_IDENTICAL = 0.99


def prose_of(seed: Path, limit: int) -> list[str]:
    """The seed's paragraphs (no table cells, no export markers), up to ``limit`` characters."""
    kept, size = [], 0
    for line in seed.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("\t") or line.lstrip().startswith("["):
            continue
        if size + len(line) > limit:
            break
        kept.append(line.strip())
        size += len(line)
    return kept


def narrative(result: ExtractedReport) -> dict[tuple, tuple]:
    rows: dict[tuple, tuple] = {}
    for m in result.summary_metrics:
        if m.source_kind == SourceKind.NARRATIVE:
            key = (m.metric, m.scope)
            rows.setdefault(
                key, (m.value, m.prior_year_value, m.change_value, m.change_pct_declared, m.share_pct_declared)
            )
    return rows


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> tuple[ExtractedReport, ExtractedReport]:
    folder = tmp_path_factory.mktemp("prose")
    lines = prose_of(SEED, PROSE_CHARS)
    text = folder / "report.txt"
    text.write_text("\n".join(lines) + "\n", encoding="utf-8")
    scan = scan_text(lines, folder / "report.pdf")
    return extract_file(text), extract_file(scan)


def test_scanned_prose_gives_the_text_facts(results: tuple[ExtractedReport, ExtractedReport]) -> None:
    as_text, as_scan = results
    theirs, ours = narrative(as_text), narrative(as_scan)
    agreement = Agreement(total=len(theirs))
    for key, figures in theirs.items():
        read = ours.get(key)
        if read == figures:
            agreement.identical += 1
        elif read is None:
            agreement.unread.append(f"missing {key} {figures}")
        else:
            agreement.wrong.extend(
                f"{key}: {got} instead of {want}" for want, got in zip(figures, read, strict=True) if got != want
            )
    agreement.wrong.extend(f"extra {key} {figures}" for key, figures in ours.items() if key not in theirs)
    assert agreement.total >= 10
    assert not agreement.wrong, agreement.report()
    assert agreement.share >= MIN_IDENTICAL, agreement.report()


def test_scanned_report_says_it_was_read_by_ocr(results: tuple[ExtractedReport, ExtractedReport]) -> None:
    as_text, as_scan = results
    assert as_scan.report.parse_status == "ok"
    assert "OCR" in (as_scan.report.error_message or "")
    assert as_scan.report.fiscal_year == as_text.report.fiscal_year
    assert {m.evidence.read_by for m in as_scan.summary_metrics} == {"ocr"}
