"""What the reports print: every (scheme, year, code, name) seen in the warehouse, against the reference.

The `classification_observed` view is how an analyst (and whoever maintains the reference) finds
what the reference lacks and what the reports get wrong. Each distinct printing is related to the
edition of its year:

- ``same_name``: the edition's name, or a short form of it (suffix 支出 omitted, a cut cell);
- ``known_alias``: a name the reference or the user's local codes document for the code
  (the names of pre-2019 editions, local variants);
- ``other_edition_name``: the code's official name in another covered edition;
- ``different_name``: any other name (``resolved_code`` says whose name it is, when it is one);
- ``unknown_code``: the printed code is not in the edition;
- ``unresolved``: a name printed without code that no single code fits.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import polars as pl

from budget_reports.classification.reference import ECONOMIC, EDITIONS, FUNCTION, edition, nearest_edition_year
from budget_reports.classification.resolver import (
    LEVEL_OF_LENGTH,
    Match,
    find_by_name,
    match_kind,
    name_key,
    normalize_code,
    split_path,
)
from budget_reports.contract import CLASSIFICATION_OBSERVED


class Relation(StrEnum):
    SAME_NAME = "same_name"
    KNOWN_ALIAS = "known_alias"
    OTHER_EDITION_NAME = "other_edition_name"
    DIFFERENT_NAME = "different_name"
    UNKNOWN_CODE = "unknown_code"
    UNRESOLVED = "unresolved"


@dataclass(frozen=True, slots=True)
class Related:
    relation: Relation
    reference_name: str | None = None
    resolved_code: str | None = None  # whose name it is, when not the printed code's


def relate(scheme: str, year: int | None, code: str | None, level: str, name: str) -> Related:
    """How a printed (code, name) relates to the edition of ``year``."""
    ed = edition(scheme, year)
    if code is None:
        found = find_by_name(name, ed.children(None, level))
        # Resolved nowhere in its context (a wrong parent, say); the code its name alone fits, if one.
        return Related(Relation.UNRESOLVED, None, found[0].code if len(found) == 1 else None)
    entry = ed.get(code)
    if entry is None:
        return Related(Relation.UNKNOWN_CODE)
    kind = match_kind(name, entry)
    if kind in (Match.EXACT, Match.TRUNCATED):
        return Related(Relation.SAME_NAME, entry.name, code)
    if kind is Match.ALIAS:
        key = name_key(name)
        others = {edition(scheme, y).get(code) for y in EDITIONS[scheme] if y != ed.year}
        if any(other is not None and name_key(other.name) == key for other in others):
            return Related(Relation.OTHER_EDITION_NAME, entry.name, code)
        return Related(Relation.KNOWN_ALIAS, entry.name, code)
    whose = [e for e in find_by_name(name, ed.children(None, entry.level)) if e.code != code]
    return Related(Relation.DIFFERENT_NAME, entry.name, whose[0].code if len(whose) == 1 else None)


def printed_name(name_as_written: str, level: str) -> str:
    """The line's own name: the last piece of a prose path (行政运行 in ``…（款）行政运行（项）``)."""
    pieces = [p for p in split_path(name_as_written, level) if p.name]
    return pieces[-1].name if pieces else name_key(name_as_written)


def observed_frame(expenditure_function: pl.DataFrame, expenditure_economic: pl.DataFrame) -> pl.DataFrame:
    """The `classification_observed` view from the warehouse's expenditure lines."""
    function = expenditure_function.select(
        pl.lit(FUNCTION).alias("scheme"),
        "fiscal_year",
        "code",
        "level",
        pl.struct("name_as_written", "level")
        .map_elements(lambda r: printed_name(r["name_as_written"], r["level"]), return_dtype=pl.String)
        .alias("name_as_printed"),
        "source_kind",
        "report_id",
        "department",
        "source_file",
    )
    economic = (
        expenditure_economic.filter(pl.col("code").is_not_null())
        .with_columns(pl.col("code").map_elements(normalize_code, return_dtype=pl.String))
        .filter(pl.col("code").str.len_chars().is_in([3, 5]))
        .select(
            pl.lit(ECONOMIC).alias("scheme"),
            "fiscal_year",
            "code",
            pl.col("code").str.len_chars().replace_strict(LEVEL_OF_LENGTH, return_dtype=pl.String).alias("level"),
            pl.col("name").alias("name_as_printed"),
            "source_kind",
            "report_id",
            "department",
            "source_file",
        )
    )
    lines = pl.concat([function, economic]).filter(pl.col("name_as_printed").is_not_null())
    keys = ["scheme", "fiscal_year", "code", "level", "name_as_printed", "source_kind"]
    grouped = lines.group_by(keys).agg(
        pl.col("report_id").n_unique().cast(pl.Int32).alias("report_count"),
        pl.col("department").n_unique().cast(pl.Int32).alias("department_count"),
        pl.col("source_file").min().alias("first_source_file"),
    )
    rows = list(grouped.iter_rows(named=True))
    related = [relate(r["scheme"], r["fiscal_year"], r["code"], r["level"], r["name_as_printed"]) for r in rows]
    grouped = grouped.with_columns(
        pl.Series("edition_year", [nearest_edition_year(r["scheme"], r["fiscal_year"]) for r in rows], pl.Int32),
        pl.Series("relation", [r.relation.value for r in related], pl.String),
        pl.Series("reference_name", [r.reference_name for r in related], pl.String),
        pl.Series("resolved_code", [r.resolved_code for r in related], pl.String),
    )
    schema = CLASSIFICATION_OBSERVED.polars_schema()
    return grouped.select(list(schema)).cast(dict(schema)).sort(keys, nulls_last=True)
