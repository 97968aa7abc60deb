"""Figures a row's own arithmetic cannot place, placed by what the report's other tables print.

A small final-accounts report is generated as PDF-extracted text (one row per line, empty cells
dropped): a six-column 支出决算表 whose 上缴上级 / 经营 / 对附属单位补助 columns are empty in every
row, the 一般公共预算财政拨款支出决算表 and the 财政拨款收入支出决算总表 whose 政府性基金 and
国有资本经营 columns are empty. Rows printing 合计 and one figure fit several columns; the other
tables decide. Variants: codes whole or split, the 支出决算表 continued over a page break with its
header repeated, thousands separators in 元, a line paid from other funds (absent from the
一般公共预算 table), a whole 项目支出 column empty, and injected disagreements between the tables,
where nothing may be guessed.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from budget_reports.gold import extract_frames
from budget_reports.readers.cell_assignment import keep_total_columns, row_candidates
from tests.test_readers_text_tables import ROWS

Line = tuple[str, str, str, str | None, str | None]  # code, name, 合计, 基本支出, 项目支出

# 一般公共预算财政拨款 spending by function; the 支出决算表 adds lines paid from other funds.
FISCAL: list[Line] = ROWS
OTHER_FUNDS: list[Line] = [
    ("205", "教育支出", "50.00", None, "50.00"),
    ("20508", "进修及培训", "50.00", None, "50.00"),
    ("2050803", "培训支出", "50.00", None, "50.00"),
]
CLASS_NUMBERS = {"201": "一", "205": "五", "208": "八"}

UNIT = "单位：万元"
SPENDING_HEADER = [
    "项目 本年支出合",
    "计",
    "基本支出 项目支",
    "出",
    "上缴上级支出 经营支出 对附属单位补助支出",
    "支出功能分类 科目名称 科目编码",
    "类 款 项",
]
FISCAL_HEADER = ["项目", "合计 基本支出 项目支出 支出功能分类", "科目编码 科目名称", "类 款 项"]
OVERVIEW_HEADER = [
    "收入 支出",
    "项目 决算数 项目 合计",
    "一般公共预算财政拨款 政府性基金预算财政拨款 国有资本经营预算财政拨款",
]


def _figures(line: Line) -> str:
    return " ".join(c for c in line[2:] if c is not None)


def _split(code: str) -> str:
    return " ".join([code[:3], *(code[i : i + 2] for i in range(3, len(code), 2))])


def _total(lines: list[Line]) -> Line:
    def column(i: int) -> str | None:
        values = [Decimal(x[i].replace(",", "")) for x in lines if len(x[0]) == 3 and x[i] is not None]
        return f"{sum(values):,.2f}" if values else None

    return ("", "合计", column(2) or "0.00", column(3), column(4))


def _rows(lines: list[Line], codes: str) -> list[str]:
    return [
        f"{code if codes == 'whole' else _split(code)} {name} {_figures(x)}" for x in lines for code, name in [x[:2]]
    ]


def _overview(fiscal: list[Line]) -> list[str]:
    total = _total(fiscal)[2]
    rows = [f"一、一般公共预算财政拨款 {total} {_class_row(fiscal, '201')}", "二、政府性基金预算财政拨款 二、外交支出"]
    rows += ["三、国有资本经营预算财政拨款 三、国防支出"]
    rows += [_class_row(fiscal, code) for code in CLASS_NUMBERS if code != "201"]
    rows += [f"本年收入合计 {total} 本年支出合计 {total} {total}", f"总计 {total} 总计 {total} {total}"]
    return ["财政拨款收入支出决算总表", UNIT, *OVERVIEW_HEADER, *rows]


def _class_row(fiscal: list[Line], code: str) -> str:
    line = next((x for x in fiscal if x[0] == code), None)
    label = f"{CLASS_NUMBERS[code]}、{(line or (code, _name(code)))[1]}"
    return f"{label} {line[2]} {line[2]}" if line is not None else label


def _name(code: str) -> str:
    return next(x[1] for x in [*FISCAL, *OTHER_FUNDS] if x[0] == code)


def report(
    fiscal: list[Line] = FISCAL,
    spending: list[Line] | None = None,
    codes: str = "split",
    page_break_at: int | None = None,
) -> str:
    """The three tables as one row per line (pypdfium2 / pdftotext -raw), pages apart by form feeds."""
    spending = [*fiscal, *OTHER_FUNDS] if spending is None else spending
    rows = [" ".join(filter(None, ["类 款 项", *_total(spending)[1:]])), *_rows(spending, codes)]
    pages = [["一、部门概况", "本部门负责财政工作。"]]
    if page_break_at is None:
        pages.append(["支出决算表", UNIT, *SPENDING_HEADER, *rows])
    else:
        pages.append(["支出决算表", UNIT, *SPENDING_HEADER, *rows[:page_break_at]])
        pages.append(["支出决算表（续）", UNIT, *SPENDING_HEADER, *rows[page_break_at:]])
    pages.append(_overview(fiscal))
    fiscal_rows = [*_rows(fiscal, codes), " ".join(x for x in _total(fiscal)[1:] if x)]
    pages.append(["一般公共预算财政拨款支出决算表", UNIT, *FISCAL_HEADER, *fiscal_rows])
    pages.append(["第三部分 名词解释"])
    return "\f".join("\n".join(page) for page in pages) + "\f"


def _read(tmp_path: Path, text: str) -> dict[str, pl.DataFrame]:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return extract_frames(path)


def _spending_lines(frames: dict[str, pl.DataFrame]) -> dict[str, tuple[Decimal | None, ...]]:
    lines = frames["expenditure_function"].filter(
        (pl.col("source_kind") == "table") & (pl.col("source_table") == "支出决算表")
    )
    return {r["code"]: (r["actual"], r["basic"], r["project"]) for r in lines.iter_rows(named=True)}


def _money(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text.replace(",", ""))


def _expected(lines: list[Line]) -> dict[str, tuple[Decimal | None, ...]]:
    return {code: (_money(total), _money(basic), _money(project)) for code, _, total, basic, project in lines}


def _ambiguous(frames: dict[str, pl.DataFrame]) -> pl.DataFrame:
    return frames["dq_findings"].filter(pl.col("rule_id") == "extraction.ambiguous_cell")


@pytest.mark.parametrize("codes", ["split", "whole"])
@pytest.mark.parametrize("page_break_at", [None, 6])
def test_every_spending_line_is_placed_by_the_other_tables(tmp_path: Path, codes: str, page_break_at: int | None):
    frames = _read(tmp_path, report(codes=codes, page_break_at=page_break_at))
    assert _spending_lines(frames) == _expected([*FISCAL, *OTHER_FUNDS])
    assert _ambiguous(frames).height == 0
    metrics = frames["summary_metrics"].filter(pl.col("source_kind") == "table")
    values = {(r["metric"], r["scope"]): r["value"] for r in metrics.iter_rows(named=True)}
    assert values["基本支出", None] == Decimal("1830.24") and values["项目支出", None] == Decimal("653.14")
    assert values["项目支出", "一般公共预算财政拨款"] == Decimal("603.14")


def test_without_the_other_tables_the_same_lines_stay_ambiguous(tmp_path: Path) -> None:
    # The 支出决算表 alone: 合计 + one figure could be in any of five columns; nothing is guessed.
    text = report()
    alone = [*text.split("\x0c")[:2], text.split("\x0c")[-2]]
    frames = _read(tmp_path, "\f".join(alone))
    lines = _spending_lines(frames)
    assert lines["2010602"] == (Decimal("10.00"), None, None)
    assert lines["2080501"] == (Decimal("84.65"), None, None)
    assert _ambiguous(frames).height > 0


def test_the_fiscal_overview_puts_each_class_in_its_fund(tmp_path: Path) -> None:
    frames = _read(tmp_path, report())
    lines = frames["expenditure_function"].filter(
        (pl.col("source_kind") == "table") & (pl.col("source_table") == "财政拨款收入支出决算总表")
    )
    got = {(r["name_as_written"], r["fund_type"], r["actual"]) for r in lines.iter_rows(named=True)}
    assert ("社会保障和就业支出", "一般公共预算财政拨款", Decimal("326.72")) in got
    assert ("一般公共服务支出", "一般公共预算财政拨款", Decimal("2106.66")) in got
    assert _ambiguous(frames).height == 0


def test_thousands_separators_in_yuan(tmp_path: Path) -> None:
    def in_yuan(lines: list[Line]) -> list[Line]:
        def yuan(text: str | None) -> str | None:
            return None if text is None else f"{Decimal(text.replace(',', '')) * 10000:,.2f}"

        return [(code, name, *map(yuan, cells)) for code, name, *cells in lines]  # type: ignore[misc]

    text = report(in_yuan(FISCAL), in_yuan([*FISCAL, *OTHER_FUNDS])).replace(UNIT, "单位：元")
    frames = _read(tmp_path, text)
    assert _spending_lines(frames) == _expected([*FISCAL, *OTHER_FUNDS])


def test_a_whole_project_column_empty_is_not_guessed(tmp_path: Path) -> None:
    # Every line prints 合计 and 基本支出 only, in both tables: no table says which part is printed.
    basic_only = [x for x in FISCAL if x[0].startswith("208")]
    frames = _read(tmp_path, report(basic_only, basic_only))
    lines = _spending_lines(frames)
    assert set(lines) == {x[0] for x in basic_only}
    assert all(basic is None and project is None for _, basic, project in lines.values())
    assert all(actual == _money(x[2]) for x in basic_only for actual in [lines[x[0]][0]])
    assert _ambiguous(frames).height >= len(basic_only)


def test_a_table_that_disagrees_does_not_outrank_the_rows_own_sums(tmp_path: Path) -> None:
    # Injected error: the 一般公共预算 table splits 一般行政管理事务 into 基本 6.00 + 项目 4.00, so no
    # placement of the 支出决算表's 10.00 keeps both tables; the relation is dropped for that line and
    # the 支出决算表's own sums (财政事务's 基本支出 is 行政运行's alone) still place it under 项目支出.
    fiscal = [("2010602", "一般行政管理事务", "10.00", "6.00", "4.00") if x[0] == "2010602" else x for x in FISCAL]
    frames = _read(tmp_path, report(fiscal, [*FISCAL, *OTHER_FUNDS]))
    assert _spending_lines(frames)["2010602"] == (Decimal("10.00"), None, Decimal("10.00"))
    fiscal_lines = frames["expenditure_function"].filter(
        (pl.col("source_table") == "一般公共预算财政拨款支出决算表") & (pl.col("code") == "2010602")
    )
    assert fiscal_lines.select("basic", "project").row(0) == (Decimal("6.00"), Decimal("4.00"))


def test_a_disagreeing_total_leaves_the_class_lines_unplaced(tmp_path: Path) -> None:
    # Injected error: the 一般公共预算 table's 基本支出 exceeds what the 支出决算表 can hold anywhere, so
    # its bounds fit no placement and are dropped; the symmetric 208 lines stay NULL, never guessed.
    basic_only = [x for x in FISCAL if x[0].startswith("208")]
    inflated = [(c, n, t, f"{Decimal(b.replace(',', '')) + 1:.2f}" if b else b, p) for c, n, t, b, p in basic_only]
    frames = _read(tmp_path, report(inflated, basic_only))
    lines = _spending_lines(frames)
    assert all(basic is None and project is None for _, basic, project in lines.values())
    assert _ambiguous(frames).height >= len(basic_only)


def test_a_column_the_total_leaves_empty_is_empty_on_every_line() -> None:
    sums = ((0, (1, 2, 3)),)  # 合计 = 基本 + 项目 + 经营
    total = row_candidates((Decimal("9.00"), Decimal("9.00")), 4, sums)
    total.candidates = [(0, 1)]  # settled: the total prints 合计 and 基本 only
    line = row_candidates((Decimal("4.00"), Decimal("4.00")), 4, sums)
    assert len(line.candidates) == 3
    assert keep_total_columns(total, [line])
    assert line.candidates == [(0, 1)]
    # A negative figure could cancel another out: nothing is inferred from the total's empty columns.
    negative = row_candidates((Decimal("-4.00"), Decimal("-4.00")), 4, sums)
    assert not keep_total_columns(total, [negative])
    assert len(negative.candidates) == 3
