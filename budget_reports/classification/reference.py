"""Load the versioned classification reference shipped as CSV under ``data/``, plus a user's local codes.

The CSVs are compact: one row per code and name, valid from ``first_edition`` to ``last_edition``
(empty = the scheme's first / last edition). A renamed code has one row per name. Loading expands
them to one row per code per edition year, the `classification` view's grain, and adds the code's
names in other editions to its aliases, so a report using an earlier name still resolves.

A user can add provincial or local codes and aliases without editing the package: the CSV named
by the environment variable ``BUDGET_LOCAL_CODES`` (see ``local_codes.py``) is merged in here.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polars as pl

from budget_reports.classification.local_codes import LocalCodesError, LocalRow, read_local_codes
from budget_reports.contract import CLASSIFICATION

DATA_DIR = Path(__file__).parent / "data"

FUNCTION = "function"
ECONOMIC = "economic"  # 部门预算支出经济分类
ECONOMIC_GOV = "economic_gov"  # 政府预算支出经济分类
INCOME = "income"  # 收入分类 (一般公共预算收入 and 政府性基金收入 share one code tree)
SCHEMES = (FUNCTION, ECONOMIC, ECONOMIC_GOV, INCOME)
SCHEME_LABELS = {
    FUNCTION: "支出功能分类",
    ECONOMIC: "部门预算支出经济分类",
    ECONOMIC_GOV: "政府预算支出经济分类",
    INCOME: "收入分类",
}
# Schemes whose codes go down to 项 (7 digits); the economic classifications stop at 款.
SCHEMES_WITH_XIANG = (FUNCTION, INCOME)
# Edition years the reference covers, per scheme (see README.md for where each comes from).
EDITIONS: dict[str, range] = {
    FUNCTION: range(2019, 2027),
    ECONOMIC: range(2018, 2027),
    ECONOMIC_GOV: range(2018, 2027),
    INCOME: range(2019, 2027),
}
_FILES = {FUNCTION: "function.csv", ECONOMIC: "economic.csv", ECONOMIC_GOV: "economic_gov.csv", INCOME: "income.csv"}
SOURCES_FILE = "sources.csv"  # the documents a row's `checked` tags name, and the editions each proves
LEVEL_OF_LENGTH = {3: "类", 5: "款", 7: "项"}

LOCAL_CODES_ENV = "BUDGET_LOCAL_CODES"
REFERENCE_SOURCE = "reference"
LOCAL_SOURCE = "local"


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
    checked: tuple[str, ...] = ()  # documents the row was checked against (empty: not checked)
    source: str = REFERENCE_SOURCE  # reference (shipped) or local (the user's CSV)


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


def compact_rows(scheme: str) -> list[dict[str, str]]:
    """The scheme's CSV rows as shipped (one per code and name, before expanding to editions)."""
    path = DATA_DIR / _FILES[scheme]
    frame = pl.read_csv(path, infer_schema=False).fill_null("")
    return frame.to_dicts()


@cache
def source_documents() -> dict[str, dict[str, str]]:
    """Tag -> the document's row in ``sources.csv`` (editions, document, proves, url, kind)."""
    frame = pl.read_csv(DATA_DIR / SOURCES_FILE, infer_schema=False).fill_null("")
    return {row["tag"]: row for row in frame.to_dicts()}


@cache
def sources() -> dict[str, tuple[int, ...]]:
    """Tag -> edition years the tagged document proves."""
    return {tag: tuple(int(y) for y in row["editions"].split(";")) for tag, row in source_documents().items()}


def _checked_in(tags: tuple[str, ...], year: int) -> tuple[str, ...]:
    """The row's tags whose document proves the edition of ``year`` (a 2024 report proves nothing of 2019)."""
    return tuple(tag for tag in tags if year in sources()[tag])


def _split(text: str, sep: str) -> tuple[str, ...]:
    return tuple(part for part in text.split(sep) if part)


def local_codes_path() -> Path | None:
    """The user's local-codes CSV, when ``BUDGET_LOCAL_CODES`` names one."""
    value = os.environ.get(LOCAL_CODES_ENV, "").strip()
    return Path(value).expanduser() if value else None


def _local_key() -> tuple[str, int] | None:
    """Identifies the local file's current content, so a changed file is read again."""
    path = local_codes_path()
    if path is None:
        return None
    try:
        return (str(path), path.stat().st_mtime_ns)
    except OSError:
        return (str(path), -1)  # read_local_codes reports the missing file


def entries(scheme: str) -> tuple[Entry, ...]:
    """Every (edition, code) entry of a scheme: the shipped reference and the user's local codes."""
    return _entries(scheme, _local_key())


