"""Load the versioned classification reference shipped as CSV under ``data/``.

The CSVs are compact: one row per code and name, valid from ``first_edition`` to ``last_edition``
(empty = the scheme's first / last edition). A renamed code has one row per name. Loading expands
them to one row per code per edition year, the `classification` view's grain, and adds the code's
names in other editions to its aliases, so a report using an earlier name still resolves.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polars as pl

from budget_reports.contract import CLASSIFICATION

DATA_DIR = Path(__file__).parent / "data"

FUNCTION = "function"
ECONOMIC = "economic"
# Edition years the reference covers, per scheme (see README.md for where each comes from).
EDITIONS: dict[str, range] = {FUNCTION: range(2019, 2026), ECONOMIC: range(2018, 2026)}
_FILES = {FUNCTION: "function.csv", ECONOMIC: "economic.csv"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One code of one edition."""

    scheme: str
    edition_year: int
    code: str
    level: str  # 类 / 款 / 项
    name: str
    parent_code: str | None
    aliases: tuple[str, ...] = ()
    group: str | None = None


@dataclass(frozen=True, slots=True)
class Edition:
    """All codes of one scheme in one edition year."""

    scheme: str
    year: int
    entries: dict[str, Entry]

    def get(self, code: str | None) -> Entry | None:
        return self.entries.get(code) if code else None

    def children(self, code: str | None, level: str) -> list[Entry]:
        """Entries of ``level`` under ``code`` (every entry of that level when ``code`` is None)."""
        return [e for e in self.entries.values() if e.level == level and (code is None or e.parent_code == code)]


def _read_compact(scheme: str) -> list[dict[str, str]]:
    path = DATA_DIR / _FILES[scheme]
    frame = pl.read_csv(path, infer_schema=False).fill_null("")
    return frame.to_dicts()


@cache
def entries(scheme: str) -> tuple[Entry, ...]:
    """Every (edition, code) entry of a scheme, expanded from the compact CSV."""
    years = EDITIONS[scheme]
    rows = _read_compact(scheme)
    names_by_code: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        names_by_code[row["code"]] += [row["name"], *filter(None, row["aliases"].split("|"))]
    expanded: list[Entry] = []
    for row in rows:
        first = int(row["first_edition"] or years.start)
        last = int(row["last_edition"] or years.stop - 1)
        other_names = tuple(dict.fromkeys(n for n in names_by_code[row["code"]] if n != row["name"]))
        for year in range(max(first, years.start), min(last, years.stop - 1) + 1):
            expanded.append(
                Entry(
                    scheme=scheme,
                    edition_year=year,
                    code=row["code"],
                    level=row["level"],
                    name=row["name"],
                    parent_code=row["parent_code"] or None,
                    aliases=other_names,
                    group=row.get("group") or None,
                )
            )
    return tuple(expanded)


def nearest_edition_year(scheme: str, year: int | None) -> int:
    """The edition used for a report of ``year``: itself when covered, else the closest one (latest if unknown)."""
    years = EDITIONS[scheme]
    if year is None:
        return years.stop - 1
    return min(max(year, years.start), years.stop - 1)


@cache
def edition(scheme: str, year: int) -> Edition:
    """The edition of ``year`` (or the nearest covered one)."""
    year = nearest_edition_year(scheme, year)
    return Edition(scheme, year, {e.code: e for e in entries(scheme) if e.edition_year == year})


def editions_with(scheme: str, code: str) -> list[int]:
    """Edition years in which ``code`` exists."""
    return sorted({e.edition_year for e in entries(scheme) if e.code == code})


@cache
def classification_frame() -> pl.DataFrame:
    """All editions of both schemes, in the `classification` view's schema."""
    records = [
        {
            "scheme": e.scheme,
            "edition_year": e.edition_year,
            "code": e.code,
            "level": e.level,
            "name": e.name,
            "parent_code": e.parent_code,
            "aliases": list(e.aliases),
            "group": e.group,
        }
        for scheme in (FUNCTION, ECONOMIC)
        for e in entries(scheme)
    ]
    schema = CLASSIFICATION.polars_schema()
    frame = pl.DataFrame(records, schema=schema)
    return frame.sort("scheme", "edition_year", "code")
