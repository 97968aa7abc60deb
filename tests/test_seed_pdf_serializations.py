"""Same facts from every serialization, for the five seed reports typeset as report PDFs.

Each seed report (Word-exported text of another department, place and year) is typeset as a PDF
from the document model the text reader gives for it (``tests/seed_pdf.py``: prose wrapped on
portrait pages, ruled landscape tables with merged cells, wrapped cells and repeated headers), so
no figure is typed by hand. Then:

1. the PDF read by the PDF reader gives the seed's facts, view by view;
2. the PDF's text as each extractor writes it (pdftotext default, -layout and -raw, pypdfium2,
   pdfplumber) gives the PDF's facts, value by value in both directions;
3. no table figure read from a text contradicts the PDF's, and each one left NULL is reported as
   ``extraction.ambiguous_cell``;
4. each table the PDF gives indicators of is reported in the text, whose indicator lines are not read
   (``readers/unread_indicators.py``).

The views are those of ``tests/test_text_serializations.py`` and the performance views (the seeds'
tables are self-evaluation tables). How much each form reads is pinned as measured, with the reason
next to each pin; a view not pinned must match exactly.
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pypdfium2
import pytest

from budget_reports.gold import extract_frames
from budget_reports.readers import read_document
from budget_reports.text_serializations import SERIALIZERS, missing_program, write_serialization
from tests.conftest import SEED_FILES
from tests.seed_pdf import LANDSCAPE, PORTRAIT, typeset
from tests.serialization_facts import PERFORMANCE_VIEWS, VIEWS, facts, guessed_figures, shortfalls

SEEDS = [path.name for path in SEED_FILES]
ALL_VIEWS = VIEWS + PERFORMANCE_VIEWS
SEED_000, SEED_001, SEED_002, SEED_003, SEED_004 = SEEDS

# seed -> {"view/kind": (facts matched at least, facts not in the seed at most)} for its PDF.
# - A line break inside a cell, where the cell's line is full anyway, cannot be told from the cell's
#   wrapping; a PDF cell's text is its lines joined: an indicator whose target or actual text holds
#   such a break reads without it (003: two indicators, each read once, its text joined).
PDF_PINS: dict[str, dict[str, tuple[int, int]]] = {
    SEED_003: {"performance_indicators": (21, 2)},
}

# (seed, serializer) -> pins, as PDF_PINS, of the text against the PDF. Why:
# - Indicators: the self-evaluation tables' project, money by fund source and total score are read
#   from linear text (``readers/line_evaluations.py``); their indicator lines are not (free-text
#   cells that wrap over lines, run into each other on one line): performance_indicators stays 0.
# - 003's 基础数据表 (summary_metrics/table, ``readers/line_basic_data.py``): 10 of its 13 metrics where each
#   line is written on one line; the three lines printing two figures under three year columns
#   (``其中：公车购置 0 0``) are reported ambiguous. Written one cell per line (pdftotext default,
#   PyMuPDF), only the staffing (3): a figure apart from its label may be another row's.
# - 000 prints its money as label/figure pairs (``预算数： 5 执行数： 5``, then ``其中：`` / ``财政拨款``
#   / ``5`` on each side): the rows under the total are read where each side's label comes before
#   its figure, on one line or broken over lines at any place (-raw, pypdfium2, PyMuPDF's
#   ``预算数：`` / ``20 执行数：`` / ``20``, pdftotext default's one cell a paragraph: read as one
#   stream across line ends), not where both sides' labels share the baselines (pdfplumber,
#   -layout: the total alone, the figures under it reported between the two sides). 001's
#   department-wide table (the same layout) is titled ``2021年部门`` / ``预算项目绩效`` / ``目标自评``
#   in its first cell (``line_evaluations._is_cell_title``), its department labelled ``主管部门及代码``:
#   read where each form reads such pairs.
# - 001: 两新第一书记试点经费 starts at a page's foot and the next page repeats the header of another
#   project (the seed's grids merge consecutive tables): whose money follows is not read (never
#   given to the other name). pdf.js's copy marks no page: its pages are found by the numbers the
#   pages print (``readers/printed_pages.py``), without which that money went to the other name.
# - pdftotext default prints a table's cells as blocks: a table is read only where its money
#   columns' labels all stand before its rows (004), not where a column's label follows them (002,
#   003) or the rows stand apart from their labels (001).
# - pdfplumber writes labels of neighbouring cells interleaved on one baseline: the columns' order
#   is then tried in every order the baselines allow that keeps the money columns in the order every
#   form prints them (budget, execution, rate: 004 read whole, its printed 执行率 of 0 kept), and a line
#   is placed only where the arithmetic leaves one reading; elsewhere its figures are NULL and
#   reported (001's department-wide 财政拨款 line, which prints two figures under three columns).
#   Likewise a figure wrapped away from its row (003's ``416.39`` / ``万元`` in pdfplumber and -layout)
#   leaves the row NULL and reported.
# - Rows whose cells come one per line under their label (PyMuPDF, pdftotext default; neighbours
#   sometimes joined, a reason's text after the last figure) are placed by reading order where the
#   block shows it is printed row by row (each label followed by its own cells, no figure left
#   over): 004's rows whose printed 执行率 is not 执行数 / 全年预算数 read as printed, as in the
#   one-row-per-line texts. Elsewhere a wrapped row is placed only where its arithmetic holds.
# - 002: in pdfplumber and -layout text some rows of the money block are not found, their labels
#   wrapped beside the figures and the frame's label pieces (综合调研: the total alone; 市委大院维修
#   维护: the first two rows).
_INDICATORS_NOT_READ = {"performance_indicators": (0, 0)}
_NOT_READ = {"performance_projects/table": (0, 0), "performance_funds": (0, 0), **_INDICATORS_NOT_READ}
_MEASURED: dict[tuple[str, str], dict[str, tuple[int, int]]] = {
    (SEED_000, "pdfplumber"): {"performance_funds": (5, 0)},
    (SEED_000, "pdftotext-layout"): {"performance_funds": (5, 0)},
    (SEED_001, "pdfplumber"): {"performance_funds": (37, 0)},
    (SEED_001, "pdftotext-layout"): {"performance_funds": (37, 0)},
    (SEED_001, "pdftotext"): {**_NOT_READ, "performance_projects/table": (1, 0), "performance_funds": (1, 0)},
    (SEED_002, "pdfplumber"): {"performance_funds": (8, 0)},
    (SEED_002, "pdftotext-layout"): {"performance_funds": (8, 0)},
    (SEED_002, "pdftotext"): dict(_NOT_READ),
    (SEED_003, "pdfplumber"): {"performance_projects/table": (0, 1), "performance_funds": (0, 1)},
    (SEED_003, "pdftotext-layout"): {"performance_projects/table": (0, 1), "performance_funds": (0, 1)},
    (SEED_003, "pdftotext"): dict(_NOT_READ),
}
_BASIC_DATA = {"pdftotext": (3, 0), "pymupdf": (3, 0)}
TEXT_PINS: dict[tuple[str, str], dict[str, tuple[int, int]]] = {
    (seed, serializer): {
        **_INDICATORS_NOT_READ,
        **({"summary_metrics/table": _BASIC_DATA.get(serializer, (10, 0))} if seed == SEED_003 else {}),
        **_MEASURED.get((seed, serializer), {}),
    }
    for seed in SEEDS
    for serializer in SERIALIZERS
}


def _text_pins(seed: str, serializer: str) -> dict[str, tuple[int, int]]:
    return TEXT_PINS.get((seed, serializer), {})


@pytest.fixture(scope="module")
def seed_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("seed-pdfs")
    return {path.name: typeset(read_document(path, path.name), folder / f"{path.stem}.pdf") for path in SEED_FILES}


@pytest.fixture(scope="module")
def pdf_frames(seed_pdfs: dict[str, Path]):
    cache: dict[str, dict[str, pl.DataFrame]] = {}

    def read(seed: str) -> dict[str, pl.DataFrame]:
        if seed not in cache:
            cache[seed] = extract_frames(seed_pdfs[seed], seed)
        return cache[seed]

    return read


@pytest.fixture(scope="module")
def text_frames(seed_pdfs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory):
    cache: dict[tuple[str, str], dict[str, pl.DataFrame]] = {}

    def read(seed: str, serializer: str) -> dict[str, pl.DataFrame]:
        if (seed, serializer) not in cache:
            if (missing := missing_program(serializer)) is not None:
                pytest.skip(missing)
            path = write_serialization(seed_pdfs[seed], serializer, tmp_path_factory.mktemp(serializer))
            cache[(seed, serializer)] = extract_frames(path, seed)
        return cache[(seed, serializer)]

    return read


def test_the_pdfs_are_printed_as_reports_are(seed_pdfs: dict[str, Path]) -> None:
    """Portrait prose pages and landscape table pages; tables with cells merged across columns and
    down rows; tables run on over pages, their header printed again, each read back as one table."""
    sizes, merged_across, merged_down, continued = set(), 0, 0, 0
    for seed, path in seed_pdfs.items():
        document = pypdfium2.PdfDocument(str(path))
        sizes |= {tuple(round(v) for v in document[i].get_size()) for i in range(len(document))}
        document.close()
        tables = list(read_document(path, seed).tables())
        assert len(tables) == len(list(read_document(SEED_FILES[SEEDS.index(seed)], seed).tables()))
        for block in tables:
            table = block.table
            merged_across += sum(1 for c in table.cells if c.col_span > 1)
            merged_down += sum(1 for c in table.cells if c.row_span > 1)
            continued += len(table.pages) > 1
    assert sizes == {tuple(round(v) for v in PORTRAIT), tuple(round(v) for v in LANDSCAPE)}
    assert merged_across > 100 and merged_down > 50 and continued >= 10


@pytest.mark.parametrize("seed", SEEDS)
def test_pdf_gives_the_facts_of_its_seed(seed: str, pdf_frames) -> None:
    expected = facts(extract_frames(SEED_FILES[SEEDS.index(seed)]), ALL_VIEWS)
    got = facts(pdf_frames(seed), ALL_VIEWS)
    failures = shortfalls(expected, got, PDF_PINS.get(seed, {}), "the seed", "the PDF")
    assert not failures, f"PDF of {seed}:\n" + "\n".join(failures)


@pytest.mark.parametrize("serializer", sorted(SERIALIZERS))
@pytest.mark.parametrize("seed", SEEDS)
def test_text_gives_the_facts_of_its_pdf(seed: str, serializer: str, pdf_frames, text_frames) -> None:
    expected = facts(pdf_frames(seed), ALL_VIEWS)
    got = facts(text_frames(seed, serializer), ALL_VIEWS)
    failures = shortfalls(expected, got, _text_pins(seed, serializer))
    assert not failures, f"{serializer} text of the PDF of {seed}:\n" + "\n".join(failures)


@pytest.mark.parametrize("serializer", sorted(SERIALIZERS))
@pytest.mark.parametrize("seed", SEEDS)
def test_no_table_figure_is_guessed(seed: str, serializer: str, pdf_frames, text_frames) -> None:
    contradictions, unreported = guessed_figures(pdf_frames(seed), text_frames(seed, serializer), ALL_VIEWS)
    assert not contradictions, "\n".join(contradictions)
    assert not unreported, "NULL without an ambiguous-cell finding:\n" + "\n".join(unreported)


def _runs(indicators: pl.DataFrame) -> list[tuple[str, int, int]]:
    """(project, first page, last page) of each table's indicators as the PDF gives them."""
    runs: list[list] = []
    for page, project in sorted(set(zip(indicators["page"], indicators["project_name"], strict=True))):
        if runs and runs[-1][0] == project and page - runs[-1][2] <= 1:
            runs[-1][2] = page
        else:
            runs.append([project, page, page])
    return [(project, first, last) for project, first, last in runs]


@pytest.mark.parametrize("serializer", sorted(SERIALIZERS))
@pytest.mark.parametrize("seed", SEEDS)
def test_every_table_whose_pdf_gives_indicators_is_reported_in_the_text(
    seed: str, serializer: str, pdf_frames, text_frames
) -> None:
    """Each table the PDF gives indicators of is named by a report of the text (its indicators not
    read, or the whole table not read) on one of its pages, or up to two pages before them: where a
    table's title stands (pdftotext's default mode writes a page's blocks out of order)."""
    runs = _runs(pdf_frames(seed)["performance_indicators"])
    text = text_frames(seed, serializer)
    assert text["performance_indicators"].height == 0
    message = text["reports"]["error_message"][0] or ""
    pages = [int(page) for page in re.findall(r"第(\d+)页[^；]*(?:自评|绩效指标|指标体系)", message)]
    assert runs and [run for run in runs if not any(run[1] - 2 <= page <= run[2] for page in pages)] == []
