"""The 部门整体支出绩效评价基础数据表 read from text extracted from a PDF (``readers/line_basic_data.py``).

The texts are generated from one table's lines, written the ways extractors write it: one row per
line, one cell per line (pdftotext's default mode, PyMuPDF), the staffing labels of wrapped cells out
of order (pdfplumber), the year columns wrapped into pieces, a page number glued to a line. Each test
asserts the summary metrics the view gets, or that what the text does not pin down is NULL (absent)
and reported, never guessed.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from budget_reports.gold import extract_frames
from budget_reports.readers import read_document

TITLE = "2023年度部门整体支出绩效评价基础数据表"
YEARS = ("2022年决算数", "2023年预算数", "2023年决算数")
# label -> (prior year's 决算, 预算, 决算), as printed ("" an empty cell).
LINES = {
    "三公经费": ("3.20万元", "4.00万元", "2.90万元"),
    "1.公务用车购置和维护经费": ("1.20万元", "2.00万元", "1.10万元"),
    "2.出国经费": ("0", "", "0"),
    "3.公务接待": ("2.00万元", "2.00万元", "1.80万元"),
    "公用经费": ("151.53万元", "52.06万元", "139.5万元"),
    "其中：办公经费": ("12.82万元", "5.64万元", "11.34万元"),
}
METRICS = {"三公经费": "三公经费", "1.公务用车购置和维护经费": "公务用车购置及运行维护费", "3.公务接待": "公务接待费"}
METRICS |= {"公用经费": "公用经费", "其中：办公经费": "办公经费"}


def _staff_lines(style: str, quota: str = "24", actual: str = "22", rate: str = "91.67%") -> list[str]:
    if style == "cells":
        return ["财政供养人员情况", "编制数", quota, "2023年实际在职", "人数", actual, "控制率", rate]
    if style == "interleaved":  # pdfplumber: the wrapped label's first line above the row's baseline
        return ["2023年实际在职", "财政供养人员情况 编制数 控制率", "人数", f"{quota} {actual} {rate}"]
    return ["财政供养人员情况 编制数 2023年实际在职", "人数 控制率", f"{quota} {actual} {rate}"]


def table_lines(style: str, **staff: str) -> list[str]:
    """The table as an extractor writes it: ``rows`` (a line per row), ``cells`` (a cell per line)."""
    lines = [TITLE, *_staff_lines(style, **staff)]
    if style == "cells":
        lines += ["经费控制情况", *YEARS]
        for label, cells in LINES.items():
            lines += [label, *(cell for cell in cells if cell)]
    else:
        lines.append("经费控制情况 " + " ".join(YEARS))
        lines += [" ".join([label, *(cell for cell in cells if cell)]) for label, cells in LINES.items()]
    return [*lines, "说明：“公用经费”填报基本支出中的一般商品和服务支出。"]


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "basic-data.txt"
    preface = ["某某市某某局2023年度部门整体支出绩效自评报告", "附件：部门整体支出绩效评价基础数据表"]
    path.write_text("\f".join(["\n".join(preface), "\n".join(lines)]) + "\f", encoding="utf-8")
    return path


def _metrics(path: Path) -> dict[str, dict]:
    frame = extract_frames(path, path.name)["summary_metrics"].filter(pl.col("scope") == TITLE)
    return {row["metric"]: row for row in frame.iter_rows(named=True)}


def _ambiguous(path: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(a.figure, a.row, a.candidates) for a in read_document(path, path.name).ambiguous_cells]


def _wanyuan(text: str) -> Decimal | None:
    return Decimal(text.removesuffix("万元")) if text else None


@pytest.mark.parametrize("staff", ["rows", "interleaved"])
def test_each_line_written_on_one_line_gives_its_three_years(tmp_path: Path, staff: str) -> None:
    lines = table_lines("rows")
    lines[1 : 1 + len(_staff_lines("rows"))] = _staff_lines(staff)
    path = _write(tmp_path, lines)
    metrics = _metrics(path)
    for label, metric in METRICS.items():
        got = metrics[metric]
        assert (got["prior_year_value"], got["budget_value"], got["value"]) == tuple(map(_wanyuan, LINES[label]))
        assert got["unit"] == "万元" and got["source_kind"] == "table" and got["page"] == 2
    assert (metrics["编制数"]["value"], metrics["实有人数"]["value"]) == (Decimal(24), Decimal(22))
    assert metrics["编制控制率"]["value"] == Decimal("91.67")
    # 2.出国经费 prints two figures under three columns: which is empty the text does not say.
    assert "因公出国（境）费" not in metrics
    years = tuple(YEARS)
    assert _ambiguous(path) == [("0", "2.出国经费", years), ("0", "2.出国经费", years)]


def test_staff_counts_in_another_order_are_placed_by_their_rate(tmp_path: Path) -> None:
    """The counts printed 实有 first (a form with its columns the other way): 22 / 24 is the 91.67% printed."""
    lines = table_lines("rows")
    lines[1:4] = ["财政供养人员情况 实际在职人数 编制数 控制率", "22 24 91.67%"]
    metrics = _metrics(_write(tmp_path, lines))
    assert (metrics["编制数"]["value"], metrics["实有人数"]["value"]) == (Decimal(24), Decimal(22))


def test_staff_counts_no_rate_tells_apart_are_reported(tmp_path: Path) -> None:
    path = _write(tmp_path, table_lines("rows", rate="100%"))  # 22 / 24 is not 100%, nor 24 / 22
    metrics = _metrics(path)
    assert not {"编制数", "实有人数", "编制控制率"} & set(metrics)
    assert [figure for figure, row, _ in _ambiguous(path) if row == "财政供养人员情况"] == ["24", "22", "100%"]


def test_equal_counts_need_no_rate(tmp_path: Path) -> None:
    metrics = _metrics(_write(tmp_path, table_lines("rows", quota="20", actual="20", rate="100%")))
    assert (metrics["编制数"]["value"], metrics["实有人数"]["value"]) == (Decimal(20), Decimal(20))


def test_a_cell_per_line_places_no_line_apart_from_its_label(tmp_path: Path) -> None:
    """pdftotext's default mode may write a cell after the next row's label: a figure on a line of its
    own is placed in no line, and reported; the staffing values are placed as their labels' values."""
    path = _write(tmp_path, table_lines("cells"))
    metrics = _metrics(path)
    assert set(metrics) == {"编制数", "实有人数", "编制控制率"}
    reported = [figure for figure, row, candidates in _ambiguous(path) if candidates == YEARS]
    assert reported == [cell for cells in LINES.values() for cell in cells if cell]


