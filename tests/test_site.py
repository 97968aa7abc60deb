"""`budget site` through its installed entry point, and the figure boxes through the warehouse's loads.

The warehouse holds a sample report, the Putuo PDF and a variant of the sample with markup injected
into its text (the site must show it as text, never run it).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from dagster import materialize

from assets.site import review_site
from budget_reports.runs import Paths, build, stage_reports
from budget_reports.site.render import SITE_DIR
from budget_reports.warehouse.build import DUCKDB_FILE
from budget_reports.warehouse.parquet_snapshots import PARQUET_DIR
from pipelines.resources import WarehousePaths
from tests.cli_support import assert_one_line_error, budget
from tests.conftest import SEED_FILES, corpus_file

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"
INJECTED = "injected.txt"
SCRIPT = "<script>alert('XX局')</script>"


@pytest.fixture(scope="module")
def paths(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    root = tmp_path_factory.mktemp("site")
    raw = root / "raw"
    raw.mkdir()
    shutil.copy(corpus_file(PUTUO), raw / PUTUO)
    shutil.copy(SEED_FILES[0], raw / SEED_FILES[0].name)
    # A template placeholder (XX局) inside markup: a finding quotes it, the site must escape it.
    text = (
        SEED_FILES[0]
        .read_text(encoding="utf-8")
        .replace("一、基本职能及主要工作", f"一、基本职能及主要工作{SCRIPT}", 1)
    )
    (raw / INJECTED).write_text(text, encoding="utf-8")
    paths = Paths(raw, root / "warehouse")
    stage_reports(paths)
    build(paths)
    return paths


def _site(paths: Paths, output: Path) -> str:
    result = budget("site", "--output", str(output), warehouse=paths.warehouse_dir, raw=paths.raw_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(str(output / "index.html"))
    return result.stdout


def _report_page(paths: Paths, output: Path, source_file: str) -> str:
    with duckdb.connect(str(paths.warehouse_dir / DUCKDB_FILE), read_only=True) as con:
        (report_id,) = con.execute("SELECT report_id FROM reports WHERE source_file = ?", [source_file]).fetchone()
    return (output / "reports" / f"{report_id}.html").read_text(encoding="utf-8")


def test_site_writes_an_index_and_a_page_per_report(paths: Paths, tmp_path: Path) -> None:
    output = tmp_path / "site"
    assert _site(paths, output).startswith("3 report pages")
    assert len(list((output / "reports").glob("*.html"))) == 3
    assert (output / "assets" / "site.css").is_file() and (output / "assets" / "filter.js").is_file()
    for page in [output / "index.html", *(output / "reports").glob("*.html")]:
        html = page.read_text(encoding="utf-8")
        assert "http://" not in html.replace("http://www.w3.org/", "") and "https://" not in html  # offline
    putuo = _report_page(paths, output, PUTUO)
    assert 'class="figure-box"' in putuo and "../pages/" in putuo
    # Written again over the same folder: the same pages, nothing left over.
    _site(paths, output)
    assert len(list((output / "reports").glob("*.html"))) == 3


def test_the_dagster_asset_writes_the_site_into_the_warehouse_folder(paths: Paths) -> None:
    resource = WarehousePaths(raw_dir=str(paths.raw_dir), warehouse_dir=str(paths.warehouse_dir))
    result = materialize([review_site], resources={"warehouse_paths": resource})
    assert result.success
    (materialization,) = result.asset_materializations_for_node("review_site")
    assert materialization.metadata["report_pages"].value == 3
    site = paths.warehouse_dir / SITE_DIR
    assert (site / "index.html").is_file() and len(list((site / "reports").glob("*.html"))) == 3
    assert list((site / "pages").glob("*.png"))


def test_text_from_a_report_is_escaped(paths: Paths, tmp_path: Path) -> None:
    output = tmp_path / "site"
    _site(paths, output)
    html = _report_page(paths, output, INJECTED)
    assert SCRIPT not in html
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#39;" in html and '<mark class="figure">XX</mark>局&#39;)&lt;/script&gt;' in html


def test_a_pdf_no_longer_in_the_raw_folder_shows_its_snippet(paths: Paths, tmp_path: Path) -> None:
    raw = tmp_path / "raw-without-pdf"
    shutil.copytree(paths.raw_dir, raw, ignore=shutil.ignore_patterns("*.pdf"))
    output = tmp_path / "site"
    result = budget("site", "--output", str(output), warehouse=paths.warehouse_dir, raw=raw)
    assert result.returncode == 0, result.stderr
    putuo = _report_page(paths, output, PUTUO)
    assert "../pages/" not in putuo
    assert '财政拨款收入支出总计<mark class="figure">0.3</mark>万元' in putuo


def test_site_without_a_warehouse_is_a_one_line_error(tmp_path: Path) -> None:
    line = assert_one_line_error(budget("site", "--output", str(tmp_path / "site"), warehouse=tmp_path / "none"))
    assert "no warehouse" in line and "budget run" in line
    assert not (tmp_path / "site").exists()


def test_site_to_a_path_that_is_not_a_folder_is_a_one_line_error(paths: Paths, tmp_path: Path) -> None:
    a_file = tmp_path / "report.txt"
    a_file.write_text("keep me", encoding="utf-8")
    line = assert_one_line_error(budget("site", "--output", str(a_file), warehouse=paths.warehouse_dir))
    assert "not a folder" in line
    line = assert_one_line_error(budget("site", "--output", str(a_file / "site"), warehouse=paths.warehouse_dir))
    assert "cannot write the site" in line
    assert a_file.read_text(encoding="utf-8") == "keep me"
    assert_one_line_error(budget("site", warehouse=paths.warehouse_dir))  # --output is required


def _boxes_by_format(source: str, con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    """Per file extension: (findings, findings with a box) in ``source``."""
    extension = "regexp_extract(source_file, '\\.(\\w+)$', 1)"
    rows = con.execute(f"SELECT {extension}, count(*), count(evidence_bbox_x0) FROM {source} GROUP BY 1").fetchall()
    return {ext: (total, with_box) for ext, total, with_box in rows}


def test_boxes_reach_duckdb_and_parquet_and_survive_an_incremental_load(paths: Paths, tmp_path: Path) -> None:
    own = Paths(tmp_path / "raw", tmp_path / "warehouse")  # a copy: the module's warehouse stays as it is
    shutil.copytree(paths.raw_dir, own.raw_dir)
    shutil.copytree(paths.warehouse_dir, own.warehouse_dir)
    parquet = f"read_parquet('{own.warehouse_dir / PARQUET_DIR / 'dq_findings' / '**' / '*.parquet'}')"
    with duckdb.connect(str(own.warehouse_dir / DUCKDB_FILE), read_only=True) as con:
        before = _boxes_by_format("dq_findings", con)
        assert _boxes_by_format(parquet, con) == before
    assert before["pdf"][0] > 0 and before["pdf"][1] == before["pdf"][0]
    assert before["txt"][0] > 0 and before["txt"][1] == 0

    # Another report arrives: an incremental load adds it and keeps the PDF's boxes.
    shutil.copy(SEED_FILES[1], own.raw_dir / SEED_FILES[1].name)
    stage_reports(own)
    result = build(own)
    assert result.added == 1 and not result.full
    with duckdb.connect(str(own.warehouse_dir / DUCKDB_FILE), read_only=True) as con:
        after = _boxes_by_format("dq_findings", con)
        assert _boxes_by_format(parquet, con) == after
    assert after["pdf"] == before["pdf"]
    assert after["txt"][0] > before["txt"][0] and after["txt"][1] == 0
