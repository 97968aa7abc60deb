"""Document-level rules on the seeds and on small generated text files: placeholders, numbering,
years, wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_reports.facts import Finding, Severity
from budget_reports.model import BlockKind
from budget_reports.readers import read_document
from budget_reports.rules.numbering import numbering
from budget_reports.rules.placeholders import template_placeholder
from budget_reports.rules.wording import wording_comparison
from budget_reports.rules.years import fiscal_year, year_consistency
from budget_reports.text_serializations import missing_program, write_serialization
from tests.conftest import SEED_DIR, SEED_FILES, corpus_file
from tests.seed_pdf import typeset
from tests.test_rules_fixtures import report

TEMPLATE = "shanghai-final-accounts-template-2024.pdf"


def seed(name: str):
    return read_document(SEED_DIR / name, name)


def written(tmp_path: Path, text: str):
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return read_document(path, "report.txt")


def where(findings: list[Finding]) -> list[tuple[str, str, int | None]]:
    return [(f.rule_id, f.subject, f.evidence.line) for f in findings]


# --- template.placeholder -------------------------------------------------------------------------


def test_000_unchosen_alternatives_and_template_instructions() -> None:
    findings = template_placeholder(report(), seed("000_1ca1b4d95d915062.txt"))
    # One finding per distinct token, at its first occurrence (lines 135, 136, 140; 262, 324, 388).
    assert where(findings) == [
        ("template.placeholder", "增加/减少", 135),
        ("template.placeholder", "增长/下降", 135),
        ("template.placeholder", "（可用表格形式反映）", 262),
    ]
    assert all(f.severity is Severity.WARNING for f in findings)
    assert all("共3处" in f.message for f in findings)
    assert "增加/减少0万元" in findings[0].evidence.snippet


def test_002_completion_cell_left_with_the_template_instruction() -> None:
    findings = template_placeholder(report(), seed("002_f4d5f3929f6a2ae3.txt"))
    assert where(findings) == [("template.placeholder", "（100字以内）", 696)]
    assert findings[0].evidence.snippet == "对照年度目标，说明相关任务目标的完成情况（100字以内）"


def test_placeholder_names_in_a_generated_report(tmp_path: Path) -> None:
    doc = written(tmp_path, "XX局2023年度部门决算\n本单位共有车辆２辆，ＸＸ科负责管理。\n××单位机关运行经费3.5万元。\n")
    assert [f.subject for f in template_placeholder(report(), doc)] == ["XX", "ＸＸ", "××"]


def test_a_filled_report_has_no_placeholder(tmp_path: Path) -> None:
    doc = written(tmp_path, "公务接待费支出决算比2022年减少0.02万元，下降10%。\n标准：760元/人，1020元/人。\n")
    assert template_placeholder(report(), doc) == []


# --- numbering.gap / numbering.duplicate ----------------------------------------------------------


def test_002_items_numbered_1_to_12_then_15() -> None:
    findings = numbering(report(), seed("002_f4d5f3929f6a2ae3.txt"))
    assert where(findings) == [("numbering.gap", "15.", 72)]
    assert "13、14" in findings[0].message


def test_003_skips_from_one_to_three() -> None:
    assert where(numbering(report(), seed("003_397564467219909d.txt"))) == [("numbering.gap", "（三）", 61)]


@pytest.mark.parametrize("name", ["000_1ca1b4d95d915062.txt", "001_8af6c6b53bb795b2.txt", "004_127aded49d8bfbe3.txt"])
def test_numbering_of_the_other_seeds_is_sound(name: str) -> None:
    # 000 mixes Word's exported "1、 " with 四、 (1、 2、 3、 四、 … 八、 9、 10、) and reuses 一、 inside
    # （二）; 004 has a letter numbered 1、 二、 三、 after its 名词解释 一、…二十三、.
    assert numbering(report(), seed(name)) == []


def test_duplicates_and_gaps_in_a_generated_report(tmp_path: Path) -> None:
    text = "一、概况\n（一）职能\n1.负责甲\n2.负责乙\n2.负责丙\n（二）机构\n（四）人员\n二、收支\n四、其他\n"
    findings = numbering(report(), written(tmp_path, text))
    assert where(findings) == [
        ("numbering.duplicate", "2.", 5),
        ("numbering.gap", "（四）", 7),
        ("numbering.gap", "四、", 9),
    ]


def test_nested_restart_and_annex_reset(tmp_path: Path) -> None:
    text = "一、概况\n二、重点工作\n一、学思想\n二、树理念\n三、机构设置\n附件1\n一、项目概况\n二、资金\n"
    assert numbering(report(), written(tmp_path, text)) == []


def _template_headings() -> list[str]:
    """The blank Shanghai template's prose, in order: its contents (pp. 2-3), then its body."""
    doc = read_document(corpus_file(TEMPLATE), TEMPLATE)
    return [b.text for b in doc.blocks if b.kind is not BlockKind.TABLE]


