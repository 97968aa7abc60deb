"""Self-evaluation tables (绩效自评表) read from text extracted from a PDF (``readers/line_evaluations.py``).

The texts are generated from one table's facts, written the ways the extractors write such a table
(one row per line; labels broken inside their narrow cells; one cell per line), with the labels
of several provinces' forms, fields in another order, a missing 其他资金 row, a page break that
repeats the header, and injected errors. Each test asserts the facts the views get, or that a
figure the text does not pin down is NULL and reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from budget_reports.gold import extract_frames
from budget_reports.readers import read_document
from budget_reports.text_serializations import SERIALIZERS
from tests.conftest import SEED_FILES
from tests.seed_pdf import typeset

PREFACE = ["某某市某某局2024年度部门决算", "第四部分 附件", "附件：项目支出绩效自评表"]


@dataclass(frozen=True)
class Form:
    """How one province's form labels its table (the variation kept as data)."""

    title: str
    name_label: str
    department_label: str
    other_labels: tuple[str, ...]
    columns: tuple[str, ...]  # money columns as printed, in print order
    roles: tuple[str, ...]  # the view column each one fills


FORMS = {
    "sichuan-district": Form(
        "项目支出绩效自评表",
        "项目名称",
        "主管部门",
        ("实施单位",),
        ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
        ("budget_initial", "budget_final", "executed", "weight", "execution_rate_declared", "score"),
    ),
    "sichuan-city": Form(
        "项目（政策）资金绩效自评表",
        "专项（项目）名称",
        "项目主管单位",
        ("项目实施单位",),
        ("全年预算数", "实际完成数", "执行率（%）"),
        ("budget_final", "executed", "execution_rate_declared"),
    ),
    "guangxi-county": Form(
        "2024年度项目绩效目标自评表",
        "项目名称",
        "主管部门",
        ("实施单位（盖章）", "项目负责人"),
        ("年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"),
        ("budget_initial", "budget_final", "executed", "execution_rate_declared", "weight", "score"),
    ),
    "hubei-department": Form(
        "部门整体支出绩效自评表",
        "部门名称",
        "部门名称",
        ("联系电话",),
        ("年初预算数", "全年预算数", "全年执行数", "执行率"),
        ("budget_initial", "budget_final", "executed", "execution_rate_declared"),
    ),
}

# fund label as printed -> the figures of its row, by role (a missing role prints an empty cell).
FUNDS = {
    "年度资金总额": {"budget_initial": "100.00", "budget_final": "120.00", "executed": "108.00"},
    "其中：财政拨款": {"budget_initial": "90.00", "budget_final": "110.00", "executed": "99.00"},
    "上年结转资金": {"budget_initial": "10.00", "budget_final": "10.00", "executed": "9.00"},
    "其他资金": {},
}
RATES = {"年度资金总额": "90.00%", "其中：财政拨款": "90.00%", "上年结转资金": "90.00%"}
SCORES = {"年度资金总额": ("10", "9")}
NAME, DEPARTMENT = "乡村振兴示范点建设项目", "某某市某某局"


def _cells(form: Form, label: str, rates: dict[str, str]) -> list[str]:
    values = dict(FUNDS[label])
    if label in rates:
        values["execution_rate_declared"] = rates[label]
    if label in SCORES:
        values["weight"], values["score"] = SCORES[label]
    return [values.get(role, "") for role in form.roles]


def _broken(text: str, width: int = 2) -> list[str]:
    """A label as a narrow cell prints it: a few characters a line."""
    return [text[i : i + width] for i in range(0, len(text), width)]


