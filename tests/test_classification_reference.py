"""The shipped classification reference: its shape, its renamings, and the codes real reports print."""

from __future__ import annotations

import re

import polars as pl
import pypdfium2 as pdfium
import pytest

from budget_reports.classification.reference import EDITIONS, classification_frame, edition
from budget_reports.classification.resolver import LEVEL_OF_LENGTH, resolve
from budget_reports.contract import CLASSIFICATION
from budget_reports.ingest import discover, process_file
from tests.conftest import SEED_FILES, corpus_file


def test_one_row_per_code_per_edition_in_the_views_schema() -> None:
    frame = classification_frame()
    assert frame.schema == CLASSIFICATION.polars_schema()
    assert frame.select("scheme", "edition_year", "code").is_duplicated().sum() == 0
    years = {s: sorted(frame.filter(pl.col("scheme") == s)["edition_year"].unique()) for s in EDITIONS}
    assert years == {s: list(r) for s, r in EDITIONS.items()}


def test_every_parent_exists_in_the_same_edition() -> None:
    frame = classification_frame()
    parents = frame.select("scheme", "edition_year", pl.col("code").alias("parent_code"), pl.lit(True).alias("found"))
    children = frame.filter(pl.col("parent_code").is_not_null()).join(
        parents, on=["scheme", "edition_year", "parent_code"], how="left"
    )
    assert children.filter(pl.col("found").is_null()).is_empty()
    assert children.height > 500


def test_renamed_lines_keep_their_other_names_as_aliases() -> None:
    health = edition("function", 2019).get("210")
    assert health.name == "卫生健康支出" and "医疗卫生与计划生育支出" in health.aliases
    assert edition("function", 2020).get("21305").name == "扶贫"
    renamed = edition("function", 2021).get("21305")
    assert renamed.name == "巩固脱贫攻坚成果衔接乡村振兴" and "扶贫" in renamed.aliases


def test_economic_groups_follow_the_reports_usage() -> None:
    economic = edition("economic", 2024)
    assert {c: economic.get(c).group for c in ("301", "302", "303", "310", "30113", "31002")} == {
        "301": "人员经费",
        "302": "公用经费",
        "303": "人员经费",
        "310": "公用经费",
        "30113": "人员经费",
        "31002": "公用经费",
    }
    assert economic.get("307").group is None


_PATH = re.compile(r"[^。；，,：:\t\s、.]*?（类）(?:[^。；，,：:\t（]*（[款项]）)*")


def _seed_paths() -> list[tuple[str, str]]:
    found = []
    for path in SEED_FILES:
        for match in _PATH.finditer(path.read_text(encoding="utf-8")):
            found.append((path.name, match.group(0)))
    return found


# Lines of the seeds that name codes the 2021/2023 editions do not have (copied from pre-2019 templates).
NOT_IN_EDITION = {
    "社会保障和就业（类）行政事业单位离退休（款）未归口管理的行政单位离退休（项）",
    "资源勘探信息等支出（类）安全生产监管（款）其他安全生产监管支出（项）",
}


def test_every_name_path_in_the_seeds_resolves_except_the_abolished_ones() -> None:
    paths = _seed_paths()
    assert len(paths) > 80
    for source, name in paths:
        level = re.findall(r"（([类款项])）", name)[-1]
        year = int(re.search(r"(20\d\d)年度", next(p for p in SEED_FILES if p.name == source).read_text()).group(1))
        resolution = resolve(name, level, year)
        if name in NOT_IN_EDITION:
            assert resolution.code is None, name
        else:
            assert resolution.code is not None, (source, name, resolution.issues)


def _coded_names(line: str) -> list[tuple[str, str]]:
    """(code, name) pairs of a table line: ``201 06 01 行政运行 1,511.89``, or two columns of them.

    Function codes start with 2, economic codes with 3: other numbers (``100 万元``) are prose.
    """
    tokens = line.split()
    pairs, i = [], 0
    while i < len(tokens):
        if re.fullmatch(r"[23](\d{2}|\d{4}|\d{6})", tokens[i]):
            code = tokens[i]
            i += 1
            while len(code) < 7 and i < len(tokens) and re.fullmatch(r"\d{2}", tokens[i]):
                code += tokens[i]
                i += 1
            name = []
            while i < len(tokens) and not re.fullmatch(r"[\d,.]+", tokens[i]):
                name.append(tokens[i])
                i += 1
            if name:
                pairs.append((code, "".join(name)))
        else:
            i += 1
    return pairs


def _corpus_rows(name: str) -> list[tuple[str, str]]:
    """(code, name) of every coded row of the corpus PDF's tables (a row's name may be cut at the line end)."""
    pdf = pdfium.PdfDocument(corpus_file(name))
    rows = []
    for page in pdf:
        for line in page.get_textpage().get_text_range().splitlines():
            rows += _coded_names(line)
    return rows


CORPUS_PDFS = ["shanghai-putuo-finance-bureau-2024-final.pdf", "shanghai-final-accounts-template-2024.pdf"]


@pytest.mark.parametrize("pdf_name", CORPUS_PDFS)
def test_every_code_printed_in_the_corpus_exists_with_its_printed_name(pdf_name: str) -> None:
    rows = _corpus_rows(pdf_name)
    assert len(rows) > 50
    for code, name in rows:
        scheme = "economic" if code.startswith("3") else "function"
        level = LEVEL_OF_LENGTH[len(code)]
        resolution = resolve(name, level, 2024, code=code, scheme=scheme)
        assert resolution.entry(level) is not None, (code, name)
        assert not resolution.issues, (code, name, resolution.issues)


def test_every_code_printed_in_the_2026_budget_exists_in_the_2026_edition_with_its_printed_name() -> None:
    text = corpus_file("shanghai-putuo-urban-management-2026-budget.txt").read_text(encoding="utf-8")
    rows = [pair for line in text.splitlines() for pair in _coded_names(line)]
    assert len({code for code, _ in rows}) >= 45  # 18 functional and 33 economic codes
    for code, name in rows:
        scheme = "economic" if code.startswith("3") else "function"
        level = LEVEL_OF_LENGTH[len(code)]
        resolution = resolve(name, level, 2026, code=code, scheme=scheme)
        assert resolution.edition_year == 2026
        assert resolution.entry(level) is not None, (code, name)
        assert not resolution.issues, (code, name, resolution.issues)


# Codes real reports print that the edition of their year does not have, with why (none so far).
PRINTED_NOT_IN_EDITION: dict[tuple[str, str], str] = {}


def test_every_code_the_pipeline_reads_from_the_seeds_and_the_corpus_is_in_its_years_edition() -> None:
    missing, seen = {}, 0
    for folder in (SEED_FILES[0].parent, corpus_file(CORPUS_PDFS[0]).parent):
        for raw in discover(folder):
            report = process_file(raw)
            year = report.report.fiscal_year
            for scheme, lines in (("function", report.expenditure_function), ("economic", report.expenditure_economic)):
                for line in lines:
                    if line.code is None:
                        continue
                    seen += 1
                    if edition(scheme, year).get(line.code) is None:
                        missing[(raw.source_file, line.code)] = getattr(line, "name", None) or line.name_as_written
    assert seen > 150
    assert set(missing) == set(PRINTED_NOT_IN_EDITION), missing