@pytest.mark.parametrize("leader", ["", "……………… 4", " .......... 12", "\t15"])
def test_the_contents_are_skipped_and_the_parts_they_list_count(tmp_path: Path, leader: str) -> None:
    # The template's contents list 第一部分 … 第四部分; its body prints the tables without the
    # 第二部分 heading, so 第三部分 follows 第一部分. Written out as text, with page numbers and dot
    # leaders after the entries as other reports print them, it raises nothing.
    lines = _template_headings()
    first_part = "第一部分 上海市 XX 局概况"
    body = lines.index(first_part, lines.index(first_part) + 1)
    contents = [line if line in ("目 录", *lines[:2]) else line + leader for line in lines[:body]]
    assert "目 录" in contents and any("第二部分" in line for line in contents)
    assert not any(line.startswith("第二部分") for line in lines[body:])
    assert numbering(report(), written(tmp_path, "\n".join(contents + lines[body:]))) == []
    # Without the contents the missing part heading is a gap.
    findings = numbering(report(), written(tmp_path, "\n".join(lines[body:])))
    assert [(f.rule_id, f.subject) for f in findings] == [("numbering.gap", "第三部分")]


def test_contents_whose_first_entry_the_body_prints_over_two_lines(tmp_path: Path) -> None:
    """Text extracted from a PDF prints the body's 第一部分 apart from its title (``第一部分`` / ``上海市 XX 局概况``):
    the contents still end there, and the 第二部分 they list counts (it raised a gap before 第三部分)."""
    lines = _template_headings()
    first_part = "第一部分 上海市 XX 局概况"
    body = lines.index(first_part, lines.index(first_part) + 1)
    split = [*lines[:body], "第一部分", "上海市 XX 局概况", *lines[body + 1 :]]
    assert numbering(report(), written(tmp_path, "\n".join(split))) == []


def test_a_repeated_section_heading_is_not_taken_for_contents(tmp_path: Path) -> None:
    # Two attached project reports both open with 一、项目概况; paragraphs lie between: not contents,
    # so the second report's 三、 after 一、 is still a gap.
    text = "一、项目概况\n本项目预算50万元，全年执行48万元。\n二、绩效目标\n一、项目概况\n三、偏差\n"
    assert where(numbering(report(), written(tmp_path, text))) == [("numbering.gap", "三、", 5)]


# --- year.consistency ---------------------------------------------------------------------------


def test_002_names_the_2022_accounts_in_its_2023_report() -> None:
    doc = seed("002_f4d5f3929f6a2ae3.txt")
    assert fiscal_year(report(), doc) == 2023
    findings = year_consistency(report(), doc)
    assert where(findings) == [("year.consistency", "2022年度单位决算", 21)]
    assert (findings[0].expected, findings[0].actual) == ("2023", "2022")


def test_004_evaluates_2024_in_its_2023_report() -> None:
    # The sentence writes 2024年度部门整体支出绩效 and 2024年部门整体支出绩效: one slip, one finding counting both.
    findings = year_consistency(report(), seed("004_127aded49d8bfbe3.txt"))
    assert where(findings) == [("year.consistency", "2024年度部门整体支出绩效", 117)]
    assert findings[0].message.endswith("同一段落共2处")


@pytest.mark.parametrize(
    ("name", "year"),
    [("000_1ca1b4d95d915062.txt", 2021), ("001_8af6c6b53bb795b2.txt", 2021), ("003_397564467219909d.txt", 2021)],
)
def test_years_of_the_other_seeds_agree(name: str, year: int) -> None:
    # 003 is signed 2022年5月18日, the year after: a closing date may be.
    doc = seed(name)
    assert fiscal_year(report(), doc) == year
    assert year_consistency(report(), doc) == []