@cache
def _entries(scheme: str, local_key: tuple[str, int] | None) -> tuple[Entry, ...]:
    years = EDITIONS[scheme]
    rows = compact_rows(scheme)
    local = [row for row in _local_rows(local_key) if row.scheme == scheme]
    names_by_code: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        names_by_code[row["code"]] += [row["name"], *_split(row["aliases"], "|")]
    for extra in local:
        names_by_code[extra.code] += [extra.name, *extra.aliases]
    expanded: dict[tuple[int, str], Entry] = {}
    for row in rows:
        first = int(row["first_edition"] or years.start)
        last = int(row["last_edition"] or years.stop - 1)
        other_names = tuple(dict.fromkeys(n for n in names_by_code[row["code"]] if n != row["name"]))
        for year in range(max(first, years.start), min(last, years.stop - 1) + 1):
            expanded[(year, row["code"])] = Entry(
                scheme=scheme,
                edition_year=year,
                code=row["code"],
                level=row["level"],
                name=row["name"],
                parent_code=row["parent_code"] or None,
                aliases=other_names,
                group=row.get("group") or None,
                checked=_checked_in(_split(row["checked"], ";"), year),
            )
    for extra in sorted(local, key=lambda row: len(row.code)):  # parents first
        _add_local(expanded, extra, years, names_by_code[extra.code])
    return tuple(expanded[key] for key in sorted(expanded))


@cache
def _local_rows(local_key: tuple[str, int] | None) -> tuple[LocalRow, ...]:
    if local_key is None:
        return ()
    path = Path(local_key[0])
    rows = read_local_codes(path)
    for row in rows:
        if row.scheme not in SCHEMES:
            where = f"本地科目文件 {path} 第 {row.line} 行"
            raise LocalCodesError(f"{where}：分类体系“{row.scheme}”应为 {'/'.join(SCHEMES)}")
        if row.scheme not in SCHEMES_WITH_XIANG and len(row.code) == 7:
            raise LocalCodesError(f"本地科目文件 {path} 第 {row.line} 行：经济分类只有类、款（3 或 5 位编码）")
    return tuple(rows)


def _add_local(expanded: dict[tuple[int, str], Entry], row: LocalRow, years: range, names: list[str]) -> None:
    """A local code the reference lacks becomes an entry; for a known code its name becomes an alias."""
    first = row.first_edition or years.start
    last = row.last_edition or years.stop - 1
    for year in range(max(first, years.start), min(last, years.stop - 1) + 1):
        known = expanded.get((year, row.code))
        if known is not None:
            aliases = tuple(dict.fromkeys([*known.aliases, *(n for n in names if n != known.name)]))
            expanded[(year, row.code)] = Entry(
                known.scheme,
                year,
                known.code,
                known.level,
                known.name,
                known.parent_code,
                aliases,
                known.group,
                known.checked,
                known.source,
            )
            continue
        parent = row.code[:-2] if len(row.code) > 3 else None
        if parent is not None and (year, parent) not in expanded:
            raise LocalCodesError(
                f"本地科目文件第 {row.line} 行：编码 {row.code} 的上级 {parent} 不在 {year} 年版"
                f"{SCHEME_LABELS[row.scheme]}中（请先在同一文件中列出上级科目）"
            )
        expanded[(year, row.code)] = Entry(
            scheme=row.scheme,
            edition_year=year,
            code=row.code,
            level=LEVEL_OF_LENGTH[len(row.code)],
            name=row.name,
            parent_code=parent,
            aliases=tuple(dict.fromkeys(n for n in names if n != row.name)),
            source=LOCAL_SOURCE,
        )


def retired(scheme: str, code: str) -> tuple[str, int] | None:
    """(name, last edition year) of a code the reference records as abolished before its first edition."""
    return _retired(scheme).get(code)


@cache
def _retired(scheme: str) -> dict[str, tuple[str, int]]:
    first = EDITIONS[scheme].start
    return {
        row["code"]: (row["name"], int(row["last_edition"]))
        for row in compact_rows(scheme)
        if row["last_edition"] and int(row["last_edition"]) < first
    }


def nearest_edition_year(scheme: str, year: int | None) -> int:
    """The edition used for a report of ``year``: itself when covered, else the closest one (latest if unknown)."""
    years = EDITIONS[scheme]
    if year is None:
        return years.stop - 1
    return min(max(year, years.start), years.stop - 1)


def edition(scheme: str, year: int | None) -> Edition:
    """The edition of ``year`` (or the nearest covered one)."""
    return _edition(scheme, nearest_edition_year(scheme, year), _local_key())


@cache
def _edition(scheme: str, year: int, local_key: tuple[str, int] | None) -> Edition:
    return Edition(scheme, year, {e.code: e for e in _entries(scheme, local_key) if e.edition_year == year})


def editions_with(scheme: str, code: str) -> list[int]:
    """Edition years in which ``code`` exists."""
    return sorted({e.edition_year for e in entries(scheme) if e.code == code})


def classification_frame() -> pl.DataFrame:
    """All editions of every scheme, in the `classification` view's schema."""
    return _classification_frame(_local_key())


@cache
def _classification_frame(local_key: tuple[str, int] | None) -> pl.DataFrame:
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
            "checked": list(e.checked),
            "source": e.source,
        }
        for scheme in SCHEMES
        for e in _entries(scheme, local_key)
    ]
    frame = pl.DataFrame(records, schema=CLASSIFICATION.polars_schema())
    return frame.sort("scheme", "edition_year", "code")
