"""Extreme files of every other format beside a sample report: a workbook with a 200,000-row sheet, a
Word document with a 200,000-row table, a PDF of 3,000 pages (in a run of its own), a PDF page with a
20 MB content stream, a deeply nested workbook and a workbook zip bomb. Each finishes within the per-file limits with
the right status and message (the 3,000 pages stopped at a time limit far below their cost), and the
report beside them is loaded as if alone. All files are generated."""

from __future__ import annotations

import pytest

from budget_reports.warehouse.staging import staged_limit
from budget_reports.worker_pool import Limits
from tests.extreme_inputs import (
    big_xlsx,
    deep_xlsx,
    huge_stream_pdf,
    long_table_docx,
    many_pages_pdf,
    run_beside_seed,
    xlsx_bomb,
)

# Reading and extracting the 200,000-row sheet and table each take 15–30 CPU s.
LIMITS = Limits(workers=2, seconds=60, memory_mb=1500)
GENERATED = {
    "big.xlsx": big_xlsx,
    "long-table.docx": long_table_docx,
    "stream.pdf": lambda path: huge_stream_pdf(path, segments=1_000_000),
    "deep.xlsx": deep_xlsx,
    "bomb.xlsx": xlsx_bomb,
}
# The 3,000 pages take 60–90 CPU s to read and extract, as fast as the machine goes: run under a
# limit far below that (and far above the sample report's second), so that the file is stopped on
# any machine, not only on one slower than the limit.
PAGES_LIMITS = Limits(workers=2, seconds=10, memory_mb=1500)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return run_beside_seed(tmp_path_factory.mktemp("extreme-formats"), GENERATED, LIMITS)


@pytest.fixture(scope="module")
def pages_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return run_beside_seed(tmp_path_factory.mktemp("extreme-pages"), {"pages.pdf": many_pages_pdf}, PAGES_LIMITS)


def test_every_file_has_its_row_and_the_seed_is_loaded(run: dict) -> None:
    assert set(run["reports"]) == {"seed.txt", *GENERATED}
    seed_id, status, _ = run["reports"]["seed.txt"]
    assert status == "ok" and run["metrics"][seed_id] > 20


def test_sizes_are_as_the_families_say(run: dict, pages_run: dict) -> None:
    sizes = {p.name: p.stat().st_size for folder in (run["raw"], pages_run["raw"]) for p in folder.iterdir()}
    assert sizes["stream.pdf"] > 20_000_000 and sizes["pages.pdf"] > 5_000_000


@pytest.mark.parametrize("name", ["big.xlsx", "long-table.docx", "stream.pdf", "deep.xlsx"])
def test_huge_and_deep_files_are_read_within_the_limits(run: dict, name: str) -> None:
    _, status, message = run["reports"][name]
    assert status == "ok", message


def test_a_pdf_of_3000_pages_is_stopped_at_the_time_limit_and_says_which(pages_run: dict) -> None:
    _, status, message = pages_run["reports"]["pages.pdf"]
    assert status == "failed" and "处理超时" in message and "10 秒" in message
    seed_id, seed_status, _ = pages_run["reports"]["seed.txt"]
    assert seed_status == "ok" and pages_run["metrics"][seed_id] > 20  # the report beside it loaded
    stopped = [d for d in pages_run["stage"].stage_dirs if staged_limit(d) is not None]
    assert len(stopped) == 1 and staged_limit(stopped[0])["hit"] == "time"


def test_a_workbook_zip_bomb_is_refused_without_expanding_it(run: dict) -> None:
    _, status, message = run["reports"]["bomb.xlsx"]
    assert status == "failed" and "压缩炸弹" in message and "已拒绝读取" in message
