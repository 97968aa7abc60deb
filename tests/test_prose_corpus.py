"""Prose of the Shanghai PDFs: the Putuo report's figures, and nothing from the template's placeholders."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tests.conftest import corpus_file
from tests.prose_support import HEADER, extract_file, extract_text, line, lines, metric, metric_names, metrics


def test_putuo_items_wrapped_over_lines_with_page_and_line() -> None:
    result = extract_file(corpus_file("shanghai-putuo-finance-bureau-2024-final.pdf"))
    retired = line(result, "社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）")
    assert (retired.budget_initial, retired.actual) == (Decimal("85.55"), Decimal("84.65"))
    assert (retired.evidence.page, retired.evidence.line) == (22, 14)
    gpb = metric(result, "一般公共预算财政拨款支出")
    assert (gpb.budget_value, gpb.completion_pct_declared) == (Decimal("2993.92"), Decimal("98.2"))


def test_putuo_flat_three_public_and_fiscal_total_as_printed() -> None:
    result = extract_file(corpus_file("shanghai-putuo-finance-bureau-2024-final.pdf"))
    three = metric(result, "三公经费")
    assert (three.value, three.budget_value, three.change_value) == (Decimal(0), Decimal("0.95"), Decimal(0))
    # Page 21 prints 财政拨款收入支出总计0.3万元 (the table: 2961.68): read as printed, validation reports it.
    fiscal = metric(result, "财政拨款收支总计")
    assert (fiscal.value, fiscal.change_value, fiscal.evidence.page, fiscal.evidence.line) == (
        Decimal("0.3"),
        Decimal(0),
        21,
        14,
    )


def test_template_placeholders_give_no_facts() -> None:
    result = extract_file(corpus_file("shanghai-final-accounts-template-2024.pdf"))
    assert metrics(result) == []
    assert lines(result) == []
    assert result.report.department is None  # 上海市XX局 is not a name


def test_placeholder_clause_is_skipped_but_the_next_figure_is_read(tmp_path: Path) -> None:
    body = (
        "（一）机关运行经费支出情况\n机关运行经费支出XXX万元，比2021年度增加XX万元。\n"
        "（二）政府采购支出情况\n2022年，测试局政府采购支出总额2.92万元。\n"
    )
    result = extract_text(tmp_path, HEADER + body)
    assert "机关运行经费" not in metric_names(result)
    assert metric(result, "政府采购支出总额").value == Decimal("2.92")
