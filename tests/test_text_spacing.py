"""Text whose spaces a tool rewrote: runs of spaces turned into TABs (``unexpand``, an editor's tab
compression), or spaces written as no-break spaces (a web page's text, a browser's copy).

Each corpus PDF's ``pdftotext -layout`` text is compressed here under the three ways tools count the
columns to a tab stop (UTF-8 bytes as GNU ``unexpand``, characters, display width as an editor); its
pdfplumber text is written with no-break spaces. Each reads as the text it came from.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from budget_reports.gold import extract_frames
from budget_reports.normalize import display_width
from budget_reports.readers import read_document
from budget_reports.readers.tab_spacing import is_tab_spaced, spaced_out
from budget_reports.readers.text import read_text, text_pages
from budget_reports.text_serializations import missing_program, write_serialization
from tests.conftest import SEED_FILES, corpus_file
from tests.serialization_facts import facts, shortfalls

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"
TEMPLATE = "shanghai-final-accounts-template-2024.pdf"
TAB_STOP = 8

COUNTS: dict[str, Callable[[str], int]] = {
    "bytes": lambda text: len(text.encode("utf-8")),
    "characters": len,
    "display-width": display_width,
}


def tab_compressed(text: str, width: Callable[[str], int]) -> str:
    """Each run of two or more spaces written as TABs to every tab stop it reaches (then the spaces
    left), columns counted by ``width``."""
    return "\n".join(_compressed_line(line, width) for line in text.split("\n"))


def _compressed_line(line: str, width: Callable[[str], int]) -> str:
    out: list[str] = []
    column = 0
    i = 0
    while i < len(line):
        if line[i] != " ":
            out.append(line[i])
            column += width(line[i])
            i += 1
            continue
        j = i
        while j < len(line) and line[j] == " ":
            j += 1
        end = column + j - i
        if j - i >= 2:
            while (column // TAB_STOP + 1) * TAB_STOP <= end:
                out.append("\t")
                column = (column // TAB_STOP + 1) * TAB_STOP
        out.append(" " * (end - column))
        column, i = end, j
    return "".join(out)


@pytest.fixture(scope="module")
def layout_texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if (missing := missing_program("pdftotext-layout")) is not None:
        pytest.skip(missing)
    folder = tmp_path_factory.mktemp("layout")
    return {pdf: write_serialization(corpus_file(pdf), "pdftotext-layout", folder) for pdf in (PUTUO, TEMPLATE)}


@pytest.mark.parametrize("count", sorted(COUNTS))
def test_tab_compressed_layout_text_is_spaced_out_as_it_was(count: str, layout_texts: dict[str, Path]) -> None:
    text = layout_texts[PUTUO].read_text(encoding="utf-8")
    compressed = tab_compressed(text, COUNTS[count])
    assert compressed.count("\t") > 1000
    assert is_tab_spaced(compressed)
    assert spaced_out(compressed) == text


def test_tab_compressed_layout_text_gives_the_facts_of_the_text(layout_texts: dict[str, Path], tmp_path: Path) -> None:
    """GNU ``unexpand``'s way (by bytes): read before as a Word export's cells, no table at all."""
    path = layout_texts[PUTUO]
    compressed = tmp_path / f"tabs-{path.name}"
    compressed.write_text(tab_compressed(path.read_text(encoding="utf-8"), COUNTS["bytes"]), encoding="utf-8")
    expected, got = facts(extract_frames(path, PUTUO)), facts(extract_frames(compressed, PUTUO))
    assert sum(sum(rows.values()) for rows in expected.values()) > 100
    failures = shortfalls(expected, got, {}, "the text", "its tab-compressed copy")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("count", sorted(COUNTS))
def test_tab_compressed_template_reads_its_tables(count: str, layout_texts: dict[str, Path], tmp_path: Path) -> None:
    """The template's tables print few figures (``XX局``, most cells empty): where the ways of counting
    set them in columns alike, the one taken still reads every block and table as the text does."""
    path = layout_texts[TEMPLATE]
    compressed = tmp_path / f"tabs-{path.name}"
    compressed.write_text(tab_compressed(path.read_text(encoding="utf-8"), COUNTS[count]), encoding="utf-8")
    expected, got = read_document(path, TEMPLATE), read_document(compressed, TEMPLATE)
    assert sum(b.table is not None for b in expected.blocks) >= 6
    assert [(b.kind, b.text, b.table) for b in got.blocks] == [(b.kind, b.text, b.table) for b in expected.blocks]


def test_word_exports_are_not_tab_spaced() -> None:
    """A Word export opens each table cell with one TAB, its text right after it: a cell to a line (the
    sample reports), or a row's cells on one line."""
    for seed in SEED_FILES:
        assert not is_tab_spaced(seed.read_text(encoding="utf-8")), seed.name
    assert not is_tab_spaced("\t项目\t金额\n\t合计\t5.00\n\t其中：\t\n")


