"""The 一般公共预算财政拨款基本支出决算表 (人员经费 and 公用经费 side by side) read from
``pdftotext``'s default output of PDFs built here.

The table is set as reports print it: per half, 类 and 款 codes, the name and 决算数, each class
followed by its lines, the halves' totals on the last row; the report's prose states the groups
after it. Row sets: every line printed (most of them empty), only the lines spent on, Putuo's own
figures; tight and loose rows; on one page or broken over two with the header repeated. Tightly set,
pdftotext writes both halves' codes, names and figures as one interleaved stream.

Whatever the variant, a figure read is its cell's and one not read is reported ambiguous; the group
totals are read, and the class totals wherever the sums and the prose leave one split.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from budget_reports.extract.standard_tables import read_tables
from budget_reports.model import Block, BlockKind
from budget_reports.readers.side_by_side_streams import NO_SPLIT, Stated, stated_groups
from budget_reports.readers.text import read_text
from tests.cjk_table_pdf import Column, TablePdf
from tests.conftest import corpus_file
from tests.test_readers_column_blocks_pdf import _pdftotext

TITLE = "一般公共预算财政拨款基本支出决算表"
PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"
NAMES = {
    "301": "工资福利支出",
    "30101": "基本工资",
    "30102": "津贴补贴",
    "30103": "奖金",
    "30107": "绩效工资",
    "30108": "机关事业单位基本养老保险缴费",
    "30109": "职业年金缴费",
    "30110": "职工基本医疗保险缴费",
    "30112": "其他社会保障缴费",
    "30113": "住房公积金",
    "30199": "其他工资福利支出",
    "303": "对个人和家庭的补助",
    "30301": "离休费",
    "30302": "退休费",
    "30305": "生活补助",
    "30309": "奖励金",
    "302": "商品和服务支出",
    "30201": "办公费",
    "30202": "印刷费",
    "30205": "水费",
    "30206": "电费",
    "30207": "邮电费",
    "30211": "差旅费",
    "30213": "维修（护）费",
    "30216": "培训费",
    "30228": "工会经费",
    "30229": "福利费",
    "30239": "其他交通费用",
    "30299": "其他商品和服务支出",
    "310": "资本性支出",
    "31002": "办公设备购置",
    "31003": "专用设备购置",
}


@dataclass(frozen=True, slots=True)
class Basic:
    """Each half's printed lines (code -> figure, "" empty); class totals are their lines' sums."""

    personnel: dict[str, str]
    public: dict[str, str]

    def half(self, lines: dict[str, str]) -> list[tuple[str, str]]:
        rows: list[tuple[str, str]] = []
        for code in sorted({c[:3] for c in lines}):
            own = {c: f for c, f in lines.items() if c[:3] == code}
            rows.append((code, _fmt(sum((_money(f) or Decimal(0) for f in own.values()), Decimal(0)))))
            rows += sorted(own.items())
        return rows

    def truth(self) -> dict[str, Decimal]:
        """Every printed figure by code (empty cells left out)."""
        rows = self.half(self.personnel) + self.half(self.public)
        return {code: value for code, figure in rows if (value := _money(figure)) is not None}

    def total(self, lines: dict[str, str]) -> Decimal:
        return sum((_money(f) or Decimal(0) for f in lines.values()), Decimal(0))


def _money(text: str) -> Decimal | None:
    return Decimal(text.replace(",", "")) if text else None


def _fmt(value: Decimal) -> str:
    return f"{value:,.2f}"


ROW_SETS = {
    # Putuo's 2024 figures, its other lines left empty.
    "putuo": Basic(
        {
            "30101": "262.33",
            "30102": "1,238.58",
            "30103": "",
            "30107": "",
            "30108": "160.75",
            "30109": "80.38",
            "30110": "60.99",
            "30112": "1.61",
            "30113": "187.19",
            "30199": "91.03",
            "30301": "",
            "30302": "69.10",
            "30305": "",
            "30309": "0.31",
        },
        {
            "30201": "21.21",
            "30202": "7.61",
            "30205": "",
            "30206": "",
            "30207": "4.88",
            "30211": "1.20",
            "30213": "2.83",
            "30216": "4.05",
            "30228": "24.42",
            "30229": "42.77",
            "30239": "48.49",
            "30299": "11.53",
            "31002": "13.58",
            "31003": "",
        },
    ),
    # A street office printing only the lines it spent on: the capital class has one line.
    "spent_only": Basic(
        {"30101": "85.20", "30102": "140.06", "30108": "22.47", "30113": "31.90", "30302": "12.40"},
        {"30201": "6.35", "30211": "0.82", "30228": "3.10", "30299": "9.64", "31002": "4.20"},
    ),
    # Every line printed, most of them empty, small figures close to each other.
    "mostly_empty": Basic(
        {c: "" for c in NAMES if c[:3] in ("301", "303") and len(c) == 5}
        | {"30101": "12.05", "30107": "3.40", "30110": "1.15", "30301": "2.30", "30309": "0.45"},
        {c: "" for c in NAMES if c[:3] in ("302", "310") and len(c) == 5}
        | {"30201": "1.10", "30207": "0.35", "30216": "0.60", "31003": "2.75"},
    ),
}


def _rows(basic: Basic) -> list[list[str]]:
    left, right = basic.half(basic.personnel), basic.half(basic.public)
    height = max(len(left), len(right))
    left += [("", "")] * (height - len(left))
    right += [("", "")] * (height - len(right))
    rows = [[*_cells(*a), *_cells(*b)] for a, b in zip(left, right, strict=True)]
    rows.append(["人员经费合计", "", "", _fmt(basic.total(basic.personnel))] * 1 + ["公用经费合计", "", "", ""])
    rows[-1][-1] = _fmt(basic.total(basic.public))
    return rows


def _cells(code: str, figure: str) -> list[str]:
    if not code:
        return ["", "", "", ""]
    return [code[:3], code[3:], NAMES[code], figure]


def _prose(basic: Basic) -> list[str]:
    """The prose stating the groups, wrapped at 36 characters as a report page sets it."""
    personnel, public = basic.total(basic.personnel), basic.total(basic.public)
    halves = {"personnel": basic.personnel, "public": basic.public}
    spent = {side: "、".join(NAMES[c] for c, f in sorted(lines.items()) if f) for side, lines in halves.items()}
    text = (
        f"一般公共预算财政拨款基本支出{_fmt(personnel + public)}万元。其中：人员经费{personnel}万元，"
        f"主要包括：{spent['personnel']}；公用经费{public}万元，主要包括：{spent['public']}。"
    )
    return ["六、一般公共预算财政拨款基本支出决算情况说明", *(text[i : i + 36] for i in range(0, len(text), 36))]


HEADER = [["经济分类", "", "", ""] * 2, ["科目编码", "", "科目名称", "决算数"] * 2, ["类", "款", "", ""] * 2]
COLUMNS = [Column(30), Column(22), Column(130, wrap=12), Column(60, right=True)] * 2


def _pdf(path: Path, basic: Basic, row_height: int, first_page_rows: int | None, prose: bool) -> Path:
    rows = _rows(basic)
    pages = [rows] if first_page_rows is None else [rows[:first_page_rows], rows[first_page_rows:]]
    pdf = TablePdf()
    for part in pages:
        pdf.new_page()
        pdf.text(150, 40, TITLE, 14)
        pdf.text(480, 70, "单位：万元")
        pdf.ruled_table(30, 85, COLUMNS, HEADER + part, row_height)
    if prose:
        pdf.new_page()
        for k, line in enumerate(_prose(basic)):
            pdf.text(40, 60 + k * 20, line)
    return pdf.save(path)


def _read(tmp_path: Path, basic: Basic, row_height: int, first_page_rows: int | None, prose: bool):
    text = _pdftotext(_pdf(tmp_path / "basic.pdf", basic, row_height, first_page_rows, prose))
    document = read_text(text, "basic.txt")
    return text, document, read_tables(document)


@pytest.mark.parametrize(("row_height", "first_page_rows"), [(12, None), (16, None), (12, 9)])
@pytest.mark.parametrize("name", list(ROW_SETS))
def test_a_basic_spending_table_from_pdftotext_default(
    tmp_path: Path, name: str, row_height: int, first_page_rows: int | None
) -> None:
    basic = ROW_SETS[name]
    truth = basic.truth()
    _, document, tables = _read(tmp_path, basic, row_height, first_page_rows, prose=True)
    read = {line.code: line.amount for line in tables.expenditure_economic}
    # Nothing is invented: every line read holds its printed figure.
    assert {code: read[code] for code in read} == {code: truth.get(code) for code in read}
    # Every figure not read is reported, with the lines it may be on.
    reported = [Decimal(cell.figure.replace(",", "")) for cell in document.ambiguous_cells]
    for code, value in truth.items():
        assert code in read or value in reported, code
    # The group totals and the class totals are read.
    metrics = {m.metric: m.value for m in tables.summary_metrics}
    assert metrics.get("人员经费") == basic.total(basic.personnel)
    assert metrics.get("公用经费") == basic.total(basic.public)
    assert {code for code in read if len(code) == 3} == {code for code in truth if len(code) == 3}


def test_a_class_printing_one_line_has_it_read(tmp_path: Path) -> None:
    basic = ROW_SETS["spent_only"]
    _, _, tables = _read(tmp_path, basic, 12, None, prose=True)
    read = {line.code: line.amount for line in tables.expenditure_economic}
    assert read.get("31002") == Decimal("4.20")


@pytest.mark.parametrize("name", list(ROW_SETS))
def test_without_the_prose_nothing_is_guessed(tmp_path: Path, name: str) -> None:
    """Without the prose the halves' classes may trade places under the sums: whatever is read
    holds its printed figure, and the rest is reported."""
    basic = ROW_SETS[name]
    truth = basic.truth()
    _, document, tables = _read(tmp_path, basic, 12, None, prose=False)
    read = {line.code: line.amount for line in tables.expenditure_economic}
    assert {code: read[code] for code in read} == {code: truth.get(code) for code in read}
    reported = [Decimal(cell.figure.replace(",", "")) for cell in document.ambiguous_cells]
    assert read or document.lost or reported
    for code, value in truth.items():
        assert code in read or value in reported or document.lost, code


def test_a_stream_whose_sums_break_is_reported_not_read_with_the_reason() -> None:
    """Putuo's own default text, 301's total changed: no split keeps every class the sum of its
    lines, so nothing of the table is read and the report of it says why."""
    pages = _pdftotext(corpus_file(PUTUO)).split("\f")
    k = next(k for k, page in enumerate(pages) if page.lstrip().startswith(TITLE))
    assert pages[k].count("2,082.85") == 1
    pages[k] = pages[k].replace("2,082.85", "2,102.85")
    document = read_text("\f".join(pages), "putuo.txt")
    tables = read_tables(document)
    assert not [line for line in tables.expenditure_economic if line.fund_type == "一般公共预算财政拨款"]
    (lost,) = [lost for lost in document.lost if TITLE in lost]
    assert NO_SPLIT in lost


# How reports state the basic spending's groups (several provinces' and levels' wordings): the prose,
# then (人员经费, 公用经费) as stated, and the items named under 人员经费.
GROUP_PHRASINGS = [
    (
        "一般公共预算财政拨款基本支出2336.91万元。其中：人员经费2152.26万元，主要包括：基本工资、津贴补贴；"
        "公用经费184.65万元，主要包括：办公费、印刷费。",
        ("2152.26", "184.65"),
        ("基本工资", "津贴补贴"),
    ),
    (
        "一般公共预算财政拨款基本支出2,336.91万元，其中：人员经费支出为2,152.26万元，主要用于住房公积金等；"
        "日常公用经费支出为184.65万元。",
        ("2152.26", "184.65"),
        ("住房公积金",),
    ),
    ("本年基本支出23369100元，其中人员经费21522600元，公用经费1846500元。", ("2152.26", "184.65"), ()),
    ("基本支出中，人员经费 2152.26 万元，日常公用经费 184.65 万元。", ("2152.26", "184.65"), ()),
    # Elsewhere in the report: not the basic spending's groups.
    ("机关运行经费支出184.65万元，主要用于公用经费。", (None, None), ()),
]


@pytest.mark.parametrize(("prose", "totals", "items"), GROUP_PHRASINGS)
def test_what_the_prose_states_of_the_groups(prose: str, totals: tuple, items: tuple) -> None:
    stated = stated_groups([Block(BlockKind.PARAGRAPH, prose, 1, 1)])
    got = tuple(stated[m].total if m in stated else None for m in ("人员经费", "公用经费"))
    assert got == tuple(None if t is None else Decimal(t) for t in totals)
    assert stated.get("人员经费", Stated(None, ())).names == items
