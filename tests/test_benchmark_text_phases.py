"""Where the text reader's time goes (``benchmarks/text_phases.py``), measured on a real PDF-extracted text."""

from __future__ import annotations

import time

import pytest

from benchmarks.run import render_phases, render_single_pass
from benchmarks.text_phases import OWN, phase_shares, single_pass_mb_per_second, throughput_without
from budget_reports.readers import read_document
from tests.conftest import SEED_FILES, corpus_file
from tests.printed_variants import BUDGET


def test_the_steps_share_the_readers_whole_time() -> None:
    shares = phase_shares([corpus_file(BUDGET)], SEED_FILES[:1])
    assert sum(shares.values()) == pytest.approx(1.0)
    assert "linear_tables.find_tables" in shares and "wrapped_text.paragraph_blocks" in shares
    assert OWN in shares and all(0.0 <= share <= 1.0 for share in shares.values())
    assert list(shares.values()) == sorted(shares.values(), reverse=True)


def test_a_word_export_is_no_pdf_extracted_text_and_gives_no_steps() -> None:
    assert phase_shares(SEED_FILES[:1], []) == {}


def test_throughput_without_a_step() -> None:
    assert throughput_without(1.0, 0.5, 0.75) == pytest.approx(8.0)  # 1 MB in 0.125 s


def test_the_page_says_whether_the_costliest_step_alone_could_meet_the_target() -> None:
    timings = [{"kilobytes": 1024.0, "first_text_ms": 500.0}]  # 2 MB/s
    short = render_phases({"linear_tables.find_tables": 0.5, OWN: 0.5}, timings)
    assert "4.00 MB/s, still short of the 5 MB/s target" in "\n".join(short)
    enough = render_phases({"linear_tables.find_tables": 0.75, OWN: 0.25}, timings)
    assert "8.00 MB/s, meeting the 5 MB/s target." in "\n".join(enough)


def test_a_single_pass_over_the_text_is_far_faster_than_reading_it() -> None:
    text = corpus_file(BUDGET)
    single_pass = single_pass_mb_per_second([text], rounds=3)
    megabytes = text.stat().st_size / 1e6
    start = time.process_time()
    read_document(text, text.name)
    reader = megabytes / (time.process_time() - start)
    # Decoding and splitting alone places nothing: a reader does it and much more besides.
    assert single_pass > 2 * reader


def test_the_page_says_how_many_single_passes_the_target_leaves() -> None:
    timings = [{"kilobytes": 1024.0, "first_text_ms": 500.0}]  # the reader at 2 MB/s
    text = "\n".join(render_single_pass(15.0, timings))
    assert "runs at 15.0 MB/s" in text and "time for 3.0 such passes" in text and "take the time of 8." in text
    assert render_single_pass(None, timings) == []