def test_no_break_spaces_read_as_spaces(tmp_path: Path) -> None:
    """pdfplumber's text lifts the prose figures set in another font onto lines of their own, which
    go back into the gaps their sentences print; written with no-break spaces, the gaps were not found."""
    if (missing := missing_program("pdfplumber")) is not None:
        pytest.skip(missing)
    path = write_serialization(corpus_file(PUTUO), "pdfplumber", tmp_path)
    nbsp = tmp_path / f"nbsp-{path.name}"
    nbsp.write_text(path.read_text(encoding="utf-8").replace(" ", "\u00a0"), encoding="utf-8")
    expected, got = facts(extract_frames(path, PUTUO)), facts(extract_frames(nbsp, PUTUO))
    assert sum(expected["summary_metrics/narrative"].values()) > 40
    failures = shortfalls(expected, got, {}, "the text", "its copy with no-break spaces")
    assert not failures, "\n".join(failures)


def test_tabs_parting_words_are_not_spaced_out(tmp_path: Path) -> None:
    """A text whose words are parted by TABs, no line opening with one (a tab-separated export): the
    TABs part words as spaces do, not spaced out to tab stops (which would set words in false columns)."""
    if (missing := missing_program("pypdfium2")) is not None:
        pytest.skip(missing)
    path = write_serialization(corpus_file(PUTUO), "pypdfium2", tmp_path)
    text = path.read_text(encoding="utf-8")
    tabbed = tmp_path / f"tabbed-{path.name}"
    tabbed.write_text(re.sub(r"(?<=\S) (?=\S)", "\t", text), encoding="utf-8")
    assert tabbed.read_text(encoding="utf-8").count("\t") > 500
    assert not is_tab_spaced(tabbed.read_text(encoding="utf-8"))
    expected, got = facts(extract_frames(path, PUTUO)), facts(extract_frames(tabbed, PUTUO))
    failures = shortfalls(expected, got, {}, "the text", "its copy with TABs between words")
    assert not failures, "\n".join(failures)


def test_layout_text_keeping_the_page_margin_gives_the_facts_of_its_pdf(tmp_path: Path) -> None:
    """``pdftotext -layout -fixed 5`` keeps each page's left margin as spaces before every line, where
    the other extractors drop it: a line's own indent (a paragraph's first line, a line raised above the
    one it follows) tells past the margin. Before, three prose facts were read wrongly."""
    if (missing := missing_program("pdftotext-layout")) is not None:
        pytest.skip(missing)
    path = tmp_path / "fixed-pitch.txt"
    subprocess.run(["pdftotext", "-layout", "-fixed", "5", str(corpus_file(PUTUO)), str(path)], check=True)
    text = path.read_text(encoding="utf-8")
    pages = [[line for line in page.split("\n") if line.strip()] for page in text.split("\f")]
    assert sum(all(line.startswith(" ") for line in page) for page in pages if page) > 20  # a margin on most pages
    failures = shortfalls(facts(extract_frames(corpus_file(PUTUO))), facts(extract_frames(path, PUTUO)), {})
    assert not failures, "\n".join(failures)


def test_tab_compressed_text_without_page_breaks_keeps_its_pages(layout_texts: dict[str, Path]) -> None:
    """A tab-compressed text with no form feed, its pages found by the numbers it prints: the pages the
    review site shows a cited line on (``text_pages``) are the reader's, the text no Word export there
    either."""
    pages = layout_texts[PUTUO].read_text(encoding="utf-8").split("\f")
    numbered = "\n".join(f"{page.rstrip(chr(10))}\n- {n} -" for n, page in enumerate(pages, start=1) if page.strip())
    compressed = tab_compressed(numbered, COUNTS["bytes"])
    assert "\f" not in compressed and is_tab_spaced(compressed)
    shown = text_pages(compressed)
    assert len(shown) == len(text_pages(numbered)) == read_text(compressed, "x.txt").page_count > 20
    assert [len(page) for page in shown] == [len(page) for page in text_pages(numbered)]