def test_year_end_comparison_and_quoted_titles_in_a_generated_report(tmp_path: Path) -> None:
    text = (
        "第二部分 2023年度部门决算情况说明\n"
        "截至2022年12月31日，本部门共有车辆2辆。\n"
        "与2021年相比，收、支总计各增加5万元。\n"
        "根据《关于开展2024年度部门决算工作的通知》要求编制。\n"
        "2025年3月1日\n"
    )
    findings = year_consistency(report(), written(tmp_path, text))
    assert [(f.subject, f.actual, f.expected) for f in findings] == [
        ("截至2022年12月31日", "2022", "2023"),
        ("与2021年相比", "2021", "2022"),
        ("2025年3月1日", "2025", "2023或2024"),
    ]


@pytest.mark.parametrize(
    ("kind", "written_year", "found"),
    [
        ("部门预算", 2025, False),  # a 2026 budget: what the department held when it was drawn up
        ("部门预算", 2026, True),  # the end of the year the budget plans has not come
        ("单位预算", 2025, False),
        ("部门决算", 2026, False),
        ("部门决算", 2025, True),
    ],
)
def test_a_budget_states_what_was_held_at_the_end_of_the_year_before(
    tmp_path: Path, kind: str, written_year: int, found: bool
) -> None:
    facts = report()
    facts.report.fiscal_year, facts.report.report_kind = 2026, kind
    text = f"七、其他重要事项的情况说明\n截至{written_year}年12月31日，本部门共有车辆3辆，其中：一般公务用车2辆。\n"
    findings = year_consistency(facts, written(tmp_path, text))
    assert [f.subject for f in findings] == ([f"截至{written_year}年12月31日"] if found else [])


def test_the_identity_year_wins_over_the_headings(tmp_path: Path) -> None:
    facts = report()
    facts.report.fiscal_year = 2022
    doc = written(tmp_path, "第二部分 2023年度部门决算情况说明\n")
    assert [f.subject for f in year_consistency(facts, doc)] == ["2023年度部门决算"]


# --- wording.comparison -------------------------------------------------------------------------


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_the_seeds_word_their_comparisons_right(path: Path) -> None:
    assert wording_comparison(report(), read_document(path, path.name)) == []


def test_contradictory_wording_in_a_generated_report(tmp_path: Path) -> None:
    text = (
        "1.行政运行（项）:支出决算为95.5万元，完成预算95.5%，决算数大于预算数的主要原因是人员增加。\n"
        "2.住房公积金（项）:支出决算为50万元，完成预算100.00%。决算数小于预算数的主要原因是人员变动。\n"
        "3.购房补贴（项）:支出决算为6万元，完成预算100%，决算数与预算数持平。\n"
        "4.公务用车（项）:完成预算100%。决算数小于预算数的主要原因是四舍五入。\n"
        "机关运行经费比2022年增加10.5万元，下降5.2%。\n"
        "公务接待费比2022年减少0.02万元，下降10%。\n"
    )
    findings = wording_comparison(report(), written(tmp_path, text))
    assert [(f.subject, f.expected, f.actual, f.evidence.line) for f in findings] == [
        ("完成预算", "小于", "大于", 1),
        ("完成预算", "持平", "小于", 2),
        ("增减方向", "增加", "下降", 5),
    ]


def test_items_run_on_in_one_paragraph_continue_the_list(tmp_path: Path) -> None:
    # A PDF paragraph joined from two lines: （七）负责……。（八）负责…… then （九）.
    text = (
        "一、职能\n（一）甲。\n（二）乙。\n（三）负责会计。（四）负责非税收入。\n（五）负责国库。\n（七）负责其他。\n"
    )
    findings = numbering(report(), written(tmp_path, text))
    assert where(findings) == [("numbering.gap", "（七）", 6)]


@pytest.fixture(scope="module")
def seed_002_as_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seed-002-pdf")
    return typeset(seed("002_f4d5f3929f6a2ae3.txt"), folder / "002.pdf")


@pytest.mark.parametrize("serializer", ["pdftotext", "pdftotext-layout", "pypdfium2", "pdfplumber"])
def test_a_template_instruction_inside_a_self_evaluation_form_is_found_in_any_text_of_its_pdf(
    seed_002_as_pdf: Path, tmp_path: Path, serializer: str
) -> None:
    # The form's goals are written around its cells: in most extractors' text the instruction shares a
    # line with a cell's words, a line the form's reader takes in without holding it in a cell.
    if (missing := missing_program(serializer)) is not None:
        pytest.skip(missing)
    path = write_serialization(seed_002_as_pdf, serializer, tmp_path)
    findings = template_placeholder(report(), read_document(path, path.name))
    assert [(f.subject, f.evidence.page) for f in findings] == [("（100字以内）", 14)]
    assert "（100字以内）" in findings[0].evidence.snippet
