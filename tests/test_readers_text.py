"""Word-exported text (the seeds), pdftotext-style pages, text encodings and bytes that are not text."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest

from budget_reports.model import BlockKind, Document
from budget_reports.readers import ReadError, read_document
from budget_reports.readers.text import strip_markers
from tests.conftest import SEED_DIR, SEED_FILES
from tests.seed_pdf import PROSE_SIZE, wrap


def _seed(stem: str) -> Path:
    return SEED_DIR / f"{stem}.txt"


def _read(path: Path) -> Document:
    return read_document(path, path.name)


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def _tables(document: Document):
    return [block.table for block in document.tables()]


def _row(table, row: int) -> list[tuple[str, int]]:
    return [(cell.text, cell.line) for cell in table.row_cells(row)]


def test_seed_000_has_five_self_evaluation_tables_split_at_double_blank_lines() -> None:
    tables = _tables(_read(_seed("000_1ca1b4d95d915062")))
    assert [t.line for t in tables] == [428, 585, 704, 851, 991]
    assert all(t.cell_at(0, 0).text == "2021年项目绩效目标自评表" for t in tables)
    assert all(t.n_cols == 6 for t in tables)


def test_seed_000_cells_continuation_lines_and_bare_tab_merged_cells() -> None:
    table = _tables(_read(_seed("000_1ca1b4d95d915062")))[0]
    # Continuation lines (no TAB) join the cell they follow; the line is the cell's TAB line.
    assert _row(table, 3) == [
        ("项目预算\n执行情况\n（万元）", 439),
        ("预算数：", 442),
        ("5", 443),
        ("执行数：", 444),
        ("5", 445),
    ]
    # A bare TAB is an empty (vertically merged) cell that keeps its column.
    assert _row(table, 4) == [("", 447), ("其中：\n财政拨款", 448), ("5", 450), ("其中：\n财政拨款", 451), ("5", 453)]
    # Two blank lines after a continuation line close the cell, not the row: the row keeps six cells.
    row21 = ["", "满意\n度指标", "满意度\n指标", "机关党员群众满意度", "≥98%", "≥98%"]
    assert [text for text, _ in _row(table, 21)] == row21
    assert [text for text, _ in _row(table, 22)] == ["", "", "满意度\n指标", "社会公众满意度", "≥98%", "≥98%"]


def test_seed_002_empty_paragraph_inside_a_cell_does_not_end_the_table() -> None:
    tables = _tables(_read(_seed("002_f4d5f3929f6a2ae3")))
    assert [t.line for t in tables] == [296, 494, 680]
    last_rows = [[c.text for c in tables[0].row_cells(r)] for r in range(tables[0].n_rows - 3, tables[0].n_rows)]
    assert [row[0] for row in last_rows] == ["评价\n结论", "存在\n问题", "改进\n措施"]
    assert last_rows[0][1].startswith("严格按照财政要求按时支付到位")
    assert tables[0].row_cells(tables[0].n_rows - 3)[0].line == 480
    assert tables[2].row_cells(tables[2].n_rows - 3)[0].line == 851
    # Row 6: 总额 line of the budget execution part, eleven columns wide table.
    assert [c.text for c in tables[0].row_cells(6)] == [
        "",
        "总额",
        "80.00",
        "80.00",
        "69.86",
        "87.32%",
        "10",
        "8.7",
        "对一般性支出进行压减",
    ]


def test_seed_003_score_cell_broken_by_an_empty_paragraph() -> None:
    table = _tables(_read(_seed("003_397564467219909d")))[1]
    rows = [_row(table, r) for r in range(table.n_rows)]
    row = next(r for r in rows if r[1][0] == "产出指标\n(55分)")
    assert row[1][1] == 258 and row[2] == ("数量指标", 261)
    assert [text for text, _ in row[-3:]] == ["5", "5", ""]


def test_seed_004_space_before_tab_still_starts_a_table() -> None:
    document = _read(_seed("004_127aded49d8bfbe3"))
    first = _tables(document)[0]
    assert first.line == 153
    assert first.cell_at(0, 0).text == "广元市昭化区部门整体支出绩效目标自评表"
    assert first.cell_at(1, 0).text == "（2023 年度）" and first.cell_at(1, 0).line == 155


def test_export_markers_are_removed_and_headings_keep_their_file_line() -> None:
    first = _read(_seed("001_8af6c6b53bb795b2"))
    by_line = {b.line: b for b in first.text_blocks()}
    assert (by_line[3].kind, by_line[3].text) == (BlockKind.HEADING, "一、基本职能及主要工作")
    assert (by_line[81].kind, by_line[81].text) == (BlockKind.HEADING, "第3部分 名词解释")
    assert (by_line[96].kind, by_line[96].text) == (BlockKind.HEADING, "第四部分 附件")
    assert 21 not in by_line and 95 not in by_line  # lines holding only markers
    zero = {b.line: b for b in _read(_seed("000_1ca1b4d95d915062")).text_blocks()}
    assert zero[121].text == "0.00%"  # "[image: image6.png]0.00%"
    four = _read(_seed("004_127aded49d8bfbe3"))
    assert [(b.kind, b.line, b.text) for b in four.blocks[:3]] == [
        (BlockKind.HEADING, 1, "第一部分 部门概况"),
        (BlockKind.HEADING, 2, "一、部门职责"),
        (BlockKind.HEADING, 3, "（一）主要职能。"),
    ]


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_blocks_keep_the_original_text_of_their_line(seed: Path) -> None:
    lines = _lines(seed)
    document = _read(seed)
    assert document.file_format == "text" and document.page_count is None
    assert len(list(document.text_blocks())) > 20
    for block in document.blocks:
        assert "[bookmark:" not in block.text and "[image:" not in block.text
        if block.kind is BlockKind.TABLE:
            for cell in block.table.cells:
                first_line = cell.text.split("\n")[0]
                assert first_line in strip_markers(lines[cell.line - 1]), (cell.line, cell.text)
        else:
            assert block.text == strip_markers(lines[block.line - 1]).strip(), block.line
    # Full-width punctuation and digits stay as written; normalizing is the extractors' business.
    assert any("（" in b.text for b in document.blocks)


def _pages_text() -> tuple[list[str], list[str]]:
    lines = _lines(_seed("002_f4d5f3929f6a2ae3"))
    return lines[:12], lines[12:30]


def test_form_feeds_separate_pages_and_lines_restart_on_each_page(tmp_path: Path) -> None:
    first, second = _pages_text()
    path = tmp_path / "report.txt"
    path.write_text("\n".join(first) + "\n\f" + "\n".join(second) + "\n\f", encoding="utf-8")
    document = _read(path)
    assert document.file_format == "pdftotext" and document.page_count == 2
    assert {b.page for b in document.blocks} == {1, 2}
    for block in document.blocks:
        page_lines = first if block.page == 1 else second
        assert block.text == page_lines[block.line - 1].strip()
    page2 = [b for b in document.blocks if b.page == 2]
    assert page2[0].line == next(i for i, line in enumerate(second, start=1) if line.strip())


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8-sig", True), ("gb18030", False), ("gbk", False), ("utf-16", True), ("utf-16-le", False)],
)
def test_encodings_give_the_same_blocks_as_utf8(tmp_path: Path, encoding: str, bom: bool) -> None:
    seed = _seed("000_1ca1b4d95d915062")
    text = seed.read_text(encoding="utf-8")
    if encoding == "gbk":  # GBK lacks a few characters GB18030 has; keep what it can encode
        text = text.encode("gbk", errors="ignore").decode("gbk")
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    assert path.read_bytes().startswith((b"\xef\xbb\xbf", b"\xff\xfe")) == bom
    expected = read_document(_write_utf8(tmp_path, text), "x")
    got = read_document(path, "x")
    assert [(b.kind, b.text, b.line) for b in got.blocks] == [(b.kind, b.text, b.line) for b in expected.blocks]
    assert [t.grid() for t in _tables(got)] == [t.grid() for t in _tables(expected)]


def _write_utf8(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "utf8.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_random_bytes_named_txt_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(random.Random(7).randbytes(64 * 1024))
    with pytest.raises(ReadError, match=r"不是.*文本"):
        _read(path)


def test_a_zip_named_txt_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "archive.txt"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", random.Random(3).randbytes(20_000))
    with pytest.raises(ReadError, match="文本"):
        _read(path)


def test_text_with_a_few_control_characters_is_still_text(tmp_path: Path) -> None:
    seed = _seed("002_f4d5f3929f6a2ae3").read_text(encoding="utf-8")
    path = tmp_path / "vt.txt"
    path.write_text(seed.replace("。", "。\x0b", 3), encoding="utf-8")
    assert len(_read(path).blocks) == len(_read(_seed("002_f4d5f3929f6a2ae3")).blocks)


def test_utf8_with_a_damaged_byte_stays_utf8_and_says_so(tmp_path: Path) -> None:
    seed = _seed("002_f4d5f3929f6a2ae3")
    data = seed.read_bytes()
    cut = data.index("部门预算项目支出绩效自评表".encode()) + 1  # inside the first character's three bytes
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:cut] + data[cut + 1 :])
    document = _read(path)
    assert len(document.warnings) == 1 and "1 处无法解码的字节" in document.warnings[0]
    assert len(document.lost) == 1 and "1 处字节无法解码" in document.lost[0]  # the report will be partial
    texts = [b.text for b in document.blocks]
    assert texts[:5] == [b.text for b in _read(seed).blocks][:5]
    assert sum("\ufffd" in t for t in texts) == 1


_PARAGRAPH = (
    "本部门2023年度收入合计912.26万元，其中一般公共预算财政拨款收入912.26万元，占100%；支出合计"
    "912.26万元，其中基本支出686.2万元，占75.2%；项目支出226.06万元，占24.8%，主要用于干部教育培训、"
    "基层组织建设和人才工作等方面的支出，较上年增加158.44万元，主要原因是新增干部暖心关爱帮扶基金。"
)
_CELL_TEXT = "对照部门年初整体支出绩效目标编制和完成情况计算指标得分绩效目标数量指标成本指标完成的指标个数"


@pytest.mark.parametrize("lead", ["", "（二）自评得分情况：根据年初的绩效考核工作计划和目标，"])
@pytest.mark.parametrize("table_pages", [0, 3, 12])
def test_prose_pages_say_the_wrap_width_among_pages_of_long_table_cells(
    tmp_path: Path, table_pages: int, lead: str
) -> None:
    """A paragraph wrapped as a page of 40 characters prints it, its first line set in by two (and
    led by a run-in heading or not), joins whole however many pages of table cells (lines of every
    width) follow it."""
    paragraph = lead + _PARAGRAPH
    lines = wrap(paragraph, 40 * PROSE_SIZE, PROSE_SIZE, indent=2 * PROSE_SIZE)
    cells = "\n".join(_CELL_TEXT[: 16 + (k * 7) % 30] for k in range(40))
    text = "\n".join(["一、收入支出决算总体情况说明", *lines]) + "\f" + "\f".join([cells] * table_pages) + "\f"
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    document = read_document(path, "report.txt")
    block = next(b for b in document.blocks if b.text.startswith(paragraph[:6]))
    assert block.text == paragraph and len(block.line_starts) == len(lines)
