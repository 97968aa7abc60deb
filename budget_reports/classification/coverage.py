"""How much of the reference there is, and how much of it was checked against a document.

``coverage_table()`` renders, per scheme and edition, the number of 类/款/项 and the share of rows
whose `checked` names a document of that edition. The classification README carries the table
(between the markers below); ``python -m budget_reports.classification.coverage`` rewrites it and a
test keeps the two equal, so the documented counts are always the shipped ones.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from budget_reports.classification.reference import REFERENCE_SOURCE, SCHEME_LABELS, SCHEMES, classification_frame

README = Path(__file__).parent / "README.md"
START, END = "<!-- coverage:start -->", "<!-- coverage:end -->"
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
        "| scheme | edition | 类 | 款 | 项 | rows | checked against a document of that edition |",
        "|---|---|---|---|---|---|---|",
    ]
    for scheme, year in sorted({(s, y) for s, y, _ in counts}, key=lambda k: (SCHEMES.index(k[0]), k[1])):
        per_level = [counts.get((scheme, year, level), {"codes": 0, "checked": 0}) for level in LEVELS]
        total = sum(c["codes"] for c in per_level)
        checked = sum(c["checked"] for c in per_level)
        cells = " | ".join(str(c["codes"]) if c["codes"] else "–" for c in per_level)
        lines.append(f"| {SCHEME_LABELS[scheme]} | {year} | {cells} | {total} | {checked} ({checked / total:.1%}) |")
    return "\n".join(lines) + "\n"


def with_table(readme: str) -> str:
    """The README text with its coverage table replaced by the current one."""
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{coverage_table()}{END}{tail}"


if __name__ == "__main__":
    README.write_text(with_table(README.read_text(encoding="utf-8")), encoding="utf-8")
