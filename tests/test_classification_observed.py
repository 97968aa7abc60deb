"""The `classification_observed` view: every code and name the reports print, related to the reference.

The warehouse is built from real reports (seeds, the Putuo PDF) through the real pipeline; the
relations real reports do not show on their own are made by writing an error into a seed's text
or a table line of the Putuo PDF.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import duckdb
import polars as pl
import pytest

from budget_reports.classification.observed import Relation, observed_frame
from budget_reports.ingest import discover, process_file
from budget_reports.runs import Paths, build, stage_reports
from budget_reports.warehouse.frames import report_frames
from tests.conftest import SEED_DIR, corpus_file

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"


def _seed(stem: str) -> Path:
    return next(SEED_DIR.glob(f"{stem}*.txt"))


def _write_seed(raw: Path, stem: str, real: str | None = None, written: str | None = None) -> None:
    text = _seed(stem).read_text(encoding="utf-8")
    if real is not None:
        assert real in text, real
        text = text.replace(real, written, 1)
    (raw / _seed(stem).name).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def observed(tmp_path_factory: pytest.TempPathFactory) -> pl.DataFrame:
    """The view as the warehouse holds it, for seeds 000, 001, 004 (two with an error written in) and Putuo."""
    root = tmp_path_factory.mktemp("observed")
    raw = root / "raw"
    raw.mkdir()
    # 000 (2021): 207 under its pre-2019 name (a documented alias); a 项 no code has.
    _write_seed(
        raw,
        "000",
        "住房保障支出（类）住房改革支出（款）购房补贴（项）",
        "住房保障支出（类）住房改革支出（款）购房租金补助（项）",
    )
    text = (raw / _seed("000").name).read_text(encoding="utf-8")
    (raw / _seed("000").name).write_text(text.replace("文化旅游体育与传媒（类）", "文化体育与传媒（类）", 1), "utf-8")
    _write_seed(raw, "001")
    # 004 (2023): 2130599 under its 2020 name.
    _write_seed(
        raw,
        "004",
        "巩固脱贫攻坚成果衔接乡村振兴（款）其他巩固脱贫攻坚成果衔接乡村振兴支出（项）",
        "巩固脱贫攻坚成果衔接乡村振兴（款）其他扶贫支出（项）",
    )
    shutil.copy(corpus_file(PUTUO), raw / PUTUO)
    paths = Paths(raw, root / "warehouse")
    stage_reports(paths)
    result = build(paths)
    with duckdb.connect(str(result.duckdb_path), read_only=True) as con:
        return con.sql("SELECT * FROM classification_observed").pl()


def _row(frame: pl.DataFrame, **where: object) -> dict:
    rows = frame.filter(**where).to_dicts()
    assert len(rows) == 1, (where, rows)
    return rows[0]


def test_a_code_printed_with_its_name_is_same_name_and_counts_reports_and_departments(observed: pl.DataFrame) -> None:
    row = _row(observed, scheme="function", code="2010601", name_as_printed="行政运行", source_kind="table")
    assert (row["relation"], row["reference_name"], row["fiscal_year"]) == ("same_name", "行政运行", 2024)
    assert (row["report_count"], row["department_count"], row["first_source_file"]) == (1, 1, PUTUO)
    # 000 and 001 (two departments, 2021) both write 住房公积金 under 2210201 in prose.
    shared = _row(observed, code="2210201", fiscal_year=2021, source_kind="narrative")
    assert (shared["relation"], shared["report_count"], shared["department_count"]) == ("same_name", 2, 2)
    economic = _row(observed, scheme="economic", code="30101", fiscal_year=2024)
    assert economic["relation"] == "same_name"


def test_a_documented_alias_is_known_alias(observed: pl.DataFrame) -> None:
    row = _row(observed, code="207", fiscal_year=2021, relation="known_alias")
    assert row["name_as_printed"].startswith("文化体育与传媒")
    assert (row["reference_name"], row["report_count"]) == ("文化旅游体育与传媒支出", 1)


def test_another_editions_name_is_other_edition_name(observed: pl.DataFrame) -> None:
    row = _row(observed, code="2130599", name_as_printed="其他扶贫支出")
    assert (row["relation"], row["reference_name"], row["edition_year"]) == (
        "other_edition_name",
        "其他巩固脱贫攻坚成果衔接乡村振兴支出",
        2023,
    )


def test_a_name_no_code_fits_is_unresolved(observed: pl.DataFrame) -> None:
    row = _row(observed, name_as_printed="购房租金补助")
    assert (row["relation"], row["code"], row["resolved_code"]) == ("unresolved", None, None)


def test_every_relation_but_the_injected_table_ones_is_in_the_warehouse(observed: pl.DataFrame) -> None:
    assert set(observed["relation"]) == {"same_name", "known_alias", "other_edition_name", "unresolved"}
    assert observed.filter(pl.col("relation") == "same_name").height > 40


def _putuo_frames(**changes: dict) -> pl.DataFrame:
    """The view for the Putuo report alone, with some table lines changed (by code)."""
    (raw,) = [r for r in discover(corpus_file(PUTUO).parent) if r.source_file == PUTUO]
    report = process_file(raw)
    report.expenditure_function = [
        replace(line, **changes[line.code]) if line.source_kind == "table" and line.code in changes else line
        for line in report.expenditure_function
    ]
    frames = report_frames(report)
    return observed_frame(frames["expenditure_function"], frames["expenditure_economic"])


def test_a_code_printed_with_another_codes_name_is_different_name_naming_whose_it_is() -> None:
    frame = _putuo_frames(**{"2080505": {"name_as_written": "机关事业单位职业年金缴费支出"}})
    row = _row(frame, code="2080505", source_kind="table")
    assert (row["relation"], row["reference_name"], row["resolved_code"]) == (
        Relation.DIFFERENT_NAME,
        "机关事业单位基本养老保险缴费支出",
        "2080506",
    )


def test_a_code_the_edition_lacks_is_unknown_code() -> None:
    frame = _putuo_frames(**{"2010608": {"code": "2010698", "xiang_code": "2010698"}})
    row = _row(frame, code="2010698")
    assert (row["relation"], row["reference_name"], row["name_as_printed"]) == (
        Relation.UNKNOWN_CODE,
        None,
        "财政委托业务支出",
    )