def table_lines(
    form: Form,
    style: str,
    funds: tuple[str, ...] = tuple(FUNDS),
    rates: dict[str, str] = RATES,
    name: str = NAME,
    labels_first: tuple[str, ...] = (),
) -> list[str]:
    """The table's header block as an extractor writes it: ``rows`` (one row per line, cells joined
    by spaces), ``wrapped`` (labels broken inside their cells, as pdftotext -raw and pypdfium2 write
    narrow cells) or ``cells`` (one cell per line, as pdftotext's default mode writes a grid)."""
    value_of = {form.name_label: name, form.department_label: DEPARTMENT}
    value_of |= {label: "某某市某某局办公室" for label in form.other_labels}
    labels = [*labels_first, *(label for label in value_of if label not in labels_first)]
    lines = [form.title, "（2024年度）"]
    for label in labels:
        if style == "wrapped":
            lines += [*_broken(label), value_of[label]]
        elif style == "cells":
            lines += [label, "", value_of[label], ""]
        else:
            lines.append(f"{label} {value_of[label]}")
    if style == "wrapped":
        lines += [*_broken("项目资金（万元）"), *(piece for column in form.columns for piece in _broken(column, 3))]
    elif style == "cells":
        lines += ["项目资金（万元）", "", *(line for column in form.columns for line in (column, ""))]
    else:
        lines.append("项目资金（万元） " + " ".join(form.columns))
    for label in funds:
        cells = _cells(form, label, rates)
        if style == "cells":
            lines += [label, "", *(line for cell in cells if cell for line in (cell, ""))]
        else:
            lines.append(" ".join([label, *(cell for cell in cells if cell)]).strip())
    lines += ["年度总体目标", "按期完成示范点建设，带动农户增收。"]
    return lines


def _write(tmp_path: Path, pages: list[list[str]], name: str = "evaluation.txt") -> Path:
    path = tmp_path / name
    path.write_text("\f".join("\n".join(page) for page in pages) + "\f", encoding="utf-8")
    return path


def _frames(path: Path) -> dict[str, pl.DataFrame]:
    return extract_frames(path, path.name)


def _funds(frames: dict[str, pl.DataFrame]) -> dict[str, dict[str, object]]:
    rows = frames["performance_funds"].iter_rows(named=True)
    return {row["fund_source"]: row for row in rows}


def _expected(form: Form, label: str, rates: dict[str, str] = RATES) -> dict[str, Decimal | None]:
    cells = dict(zip(form.roles, _cells(form, label, rates), strict=True))
    return {role: Decimal(cells[role].rstrip("%")) if cells[role] else None for role in form.roles}


def _ambiguous(frames: dict[str, pl.DataFrame]) -> list[str]:
    findings = frames["dq_findings"].filter(pl.col("rule_id") == "extraction.ambiguous_cell")
    return findings["actual"].to_list()


@pytest.mark.parametrize("style", ["rows", "wrapped", "cells"])
@pytest.mark.parametrize("form_name", sorted(FORMS))
def test_each_form_gives_its_project_and_money(tmp_path: Path, form_name: str, style: str) -> None:
    form = FORMS[form_name]
    path = _write(tmp_path, [PREFACE, table_lines(form, style)])
    frames = _frames(path)
    projects = frames["performance_projects"].filter(pl.col("source_kind") == "table")
    assert projects.height == 1
    project = projects.row(0, named=True)
    whole = "部门整体" in form.title or form.name_label == form.department_label
    assert project["project_name"] == (DEPARTMENT if whole else NAME)
    assert project["scope"] == ("部门整体" if whole else "项目")
    funds = _funds(frames)
    assert set(funds) == {label.removeprefix("其中：") for label in FUNDS}
    for label in FUNDS:
        got = funds[label.removeprefix("其中：")]
        assert {role: got[role] for role in form.roles} == _expected(form, label), label
    total = funds["年度资金总额"]
    assert (project["budget_final"], project["executed"]) == (total["budget_final"], total["executed"])
    assert _ambiguous(frames) == []
    # Evidence: the line the fund's row is printed on (page 2 of the text).
    assert total["page"] == 2 and total["line"] is not None


def test_fields_in_another_order_and_no_other_funds_row(tmp_path: Path) -> None:
    form = FORMS["sichuan-district"]
    lines = table_lines(
        form, "wrapped", funds=("年度资金总额", "其中：财政拨款"), labels_first=("实施单位", "主管部门")
    )
    frames = _frames(_write(tmp_path, [PREFACE, lines]))
    assert frames["performance_projects"]["project_name"].to_list() == [NAME]
    assert set(_funds(frames)) == {"年度资金总额", "财政拨款"}


def test_a_table_broken_over_a_page_with_its_header_repeated_is_one_project(tmp_path: Path) -> None:
    form = FORMS["sichuan-city"]
    head = table_lines(form, "rows")
    repeat = [
        form.title,
        "（2024年度）",
        f"{form.name_label} {NAME}",
        "一级指标 二级指标 三级指标 年度指标值 实际完成值",
    ]
    frames = _frames(_write(tmp_path, [PREFACE, head, repeat]))
    assert frames["performance_projects"]["project_name"].to_list() == [NAME]
    assert len(_funds(frames)) == len(FUNDS)


