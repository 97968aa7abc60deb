"""A numbers line (what pdfplumber writes below a sentence whose figures it lifted) is told by one
pattern over the whole line; it must say what asking each of the line's words says.

The lines are the real ones of the seeds' and the corpus budget report's text, each also written
the way pdfplumber writes it (``tests.plumber_text``), and lines made of lifted tokens in the
forms reports print them, with the spacing extractors leave (full-width spaces, tabs, trailing
spaces) and with a word that is not a lifted token put among them.
"""

from __future__ import annotations

import pytest

from budget_reports.readers.figure_places import is_lifted_line, is_lifted_token
from budget_reports.readers.quoted_terms import CLOSING_QUOTES, OPENING_QUOTES, ends_quoted
from tests.conftest import CORPUS_DIR, SEED_FILES
from tests.plumber_text import as_pdfplumber

TEXTS = [*SEED_FILES, CORPUS_DIR / "shanghai-putuo-urban-management-2026-budget.txt"]

TOKENS = ["2946.25", "1,511.89", "99.79%", "-3.5", "+0.21%", "2021", "１２", "“", "”", "‘", "’", '"', "'", "0"]
NOT_TOKENS = ["万元", "1,5118.9", "12%%", "(1.50)", "1.", ".5", "“优”", "2,94", "、"]
SPACES = [" ", "  ", "\u3000", "\t", " \u3000 "]


def _by_words(text: str) -> bool:
    words = text.split()
    return bool(words) and all(is_lifted_token(word) for word in words)


def _report_lines() -> list[str]:
    lines = [line for path in TEXTS for line in path.read_text(encoding="utf-8").splitlines()]
    return lines + [written for line in lines for written in as_pdfplumber(line.strip())]


def test_the_seeds_lines_as_printed_and_as_pdfplumber_writes_them() -> None:
    lines = _report_lines()
    numbers_lines = [line for line in lines if _by_words(line)]
    assert len(numbers_lines) > 50  # the pdfplumber lines hold the figures lifted off the sentences
    assert [line for line in lines if is_lifted_line(line) != _by_words(line)] == []


@pytest.mark.parametrize("space", SPACES)
def test_made_lines_of_lifted_tokens_with_and_without_a_word_among_them(space: str) -> None:
    for start in range(len(TOKENS)):
        tokens = TOKENS[start:] + TOKENS[:start]
        line = space.join(tokens[: 2 + start % 4])
        for text in (line, space + line + space, line.rstrip() + " "):
            assert is_lifted_line(text) and _by_words(text), repr(text)
        for word in NOT_TOKENS:
            mixed = f"{line}{space}{word}"
            assert is_lifted_line(mixed) == _by_words(mixed) is False, repr(mixed)
        assert not is_lifted_line("年初预算为" + line)  # a figure glued to its sentence is no lifted token
    assert not is_lifted_line("") and not is_lifted_line(" \u3000\t")


def test_whether_a_quoted_term_runs_on_past_a_line() -> None:
    for line in _report_lines():
        marks = [c for c in line if c in OPENING_QUOTES or c in CLOSING_QUOTES]
        for quoting in (None, True, False):
            expected = quoting if not marks else marks[-1] in OPENING_QUOTES
            assert ends_quoted(line, quoting) == expected, repr(line)
