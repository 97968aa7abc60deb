"""``pdftotext -layout`` text whose spacing was squeezed (each run of spaces made one, lines stripped,
as whitespace clean-ups leave a text): the columns are gone, the blank lines between rows stay, and a
row whose codes and names take more than one line prints its figures first (``figures_above_rows``).

The squeezed text of each corpus PDF is read through the whole pipeline and compared with the PDF.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from budget_reports.gold import extract_frames
from budget_reports.readers.figures_above_rows import figures_after_their_rows
from budget_reports.readers.linear_tables import SourceLine
from budget_reports.text_serializations import missing_program, write_serialization
from tests.conftest import corpus_file
from tests.serialization_facts import differences, facts, guessed_figures, shortfalls, table_facts_not_in_report

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"
TEMPLATE = "shanghai-final-accounts-template-2024.pdf"


def squeezed(text: str) -> str:
    """Each run of spaces made one, each line stripped."""
    return "\n".join(re.sub(r" +", " ", line).strip(" ") for line in text.split("\n"))


def collapsed(text: str) -> str:
    """Each run of spaces between words made one, each line's indent kept: the lines still open where
    their columns do, but no line holds its cells apart (read by position, words stood in false columns:
    8 economic lines wrong before laid-out text was told by its cells held apart)."""
    return re.sub(r"(?<=\S) +(?=\S)", " ", text)


SQUEEZES = {"squeezed": squeezed, "collapsed": collapsed}


def _squeezed_layout(pdf: str, folder: Path, squeeze: str) -> Path:
    if (missing := missing_program("pdftotext-layout")) is not None:
        pytest.skip(missing)
    path = write_serialization(corpus_file(pdf), "pdftotext-layout", folder)
    squeezed_path = folder / f"{squeeze}-{path.name}"
    squeezed_path.write_text(SQUEEZES[squeeze](path.read_text(encoding="utf-8")), encoding="utf-8")
    assert not re.search(r"\S  ", squeezed_path.read_text(encoding="utf-8"))
    return squeezed_path


@pytest.mark.parametrize("squeeze", sorted(SQUEEZES))
def test_squeezed_text_reads_each_economic_line_of_its_pdf(squeeze: str, tmp_path: Path) -> None:
    """The 基本支出 table's rows print their figures above their codes (both halves' names below): each
    of the 27 economic lines gets its own figure, none the figure of the row below."""
    expected = facts(extract_frames(corpus_file(PUTUO)))["expenditure_economic/table"]
    got = facts(extract_frames(_squeezed_layout(PUTUO, tmp_path, squeeze), PUTUO))["expenditure_economic/table"]
    assert sum(expected.values()) == 27
    assert got == expected, differences(expected, got)


@pytest.mark.parametrize("squeeze", sorted(SQUEEZES))
def test_squeezed_text_guesses_no_figure(squeeze: str, tmp_path: Path) -> None:
    """The two-sided overviews print no blank line between rows, and their figures above their labels
    (the 财政拨款收入支出决算总表 opens its body with ``2,940.05``): each line of figures alone is left out
    and reported, where read onto the row above it gave 234 抗疫特别国债安排的支出 the table's total. No
    table fact then contradicts the PDF's, and every figure left NULL is reported as ambiguous."""
    truth = extract_frames(corpus_file(PUTUO))
    text = extract_frames(_squeezed_layout(PUTUO, tmp_path, squeeze), PUTUO)
    assert table_facts_not_in_report(facts(truth), facts(text)) == {}
    contradictions, unreported = guessed_figures(truth, text)
    assert not contradictions, "\n".join(contradictions)
    assert not unreported, "\n".join(unreported)


@pytest.mark.parametrize("squeeze", sorted(SQUEEZES))
def test_squeezed_text_of_the_template_gives_every_fact_of_its_pdf(squeeze: str, tmp_path: Path) -> None:
    expected = facts(extract_frames(corpus_file(TEMPLATE)))
    failures = shortfalls(expected, facts(extract_frames(_squeezed_layout(TEMPLATE, tmp_path, squeeze), TEMPLATE)), {})
    assert not failures, "\n".join(failures)


def _lines(text: str) -> list[SourceLine]:
    return [SourceLine(1, number, line) for number, line in enumerate(text.split("\n"), start=1)]


FIGURES_FIRST = """80.38 4.88
301 09 302
职业年金缴费 07 邮电费

60.99
301 10 302
职工基本医疗保险缴费 08 取暖费

301 11 302
公务员医疗补助缴费 09 物业管理费"""


def test_figures_printed_above_each_row_go_after_it() -> None:
    moved = [line.text for line in figures_after_their_rows(_lines(FIGURES_FIRST))]
    assert moved == [
        "301 09 302",
        "职业年金缴费 07 邮电费",
        "80.38 4.88",
        "301 10 302",
        "职工基本医疗保险缴费 08 取暖费",
        "60.99",
        "301 11 302",
        "公务员医疗补助缴费 09 物业管理费",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # pdfplumber: no blank line between rows, each row's figures below its names.
        "301 09 302\n职业年金缴费 07 邮电费\n80.38 4.88\n301 10 302\n职工基本医疗保险缴费 08 取暖费\n60.99",
        # Figures first, but a group ends with figures: the order is not held.
        FIGURES_FIRST + "\n1.61 1.20",
        # Only one group prints figures first: a stray line, not the table's order.
        "80.38 4.88\n301 09 302\n职业年金缴费 07 邮电费\n\n301 10 302 60.99\n职工基本医疗保险缴费 08 取暖费",
        # A run of figures above a line opening no row.
        FIGURES_FIRST.replace("60.99\n301 10 302", "60.99\n职工基本医疗\n301 10 302"),
    ],
    ids=["figures-below", "figures-ending-a-group", "one-group", "above-no-row"],
)
def test_rows_not_shown_figures_first_stay_as_printed(text: str) -> None:
    lines = _lines(text)
    assert figures_after_their_rows(lines) == [line for line in lines if line.text.strip()]