def test_a_page_repeating_another_tables_header_gives_its_money_to_neither(tmp_path: Path) -> None:
    """The title and name at a page's foot, then a page repeating another project's header before
    the money: whose money it is, the text does not say."""
    form = FORMS["sichuan-city"]
    cut = [*PREFACE, form.title, "（2024年度）", f"{form.name_label} 第一个项目"]
    frames = _frames(_write(tmp_path, [cut, table_lines(form, "rows", name="第二个项目")]))
    assert frames["performance_projects"].filter(pl.col("source_kind") == "table").height == 0


INTERLEAVED_HEADER = ["全年执", "全年预算数 执行率", "行数"]  # 全年执行数 wrapped around 全年预算数


def test_interleaved_column_labels_are_ordered_by_the_rows_arithmetic(tmp_path: Path) -> None:
    """pdfplumber prints a wrapped column label around its neighbour's: their order is unknown, the
    row's 执行率 = 执行数 / 全年预算数 decides it."""
    lines = [
        "项目支出绩效自评表",
        f"项目名称 {NAME}",
        *INTERLEAVED_HEADER,
        "年度资金总额 120.00 108.00 90.00%",
        "其他资金",
    ]
    frames = _frames(_write(tmp_path, [PREFACE, [*lines, "年度总体目标"]]))
    total = _funds(frames)["年度资金总额"]
    assert (total["budget_final"], total["executed"], total["execution_rate_declared"]) == (
        Decimal("120"),
        Decimal("108"),
        Decimal("90"),
    )
    assert _ambiguous(frames) == []


def test_a_rate_error_under_interleaved_labels_is_kept_as_printed_and_found(tmp_path: Path) -> None:
    """The same header, and a rate that fits no order: every form prints a budget before the execution
    measured against it and the rate after both, which leaves one order; the wrong rate is the report's."""
    lines = ["项目支出绩效自评表", f"项目名称 {NAME}", *INTERLEAVED_HEADER, "年度资金总额 120.00 108.00 50.00%"]
    frames = _frames(_write(tmp_path, [PREFACE, [*lines, "年度总体目标"]]))
    total = _funds(frames)["年度资金总额"]
    assert (total["budget_final"], total["executed"], total["execution_rate_declared"]) == (
        Decimal("120"),
        Decimal("108"),
        Decimal("50"),
    )
    assert _ambiguous(frames) == []
    assert frames["dq_findings"].filter(pl.col("rule_id") == "completion.pct").height >= 1


# 全年执行数 wrapped around 全年预算数, and 得分 around 分值: forms print 分值 and 得分 in either order.
INTERLEAVED_SCORES = ["全年执 得", "全年预算数 分值", "行数 分"]


def test_a_row_the_arithmetic_does_not_pin_down_is_null_and_reported(tmp_path: Path) -> None:
    """Columns whose order neither the lines, the forms nor the arithmetic settle: nothing placed, every
    figure reported."""
    lines = ["项目支出绩效自评表", f"项目名称 {NAME}", *INTERLEAVED_SCORES, "年度资金总额 120.00 108.00 10 9"]
    frames = _frames(_write(tmp_path, [PREFACE, [*lines, "年度总体目标"]]))
    total = _funds(frames)["年度资金总额"]
    assert total["budget_final"] is None and total["executed"] is None and total["score"] is None
    assert {"120.00", "108.00", "10", "9"} <= set(_ambiguous(frames))


def test_an_injected_rate_error_in_a_row_is_kept_as_printed_and_found(tmp_path: Path) -> None:
    form = FORMS["sichuan-city"]
    wrong = {**RATES, "年度资金总额": "80.00%"}
    frames = _frames(_write(tmp_path, [PREFACE, table_lines(form, "rows", rates=wrong)]))
    assert _funds(frames)["年度资金总额"]["execution_rate_declared"] == Decimal("80")
    findings = frames["dq_findings"].filter(pl.col("rule_id") == "completion.pct")
    assert findings.height >= 1


def _label_joined_to_its_first_cell(lines: list[str]) -> list[str]:
    """A cell a line, but each fund label joined to its row's first cell (the two on one baseline)."""
    out: list[str] = []
    for line in lines:
        if out and out[-1] in FUNDS and line:
            out[-1] = f"{out[-1]} {line}"
        elif line or not out or out[-1] not in FUNDS:
            out.append(line)
    return out


