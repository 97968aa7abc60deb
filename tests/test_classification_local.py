"""Local codes: a user's CSV (BUDGET_LOCAL_CODES) adds codes and aliases without editing the package."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import polars as pl
import pytest

from budget_reports.classification.local_codes import LocalCodesError
from budget_reports.classification.reference import LOCAL_CODES_ENV, classification_frame, edition
from budget_reports.classification.resolver import resolve
from budget_reports.ingest import discover, process_file
from budget_reports.readers import read_document
from budget_reports.rules.classification import NOT_IN_REFERENCE, classification_rules
from tests.conftest import corpus_file

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"
LOCAL = """scheme,code,name,aliases,first_edition,last_edition
function,2010698,财政绩效管理支出,绩效管理支出,2024,
,2080505,机关事业单位基本养老保险缴费支出,养老保险缴费,,
economic,30250,其他公用费用,,,
"""


@pytest.fixture
def local_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "local.csv"
    path.write_text(LOCAL, encoding="utf-8")
    monkeypatch.setenv(LOCAL_CODES_ENV, str(path))
    return path


def test_without_the_variable_the_reference_is_the_packages_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LOCAL_CODES_ENV, raising=False)
    assert edition("function", 2024).get("2010698") is None
    assert set(classification_frame()["source"]) == {"reference"}


def test_a_local_code_is_added_under_its_parent_for_its_editions(local_codes: Path) -> None:
    added = edition("function", 2024).get("2010698")
    assert (added.name, added.level, added.parent_code, added.source) == ("财政绩效管理支出", "项", "20106", "local")
    assert edition("function", 2023).get("2010698") is None  # first_edition 2024
    assert edition("economic", 2021).get("30250").parent_code == "302"
    frame = classification_frame().filter(pl.col("source") == "local")
    assert sorted(set(frame["code"])) == ["2010698", "30250"]
    assert resolve("一般公共服务支出（类）财政事务（款）绩效管理支出（项）", "项", 2025).code == "2010698"


def test_a_local_name_of_a_known_code_becomes_an_alias(local_codes: Path) -> None:
    entry = edition("function", 2021).get("2080505")
    assert entry.source == "reference" and "养老保险缴费" in entry.aliases
    resolution = resolve("社会保障和就业支出（类）行政事业单位养老支出（款）养老保险缴费（项）", "项", 2021)
    assert resolution.code == "2080505"


def test_a_code_the_user_added_raises_no_finding(local_codes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (raw,) = [r for r in discover(corpus_file(PUTUO).parent) if r.source_file == PUTUO]
    report = process_file(raw)
    report.expenditure_function = [
        replace(line, code="2010698", xiang_code="2010698", name_as_written="财政绩效管理支出")
        if line.code == "2010608" and line.source_kind == "table"
        else line
        for line in report.expenditure_function
    ]
    document = read_document(corpus_file(PUTUO), PUTUO)
    assert classification_rules(report, document) == []
    monkeypatch.delenv(LOCAL_CODES_ENV)
    assert [f.rule_id for f in classification_rules(report, document)] == [NOT_IN_REFERENCE]


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("code,name\n20106981,x\n", "第 2 行：编码“20106981”应为 3、5 或 7 位数字"),
        ("code,name\n2010698,\n", "没有名称"),
        ("code,name\n2999901,x\n", "上级 29999 不在"),
        ("scheme,code,name\nbudget,201,x\n", "分类体系“budget”"),
        ("scheme,code,name\neconomic,3011301,x\n", "经济分类只有类、款"),
        ("code,name,first_edition\n2010698,x,24\n", "first_edition“24”不是年份"),
        ("编码,名称\n201,x\n", "缺少列：code, name"),
    ],
)
def test_a_malformed_file_stops_with_the_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, says: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    monkeypatch.setenv(LOCAL_CODES_ENV, str(path))
    with pytest.raises(LocalCodesError, match=re.escape(says)):
        classification_frame()


def test_an_income_code_goes_down_to_xiang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "income.csv"
    path.write_text("scheme,code,name\nincome,1030148,国有土地使用权出让收入\n", encoding="utf-8")
    monkeypatch.setenv(LOCAL_CODES_ENV, str(path))
    added = edition("income", 2024).get("1030148")
    assert (added.level, added.parent_code, added.source) == ("项", "10301", "local")


def test_a_missing_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LOCAL_CODES_ENV, str(tmp_path / "absent.csv"))
    with pytest.raises(LocalCodesError, match=r"absent\.csv"):
        edition("function", 2024)