def test_year_columns_wrapped_into_pieces_report_the_table(tmp_path: Path) -> None:
    lines = table_lines("rows")
    at = lines.index("经费控制情况 " + " ".join(YEARS))
    lines[at : at + 1] = ["经费控制情况 2022年决 2023年预 2023年决", "算数 算数 算数"]
    path = _write(tmp_path, lines)
    assert read_document(path, path.name).lost == [f"第2页表格“{TITLE}”的文本未能还原为行（其数字未录入）"]
    assert _metrics(path) == {}


def test_a_page_number_glued_to_a_label_is_no_staffing_value(tmp_path: Path) -> None:
    lines = table_lines("rows")
    lines[1] = "- 6 -" + lines[1]
    metrics = _metrics(_write(tmp_path, lines))
    assert (metrics["编制数"]["value"], metrics["实有人数"]["value"]) == (Decimal(24), Decimal(22))


def test_the_reports_text_after_the_table_stays_text(tmp_path: Path) -> None:
    """No footnote under the table: the section heading and paragraph after it are the report's prose
    (their facts read as prose), not rows of the table."""
    lines = table_lines("rows")[:-1]
    prose = "本年度三公经费支出2.90万元，比上年减少0.30万元，主要原因是严格控制公务接待。"
    path = _write(tmp_path, [*lines, "三、部门整体支出绩效情况", prose])
    texts = [block.text for block in read_document(path, path.name).blocks]
    assert "三、部门整体支出绩效情况" in texts and prose in texts
    assert _metrics(path)["三公经费"]["value"] == Decimal("2.90")


def test_a_mention_of_the_table_reads_nothing(tmp_path: Path) -> None:
    path = _write(tmp_path, [f"详见{TITLE}", "本年度部门整体支出绩效良好。"])
    assert read_document(path, path.name).lost == []
    assert _metrics(path) == {}