@pytest.mark.parametrize("joined", [False, True])
def test_cells_one_per_line_in_row_order_keep_a_wrong_rate_as_printed(tmp_path: Path, joined: bool) -> None:
    """One cell per line, each fund label followed by its own cells (PyMuPDF, pdftotext within a
    block), the label alone or joined to the first cell: the lines say the order is the rows', so
    the row reads as the one-row-per-line text does: an injected rate error is kept as printed and
    found by the completion rule."""
    form = FORMS["sichuan-city"]
    wrong = {**RATES, "年度资金总额": "80.00%"}
    lines = table_lines(form, "cells", rates=wrong)
    if joined:
        lines = _label_joined_to_its_first_cell(lines)
        assert "年度资金总额 120.00" in lines
    frames = _frames(_write(tmp_path, [PREFACE, lines]))
    total = _funds(frames)["年度资金总额"]
    assert total["execution_rate_declared"] == Decimal("80") and total["budget_final"] == Decimal("120")
    assert _ambiguous(frames) == []
    findings = frames["dq_findings"].filter(pl.col("rule_id") == "completion.pct")
    assert findings.height >= 1


def test_a_lone_wrapped_row_whose_arithmetic_fails_is_null_and_reported(tmp_path: Path) -> None:
    """One cell per line and one row of figures only: nothing shows the cells follow their label
    row by row (a block of labels, then one of figures, reads the same), so the row's arithmetic
    must hold; an injected rate error leaves the row NULL and reported."""
    form = FORMS["sichuan-city"]
    wrong = {**RATES, "年度资金总额": "80.00%"}
    lines = table_lines(form, "cells", funds=("年度资金总额", "其他资金"), rates=wrong)
    frames = _frames(_write(tmp_path, [PREFACE, lines]))
    total = _funds(frames)["年度资金总额"]
    assert total["execution_rate_declared"] is None and total["budget_final"] is None
    assert "80.00%" in _ambiguous(frames)


def test_figures_left_over_after_the_last_row_place_no_cells_under_labels(tmp_path: Path) -> None:
    """Rows whose cells follow their labels, then more figures than the last row has cells: the
    block was not printed row by row after all (a block of labels, then one of figures), so no row
    whose cells stand under its label is placed, even where its arithmetic holds: all reported."""
    form = FORMS["sichuan-city"]
    lines = table_lines(form, "cells")
    goals = lines.index("年度总体目标")
    lines[goals:goals] = ["1.00", "1.00", "100.00%", "4.00"]  # a row's worth under 其他资金, and one more
    frames = _frames(_write(tmp_path, [PREFACE, lines]))
    funds = _funds(frames)
    assert all(funds[source]["budget_final"] is None for source in ("年度资金总额", "其他资金"))
    assert {"90.00%", "100.00%"} <= set(_ambiguous(frames))


def test_a_page_number_under_the_rows_is_no_cell(tmp_path: Path) -> None:
    """A page's number printed right under the money block (``- 9 -``, the table run on over the page
    break) is no cell of the last row, which is empty; the rows keep their reading order."""
    form = FORMS["sichuan-city"]
    lines = table_lines(form, "cells")
    lines.insert(lines.index("年度总体目标"), "- 9 -")
    frames = _frames(_write(tmp_path, [PREFACE, lines]))
    funds = _funds(frames)
    assert funds["其他资金"]["executed"] is None and funds["其他资金"]["budget_final"] is None
    assert funds["年度资金总额"]["budget_final"] == Decimal("120")
    assert _ambiguous(frames) == []


def test_a_mention_of_the_table_without_its_rows_reads_nothing(tmp_path: Path) -> None:
    lines = [*PREFACE, "项目名称 乡村振兴示范点建设项目 年度资金总额 120.00", "本部门对3个项目开展了绩效自评。"]
    frames = _frames(_write(tmp_path, [lines]))
    assert frames["performance_projects"].filter(pl.col("source_kind") == "table").height == 0
    assert frames["performance_funds"].height == 0


