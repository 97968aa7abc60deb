"""三公经费 from prose: template leftovers are not changes, vehicle counts kept as printed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tests.conftest import SEED_DIR
from tests.prose_support import HEADER, extract_file, extract_text, metric, metrics


def test_unfilled_template_choices_leave_changes_empty_in_000() -> None:
    result = extract_file(SEED_DIR / "000_1ca1b4d95d915062.txt")
    overseas = metric(result, "因公出国（境）费")
    assert (overseas.value, overseas.completion_pct_declared, overseas.change_value) == (Decimal(0), Decimal(0), None)
    assert metric(result, "三公经费").completion_pct_declared == Decimal("67.42")
    assert metric(result, "公务用车购置及运行维护费").change_pct_declared is None


def test_fleet_total_and_types_kept_even_when_they_disagree_in_002() -> None:
    result = extract_file(SEED_DIR / "002_f4d5f3929f6a2ae3.txt")
    assert metric(result, "公务用车保有量").value == Decimal(10)
    by_type = [m.value for m in metrics(result) if m.metric.startswith("公务用车保有量（")]
    assert sum(by_type) == Decimal(3)
    assert metric(result, "车辆保有量（应急保障用车）").value == Decimal(10)


def test_receptions_trips_and_parts(tmp_path: Path) -> None:
    body = (
        "七、“三公”经费财政拨款支出决算情况说明\n"
        "2022年“三公”经费财政拨款支出决算为72.7万元，完成预算85.6%，较上年度增加33.57万元，增长85.8%。\n"
        "1.因公出国（境）经费支出20.12万元，完成预算100%。全年安排因公出国（境）团组两次，出国（境）3人。\n"
        "国内公务接待支出0.92万元。国内公务接待8批次，77人次（不包括陪同人员），共计支出0.92万元。\n"
    )
    result = extract_text(tmp_path, HEADER + body)
    total = metric(result, "三公经费")
    assert (total.value, total.change_value, total.change_pct_declared) == (
        Decimal("72.7"),
        Decimal("33.57"),
        Decimal("85.8"),
    )
    assert metric(result, "因公出国（境）团组").value == Decimal(2)
    assert (metric(result, "国内公务接待批次").value, metric(result, "国内公务接待人次").unit) == (Decimal(8), "人次")


def test_items_of_an_expense_list_are_not_the_metric_in_004() -> None:
    result = extract_file(SEED_DIR / "004_127aded49d8bfbe3.txt")
    reception = metric(result, "公务接待费")
    assert reception.evidence.line == 70  # the 三公 item paragraph printing its figures, not the 公用经费 list (58)
    assert (reception.budget_value, reception.change_value) == (Decimal("9.4"), Decimal("1.84"))


def test_reception_persons_written_as_their_number(tmp_path: Path) -> None:
    """``接待45批次，接待人数320人次``: the persons after their own word, not only after the batches."""
    body = (
        "七、“三公”经费财政拨款支出决算情况说明\n"
        "公务接待费支出决算为3万元。其中：国内公务接待支出3万元，接待45批次，接待人数320人次；外事接待支出0万元。\n"
    )
    result = extract_text(tmp_path, HEADER + body)
    batches, persons = metric(result, "国内公务接待批次"), metric(result, "国内公务接待人次")
    assert (batches.value, persons.value, persons.unit) == (Decimal(45), Decimal(320), "人次")
