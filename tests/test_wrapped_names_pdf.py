"""Names wrapped in narrow name cells, read back from texts written one table row per line or so.

Each variant is a corpus report typeset from its document model (``tests/seed_pdf.py``) with every
long name of its tables' bodies broken into lines of 4 to 8 characters, on landscape or A4 portrait
pages, so a name runs over two, three or more lines: -raw writes them in content order after the
row's code (``208 05 05`` / ``机关事业单位基本`` / ``养老保险缴费支出`` / figures), pypdfium2 the code line
first, pdfplumber around the row's line of code and figures, centred on it (its first lines above
the code, its last below, then the next row's first lines). Read from each text, no figure is put
in a wrong row or column and no row gets a wrong name: every fact read is one the report gives.
Where another reader still gives wrong facts, the test says which and what (strict xfail).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from _pytest.mark import ParameterSet

from budget_reports.readers import read_document
from tests.conftest import corpus_file
from tests.printed_variants import BUDGET, FINAL, read_back, report_facts, with_grids, wrapped_names
from tests.seed_pdf import PORTRAIT, typeset
from tests.serialization_facts import Facts, table_facts_matched, table_facts_not_in_report

LANDSCAPE = (842.0, 595.0)
SERIALIZERS = ("pdftotext-raw", "pypdfium2", "pdfplumber")
# (page, width of the name cells in characters): every width on landscape pages, two on portrait
# ones (where the wider tables run on to more pages). Width 6 on landscape pages is read in
# tests/test_printed_variants_pdf.py too, with its facts counted.
PRINTS = [*(("landscape", width) for width in (4, 5, 6, 7, 8)), ("portrait", 5), ("portrait", 7)]

# (report, page, width, serializer) -> what another reader still reads wrongly there.
KNOWN: dict[tuple[str, str, int, str], str] = {}


# (page, width) -> table facts read from -raw, pypdfium2 and pdfplumber (of the budget's 100 and the
# final account's 97); the others are not read (most reported ambiguous), none read wrongly but
# where KNOWN says. -raw and pypdfium2 read the 收入支出决算总表's one-sided rows (年初结转和结余) on
# the side their labels name (readers/overview_labels.py). pdfplumber's final account at width 7
# and 8 (landscape) and 7 (portrait) read 79, 83 and 74 facts while the lines of its 基本支出决算表's
# names between two code lines all went to the row below (30110 read as 职工基本医疗保, 30113 as
# 费因公出国（境）住房公积金, …). The overviews' wrapped labels, their two sides' pieces interleaved
# line by line, take the side whose label they make (readers/two_sided_labels.py): the final
# account's pdfplumber text at width 4 read 60 facts and two wrong lines (本年支出, 保障和就收入业支出)
# before, 94 and none now; at 5 to 8 (landscape) and 5 (portrait) 81, 85, 87, 89 and 77 before;
# -raw at width 4 (read by baseline too: its labels print their figures on the lines below) 89;
# the budget's pdfplumber text at widths 5 to 7 (landscape, portrait) 94 or 95, then 96 while its
# overviews' sub-items (1.一般公共预算) were not taken for labels, the text for one row per line.
# An overview whose labels print their figures among their own pieces (a label over three lines,
# centred on its row: ``八、社会保`` / ``障 326.71 326.71`` / ``和就业支出``) is told written by baseline
# too (readers/baseline_rows.py): it was read one row per line, its 类 lines read with no name or a
# piece's (the budget at width 4, landscape: 92 before, 98 now, 208 210 212 221 of both overviews;
# the final account at width 6, landscape: 88 before, 96 now, the 收入支出决算总表's 类 lines, income
# and carry-overs; portrait 5 and 7: 83 and 82 before, 93 and 89 now, the 财政拨款收入支出决算总表's).
# On portrait pages the 三公 table's heads wrap, 合计 alone on a line among them: a table without a
# label column prints no 合计 row, so it is the header's (readers/linear_tables.py
# ``_total_in_header``): the budget's -raw text 96 before, 100 now (its 三公 table was not read), the
# final account's pdfplumber text 93 and 89 before, 94 and 90 now (its 三公 合计's figure, the prose
# stating it; the 公务接待费's, the same 0.95, reported ambiguous).
# The budget's pdfplumber text at widths 4 to 7 (landscape) and 5 and 7 (portrait) reads every fact:
# the 财务收支预算总表's 33,775,592 and 5,871,730, each on a line of its own between two labels'
# pieces, either side's column able to hold it, go to the spending side, the only one whose items
# then add up to 支出总计 (readers/lone_figures.py ``shares_keeping_item_totals``): 98 before. At
# width 8 those labels fit a line; both overviews' 208 lines were reported (98): the spending label
# wraps around the income one's line (一、社会保障和就 / 一、财政拨款收入 47,483,458 6,397,096 /
# 业支出), which was counted as a label printing its figures beside it, and the overview was read one
# row per line. A label's pieces around a line of the other side's label and the row's figures are
# the middle of a band by baseline (readers/baseline_rows.py ``_figures_between_pieces``): 100. So
# at width 7 the final account's pdfplumber text reads its 收入支出决算总表 (its income lines, the
# 全部资金 类 lines: 90 before, 96 now, landscape and portrait).
# At width 8 (landscape) the final account's pdfplumber text writes the fiscal overview's
# 一、一般公共预算财政 / 拨款 around its row's figures: the last piece joins the label it completes
# (overview_labels.label_ends_joined), its 一般公共预算财政拨款收入 read (91 before). Its
# 收入支出决算总表 was still read one row per line (92): three labels print their figures under them
# (一、一般公共预算 一、一般公共服务 / 2,940.05 2,106.66 / 财政拨款收入 支出), three beside them (the totals'
# rows fitting a line, printed so in any writing); a label printing pieces of its own after its
# figures' line is printed so only by baseline and counts twice (readers/baseline_rows.py): its
# income lines (一般公共预算财政拨款收入, 其他收入) and its 201 and 208 全部资金 lines read (96).
# pypdfium2 at width 4 breaks the fiscal overview's totals before 合计, which opens the next line
# with the row's figures (本年收入 / 合计 2940.05 本年支出 / 合计 2940.05 …): 合计 opened rows of its
# own and both totals were lost, and with them the 支出决算表's 本年支出合计 and the
# 一般公共预算财政拨款支出决算表's total (90). A 合计 opening a line ends the label closing the row
# above where they make a side's year total (readers/overview_labels.py ``totals_joined``): 94.
# At width 4 the final account's -raw text writes the 基本支出决算表's totals a cell per line, their
# labels cut before 合计 (``人员经费`` / ``合计`` / ``2,152.26``) right after 31099's wrapped name: the
# bare 合计 ends the label above it (readers/linear_rows.py ``_label_token``), 人员经费 and 公用经费
# read (93 before, 人员经费 read as the end of 31099's name). pypdfium2 writes the 合计 opening the line
# of the row's figures, the other half's label after them (``人员经费`` / ``合计 2,152.26 公用经费`` /
# ``合计 184.65``): the piece ending a label may open its figures' line (``linear_rows._label_ending``):
# 96 (94 before).
READ = {
    BUDGET: {
        ("landscape", 4): (100, 100, 100),
        ("landscape", 5): (100, 100, 100),
        ("landscape", 6): (100, 100, 100),
        ("landscape", 7): (100, 100, 100),
        ("landscape", 8): (100, 100, 100),
        ("portrait", 5): (100, 100, 100),
        ("portrait", 7): (100, 100, 100),
    },
    FINAL: {
        ("landscape", 4): (95, 96, 94),
        ("landscape", 5): (95, 96, 94),
        ("landscape", 6): (96, 96, 96),
        ("landscape", 7): (96, 96, 96),
        ("landscape", 8): (96, 96, 96),
        ("portrait", 5): (95, 96, 94),
        ("portrait", 7): (96, 96, 96),
    },
}


@pytest.fixture(scope="module")
def wrapped(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str, int], Path]:
    """The PDF of a corpus report with its names wrapped at ``width`` characters (each made once)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: scripts/system-deps.sh installs it")
    made: dict[tuple[str, str, int], Path] = {}

    def pdf(report: str, page: str, width: int) -> Path:
        if (report, page, width) not in made:
            document = with_grids(read_document(corpus_file(report), report), lambda grid: wrapped_names(grid, width))
            folder = tmp_path_factory.mktemp(f"{page}-{width}")
            made[report, page, width] = typeset(
                document,
                folder / f"{Path(report).stem}.pdf",
                merged=False,
                table_page=PORTRAIT if page == "portrait" else LANDSCAPE,
            )
        return made[report, page, width]

    return pdf


def _cases() -> list[ParameterSet]:
    cases: list[ParameterSet] = []
    for report in (BUDGET, FINAL):
        for page, width in PRINTS:
            for serializer in SERIALIZERS:
                key = (report, page, width, serializer)
                marks = [pytest.mark.xfail(strict=True, reason=KNOWN[key])] if key in KNOWN else []
                cases.append(pytest.param(*key, marks=marks, id=f"{report[:30]}-{page}-{width}-{serializer}"))
    return cases


@cache
def _facts_of(report: str) -> Facts:
    return report_facts(report)


@pytest.mark.parametrize(("report", "page", "width", "serializer"), _cases())
def test_wrapped_names_give_no_wrong_fact(
    wrapped: Callable[[str, str, int], Path], tmp_path: Path, report: str, page: str, width: int, serializer: str
) -> None:
    got = read_back(wrapped(report, page, width), serializer, tmp_path, report)
    assert table_facts_not_in_report(_facts_of(report), got) == {}
    assert table_facts_matched(_facts_of(report), got) == READ[report][page, width][SERIALIZERS.index(serializer)]