@pytest.fixture(scope="module")
def seed_001_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Seed 001 (a Sichuan district's 项目（政策）资金绩效自评表s) typeset as a PDF, as pypdfium2 writes its text."""
    seed = SEED_FILES[1]
    folder = tmp_path_factory.mktemp("seed-001")
    pdf = typeset(read_document(seed, seed.name), folder / f"{seed.stem}.pdf")
    return SERIALIZERS["pypdfium2"](pdf).replace("\r\n", "\n")  # its line ends, as the reader takes them


def _project(frames: dict[str, pl.DataFrame], name: str) -> dict[str, object]:
    return frames["performance_projects"].filter(pl.col("project_name") == name).row(0, named=True)


def test_a_real_tables_text_with_an_injected_rate_error_is_found(tmp_path: Path, seed_001_text: str) -> None:
    row = "年度资金总额： 30 26.23 87%"
    assert seed_001_text.count(row) == 1
    frames = _frames(_write_text(tmp_path, seed_001_text.replace(row, "年度资金总额： 30 26.23 97%")))
    assert _project(frames, "党员教育培训经费")["execution_rate_declared"] == Decimal("97")
    found = frames["dq_findings"].filter(pl.col("rule_id") == "completion.pct")
    assert any("党员教育培训经费" in (message or "") for message in found["message"].to_list())


def test_a_real_tables_text_in_another_provinces_labels_reads_the_same(tmp_path: Path, seed_001_text: str) -> None:
    """The seed's wrapped labels written as another province's form prints them, one line each,
    and its 其他资金 rows left out: the same projects and money."""
    original = _frames(_write_text(tmp_path, seed_001_text, "original.txt"))
    variant = (
        seed_001_text.replace("专项\n（项\n目）\n名称\n", "项目名称\n")
        .replace("项目\n主管\n单位\n", "主管部门\n")
        .replace("\n其他资金\n", "\n")
        .replace("\n其他资金 其他资金\n", "\n")  # the department-wide table's pair of sides
    )
    assert variant.count("项目名称\n") >= 8
    changed = _frames(_write_text(tmp_path, variant, "variant.txt"))
    compared = ["project_name", "budget_final", "executed", "execution_rate_declared"]
    assert (
        changed["performance_projects"]
        .select(compared)
        .sort("project_name")
        .equals(original["performance_projects"].select(compared).sort("project_name"))
    )
    kept = original["performance_funds"].filter(pl.col("fund_source") != "其他资金")
    assert changed["performance_funds"].height == kept.height


def _write_text(tmp_path: Path, text: str, name: str = "seed.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("style", ["rows", "wrapped", "joined"])
def test_money_printed_as_label_figure_pairs(tmp_path: Path, style: str) -> None:
    """``预算数： 120 执行数： 108``, then each fund source on both sides (its label alone on a line
    when the cell wraps it; or a cell a line, neighbours joined at other places): budget left,
    execution right."""
    pairs = [("其中：财政拨款", "110", "99"), ("其他资金", "10", "9")]
    total_lines = ["预算数： 120 执行数： 108"]
    rows = []
    for label, budget, executed in pairs:
        if style == "rows":
            rows.append(f"{label} {budget} {label} {executed}")
        else:
            head, tail = label.split("：") if "：" in label else ("", label)
            side = [f"{head}：", tail] if head else [tail]
            rows += [*side, budget, *side, executed]
    if style == "joined":  # as PyMuPDF writes the cells of one baseline of a block
        total_lines = ["预算数：", "120 执行数：", "108"]
        rows = ["其中：", "财政拨款", "110 其中：", "财政拨款", "99", "其他资金", "10 其他资金", "9"]
    lines = ["2024年项目绩效目标自评表", f"项目名称 {NAME}", "部门（单位）及代码 302304", *total_lines]
    frames = _frames(_write(tmp_path, [PREFACE, [*lines, *rows, "年度总体目标"]]))
    project = frames["performance_projects"].row(0, named=True)
    assert (project["project_name"], project["budget_final"], project["executed"]) == (
        NAME,
        Decimal("120"),
        Decimal("108"),
    )
    funds = _funds(frames)
    assert {source: (row["budget_final"], row["executed"]) for source, row in funds.items()} == {
        "年度资金总额": (Decimal("120"), Decimal("108")),
        "财政拨款": (Decimal("110"), Decimal("99")),
        "其他资金": (Decimal("10"), Decimal("9")),
    }


def test_pairs_whose_sides_share_a_baseline_are_reported_not_placed(tmp_path: Path) -> None:
    """pdfplumber and -layout write both sides' labels of a fund line on one baseline and its figures
    on another, beside a frame label (``其中： 其中：`` / ``执行情况 110 99`` / ``财政拨款 财政拨款``): the
    total is read, each figure under it is reported between the two sides, none is placed."""
    lines = ["2024年项目绩效目标自评表", f"项目名称 {NAME}", "部门（单位）及代码 302304", "预算数： 120 执行数： 108"]
    lines += ["项目预算", "其中： 其中：", "执行情况 110 99", "财政拨款 财政拨款", "（万元）", "其他资金 10 其他资金 9"]
    frames = _frames(_write(tmp_path, [PREFACE, [*lines, "预期目标 目标实际完成情况", "年度总体目标"]]))
    funds = _funds(frames)
    assert set(funds) == {"年度资金总额"} and funds["年度资金总额"]["executed"] == Decimal("108")
    assert sorted(_ambiguous(frames)) == sorted(["110", "99", "10", "9"])


CELL_TITLES = [
    ["2021年部门", "预算项目绩效", "目标自评"],
    ["2021年部门整体", "支出绩效自", "评表"],
    ["2021年", "部门预算", "项目绩效", "目标自评"],
    ["附件3：", "2021年部门", "预算项目绩效", "目标自评"],
]


@pytest.mark.parametrize("title", CELL_TITLES)
def test_a_table_titled_in_its_first_cell_a_few_characters_a_line(tmp_path: Path, title: list[str]) -> None:
    """The title printed in the table's first cell (Sichuan's 部门预算项目绩效目标自评), a few characters
    a line; the department labelled with its code (``主管部门及代码``): the department's evaluation."""
    lines = [
        *title,
        "主管部门及代",
        "码",
        f"{DEPARTMENT}（106001） 实施单",
        "位",
        DEPARTMENT,
        "项目预算",
        "执行情况",
        "（万元）",
        "预算数： 508.65 执行数： 516.82",
        "其中：",
        "财政拨款 508.65 其中：",
        "财政拨款 516.82",
        "年度总体目标",
    ]
    frames = _frames(_write(tmp_path, [PREFACE, lines]))
    project = frames["performance_projects"].row(0, named=True)
    assert (project["project_name"], project["scope"]) == (DEPARTMENT, "部门整体")
    # The title's lines from the last that may open it: a line above a shorter title (``附件3：``) is
    # none of it, so neither is a year printed above lines that title the table without it.
    assert "".join(title).endswith(project["source_table"]) and "自评" in project["source_table"]
    assert not project["source_table"].startswith("附件")
    assert (project["budget_final"], project["executed"]) == (Decimal("508.65"), Decimal("516.82"))
    assert _funds(frames)["财政拨款"]["executed"] == Decimal("516.82")


def test_short_lines_ending_a_sentence_are_no_title(tmp_path: Path) -> None:
    """Three short lines naming 自评 that do not make a table's title read nothing."""
    lines = ["开展了", "绩效", "自评", "预算数： 508.65 执行数： 516.82", "年度总体目标"]
    frames = _frames(_write(tmp_path, [PREFACE, lines]))
    assert frames["performance_projects"].height == 0


def test_cells_one_per_line_with_numbered_and_broken_labels(tmp_path: Path) -> None:
    """A cell a line (PyMuPDF): a row's last figure stands right above the next numbered label
    (``0`` / ``3.国有资本经营预算``) and is no piece of it; a label broken over three lines inside its
    narrow cell (``财政专`` / ``户管理`` / ``资金``) is one label; each row gets its own cells."""
    columns = ["年初预算数", "全年预算数", "全年执行数", "执行率"]
    rows = {
        "年度资金总额": ["100", "120", "108", "90.00%"],
        "（一）财政拨款小计": ["100", "120", "108", "90.00%"],
        "1.一般公共预算": ["100", "120", "108", "90.00%"],
        "2.政府性基金": ["0", "0", "0", "0"],
        "3.国有资本经营预算": ["0", "5", "5", "100.00%"],
    }
    lines = ["项目支出绩效自评表", "项目名称", NAME, "主管部门", DEPARTMENT, "项目资金（万元）", *columns]
    for label, cells in rows.items():
        lines += [label, *cells]
    lines += ["财政专", "户管理", "资金", "0", "0", "0", "0", "年度总体目标", "按期完成示范点建设。"]
    frames = _frames(_write(tmp_path, [PREFACE, lines]))
    funds = _funds(frames)
    got = {
        source: [row[role] for role in ("budget_initial", "budget_final", "executed")] for source, row in funds.items()
    }
    assert got == {
        "年度资金总额": [Decimal("100"), Decimal("120"), Decimal("108")],
        "（一）财政拨款小计": [Decimal("100"), Decimal("120"), Decimal("108")],
        "1.一般公共预算": [Decimal("100"), Decimal("120"), Decimal("108")],
        "2.政府性基金": [Decimal("0"), Decimal("0"), Decimal("0")],
        "3.国有资本经营预算": [Decimal("0"), Decimal("5"), Decimal("5")],
        "财政专户管理资金": [Decimal("0"), Decimal("0"), Decimal("0")],
    }
    assert _ambiguous(frames) == []


@pytest.mark.parametrize("style", ["cells", "rows"])
def test_a_reason_after_a_rows_last_figure_keeps_the_row_whole(tmp_path: Path, style: str) -> None:
    """The reason's text after a row's score: joined to the score, a cell a line (``8.7 对一般性支出
    进行压减``, PyMuPDF), or on the lines under the row (``总额 … 8.7`` / ``对一般性支出进`` /
    ``行压减``, pdftotext -raw): the score is the row's, the rows after it are read."""
    form = FORMS["guangxi-county"]
    lines = ["2024年度项目绩效目标自评表", "项目名称", NAME, "主管部门", DEPARTMENT, "项目资金（万元）", *form.columns]
    total = ["80.00", "80.00", "69.86", "87.33%", "10"]
    if style == "cells":
        lines += ["原因", "年度资金总额", *total, "8.7 对一般性支出进行压减"]
        lines += ["其中：财政拨款", "80.00", "80.00", "69.86", "87.33% /", "/", "其他资金", "/", "/"]
    else:
        lines += ["原因", " ".join(["年度资金总额", *total, "8.7"]), "对一般性支出进", "行压减"]
        lines += ["其中：财政拨款 80.00 80.00 69.86 87.33% / /", "其他资金 / /"]
    frames = _frames(_write(tmp_path, [PREFACE, [*lines, "年度总体目标"]]))
    funds = _funds(frames)
    total_row, granted = funds["年度资金总额"], funds["财政拨款"]
    assert (total_row["executed"], total_row["weight"], total_row["score"]) == (
        Decimal("69.86"),
        Decimal("10"),
        Decimal("8.7"),
    )
    assert (granted["executed"], granted["execution_rate_declared"]) == (Decimal("69.86"), Decimal("87.33"))
    assert _ambiguous(frames) == []


def test_a_header_of_one_character_lines_under_a_caption_title(tmp_path: Path) -> None:
    """A caption (``附表：…自评表``) right above the table's own title, and a header whose narrow cells
    print their labels a character a line: the table is the second title's, and lines of label
    pieces do not use up the header's lines."""
    form = FORMS["sichuan-district"]
    lines = ["附表：项目支出绩效自评表", form.title + "（2024年度）"]
    for label, value in ((form.name_label, NAME), (form.department_label, DEPARTMENT), ("实施单位", DEPARTMENT)):
        lines += [*_broken(label, 1), value]
    lines += _broken("项目资金（万元）", 1) + [piece for column in form.columns for piece in _broken(column, 1)]
    assert len(lines) > 40
    lines += ["年度资金总额 100.00 120.00 108.00 10 90.00% 9", "年度总体目标"]
    frames = _frames(_write(tmp_path, [PREFACE, lines]))
    project = frames["performance_projects"].filter(pl.col("source_kind") == "table").row(0, named=True)
    assert (project["project_name"], project["source_table"]) == (NAME, form.title + "（2024年度）")
    assert _funds(frames)["年度资金总额"]["executed"] == Decimal("108")


def test_a_long_run_of_short_cells_under_a_title_is_no_header(tmp_path: Path) -> None:
    """Lines of label pieces do not use up the header's lines, but a run of short cells longer than
    any header's (an indicator list's 高 / 优 …) ends it: the money block far below is not this title's."""
    lines = ["项目支出绩效自评表", *(["高", "优"] * 41)]
    lines += ["项目资金（万元） 全年预算数 实际完成数 执行率（%）", "年度资金总额 120.00 108.00 90.00%", "年度总体目标"]
    frames = _frames(_write(tmp_path, [PREFACE, lines]))
    assert frames["performance_funds"].height == 0
