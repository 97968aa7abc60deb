"""How much of the reference there is, how much of it was checked, and what changed between editions.

``coverage_table()`` renders, per scheme and edition, the number of 类/款/项 and the share of rows
whose `checked` names a document of that edition; ``sources_table()`` lists every document rows
were checked against, with how many rows cite it; ``changes_table()`` lists, edition by edition,
the codes added, retired and renamed. The classification README and ``docs/classification-checks.md``
carry them (between the markers below); ``python -m budget_reports.classification.coverage``
rewrites them and a test keeps both files equal to them, so the documented numbers are always the
shipped ones.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from budget_reports.classification.reference import (
    EDITIONS,
    REFERENCE_SOURCE,
    SCHEME_LABELS,
    SCHEMES,
    classification_frame,
    compact_rows,
    edition,
    source_documents,
)

README = Path(__file__).parent / "README.md"
CHECKS_DOC = Path(__file__).parents[2] / "docs" / "classification-checks.md"
DOCUMENTS = (README, CHECKS_DOC)
START, END = "<!-- coverage:start -->", "<!-- coverage:end -->"
CHANGES_START, CHANGES_END = "<!-- changes:start -->", "<!-- changes:end -->"
SOURCES_START, SOURCES_END = "<!-- sources:start -->", "<!-- sources:end -->"
LEVELS = ("类", "款", "项")


def coverage() -> pl.DataFrame:
    """Rows per scheme, edition and level, and how many were checked against a document of that edition."""
    frame = classification_frame().filter(pl.col("source") == REFERENCE_SOURCE)
    return (
        frame.group_by("scheme", "edition_year", "level")
        .agg(pl.len().alias("codes"), (pl.col("checked").list.len() > 0).sum().alias("checked"))
        .sort("scheme", "edition_year", "level")
    )


def coverage_table() -> str:
    counts = {(r["scheme"], r["edition_year"], r["level"]): r for r in coverage().iter_rows(named=True)}
    lines = [
        "| scheme | edition | 类 | 款 | 项 | rows | checked against a document of that edition | not checked |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for scheme, year in sorted({(s, y) for s, y, _ in counts}, key=lambda k: (SCHEMES.index(k[0]), k[1])):
        per_level = [counts.get((scheme, year, level), {"codes": 0, "checked": 0}) for level in LEVELS]
        total = sum(c["codes"] for c in per_level)
        checked = sum(c["checked"] for c in per_level)
        cells = " | ".join(str(c["codes"]) if c["codes"] else "–" for c in per_level)
        share = f"{checked} ({checked / total:.1%})"
        lines.append(f"| {SCHEME_LABELS[scheme]} | {year} | {cells} | {total} | {share} | {total - checked} |")
    return "\n".join(lines) + "\n"


def rows_citing() -> dict[str, dict[str, int]]:
    """Tag -> scheme -> number of shipped CSV rows whose `checked` names the tag."""
    counts: dict[str, dict[str, int]] = {tag: dict.fromkeys(SCHEMES, 0) for tag in source_documents()}
    for scheme in SCHEMES:
        for row in compact_rows(scheme):
            for tag in filter(None, row["checked"].split(";")):
                counts[tag][scheme] += 1
    return counts


def sources_table() -> str:
    header = " / ".join(SCHEME_LABELS[s] for s in SCHEMES)
    lines = [
        f"| tag | kind | editions it proves | rows citing it: {header} | where |",
        "|---|---|---|---|---|",
    ]
    for tag, row in source_documents().items():
        cited = " / ".join(str(n) for n in rows_citing()[tag].values())
        editions = row["editions"].replace(";", ", ")
        lines.append(f"| `{tag}` | {row['kind']} | {editions} | {cited} | {row['url']} |")
    return "\n".join(lines) + "\n"


def changes() -> list[tuple[str, int, str, str, str]]:
    """(scheme, edition, code, change, detail) for every code added, retired or renamed from one
    covered edition to the next (the user's local codes left out)."""
    found = []
    for scheme in SCHEMES:
        years = EDITIONS[scheme]
        for year in years[1:]:
            before, now = _shipped(scheme, year - 1), _shipped(scheme, year)
            for code in sorted(now.keys() - before.keys()):
                found.append((scheme, year, code, "added", now[code]))
            for code in sorted(before.keys() - now.keys()):
                found.append((scheme, year, code, "retired", before[code]))
            for code in sorted(c for c in now.keys() & before.keys() if now[c] != before[c]):
                found.append((scheme, year, code, "renamed", f"{before[code]} → {now[code]}"))
    return found


def _shipped(scheme: str, year: int) -> dict[str, str]:
    return {e.code: e.name for e in edition(scheme, year).entries.values() if e.source == REFERENCE_SOURCE}


def changes_table() -> str:
    lines = ["| scheme | edition | code | change | name |", "|---|---|---|---|---|"]
    lines += [f"| {SCHEME_LABELS[s]} | {y} | {c} | {kind} | {detail} |" for s, y, c, kind, detail in changes()]
    return "\n".join(lines) + "\n"


def _replace(text: str, start: str, end: str, content: str) -> str:
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{content}{end}{tail}"


def with_table(text: str) -> str:
    """The document's text with each generated table it carries replaced by the current one."""
    for start, end, render in (
        (START, END, coverage_table),
        (CHANGES_START, CHANGES_END, changes_table),
        (SOURCES_START, SOURCES_END, sources_table),
    ):
        if start in text:
            text = _replace(text, start, end, render())
    return text


if __name__ == "__main__":
    for document in DOCUMENTS:
        document.write_text(with_table(document.read_text(encoding="utf-8")), encoding="utf-8")
