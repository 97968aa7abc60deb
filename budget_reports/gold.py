"""Gold-standard comparison: what an extractor produced against facts checked by hand.

Gold lives under ``tests/gold/<set>/<document stem>/<origin>_<view>.<ext>``:

- ``origin`` is ``prose`` (rows with source_kind narrative) or ``tables`` (source_kind table, or
  every row of a view without source_kind);
- ``.csv`` holds the rows in plain text: the header is a subset of the view's columns, decimals
  are written as printed numbers (``64.89``), an empty field is NULL;
- ``.digests.json`` (``{"columns": [...], "row_sha256": [...]}``) holds only the SHA-256 of each
  row's canonical form, for documents whose content may not be copied into the project.

A gold row matches an extracted row when every gold column is equal after canonicalisation
(the gold is typed like the view, so '64.89' equals Decimal('64.890000')). Rows are compared as multisets.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl

from budget_reports.file_hashes import file_sha256
from budget_reports.ingest import RawFile, process_file
from budget_reports.warehouse.frames import report_frames

ORIGIN_SOURCE_KIND = {"prose": "narrative", "tables": "table"}
_SEPARATOR = "\x1f"


@dataclass(frozen=True, slots=True)
class GoldScore:
    view: str
    origin: str
    gold_rows: int
    extracted_rows: int
    matched: int
    missing: list[tuple[str, ...]]  # gold rows not extracted
    unexpected: list[tuple[str, ...]]  # extracted rows not in the gold

    @property
    def recall(self) -> float:
        return self.matched / self.gold_rows if self.gold_rows else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted_rows if self.extracted_rows else 1.0


def canonical(value: Any) -> str:
    """One printed form per value: NULL and '' are empty, decimals without trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return "0" if text in ("-0", "0") else text
    return str(value)


def row_digest(values: tuple[str, ...]) -> str:
    return hashlib.sha256(_SEPARATOR.join(values).encode()).hexdigest()


def extract_frames(path: Path, source_file: str | None = None) -> dict[str, pl.DataFrame]:
    """Run the whole pipeline (read, extract, validate) on one file; one frame per view."""
    raw = RawFile(path, source_file or path.name, file_sha256(path), path.stat().st_size)
    return report_frames(process_file(raw))


def select_origin(frame: pl.DataFrame, origin: str) -> pl.DataFrame:
    if origin not in ORIGIN_SOURCE_KIND:
        raise ValueError(f"unknown gold origin {origin!r}")
    if "source_kind" not in frame.columns:
        return frame
    return frame.filter(pl.col("source_kind") == ORIGIN_SOURCE_KIND[origin])


def canonical_rows(frame: pl.DataFrame, columns: list[str]) -> list[tuple[str, ...]]:
    return [tuple(canonical(v) for v in row) for row in frame.select(columns).iter_rows()]


def score_rows(view: str, origin: str, gold: Counter, extracted: Counter) -> GoldScore:
    matched = gold & extracted
    return GoldScore(
        view=view,
        origin=origin,
        gold_rows=sum(gold.values()),
        extracted_rows=sum(extracted.values()),
        matched=sum(matched.values()),
        missing=sorted((gold - extracted).elements()),
        unexpected=sorted((extracted - gold).elements()),
    )


def score_gold_file(gold_path: Path, frames: dict[str, pl.DataFrame]) -> GoldScore:
    """Compare one gold file with the frames extracted from its document."""
    name = gold_path.name
    stem = name.removesuffix(".digests.json").removesuffix(".csv")
    origin, _, view = stem.partition("_")
    extracted_frame = select_origin(frames[view], origin)
    if name.endswith(".digests.json"):
        spec = json.loads(gold_path.read_text(encoding="utf-8"))
        columns = spec["columns"]
        gold = Counter(spec["row_sha256"])
        extracted = Counter(row_digest(r) for r in canonical_rows(extracted_frame, columns))
        return score_rows(view, origin, gold, extracted)
    gold_frame = pl.read_csv(gold_path, infer_schema=False)
    columns = gold_frame.columns
    unknown = set(columns) - set(extracted_frame.columns)
    if unknown:
        raise ValueError(f"{gold_path}: columns not in view {view}: {sorted(unknown)}")
    # Typed like the view, so '64.89' in the gold equals Decimal('64.890000') extracted.
    gold_frame = gold_frame.with_columns(
        pl.col(c).replace("", None).cast(extracted_frame.schema[c], strict=True).alias(c) for c in columns
    )
    gold = Counter(canonical_rows(gold_frame, columns))
    return score_rows(view, origin, gold, Counter(canonical_rows(extracted_frame, columns)))


def gold_files(document_gold_dir: Path) -> list[Path]:
    return sorted(p for p in document_gold_dir.iterdir() if p.name.endswith((".csv", ".digests.json")))


def write_digests(path: Path, frame: pl.DataFrame, columns: list[str]) -> None:
    """Record checked rows as digests only (for documents that may not be copied)."""
    digests = sorted(row_digest(r) for r in canonical_rows(frame, columns))
    path.write_text(json.dumps({"columns": columns, "row_sha256": digests}, indent=1) + "\n", encoding="utf-8")
