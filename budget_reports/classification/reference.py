"""Load the versioned classification reference shipped as CSV under ``data/``."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import polars as pl

from budget_reports.contract import CLASSIFICATION
from budget_reports.warehouse.frames import empty_frame

DATA_DIR = Path(__file__).parent / "data"


@cache
def classification_frame() -> pl.DataFrame:
    """All editions of both schemes, in the `classification` view's schema."""
    paths = sorted(DATA_DIR.glob("*.csv"))
    if not paths:
        return empty_frame(CLASSIFICATION)
    frames = [pl.read_csv(p, infer_schema=False) for p in paths]
    frame = pl.concat(frames, how="diagonal")
    aliases = pl.col("aliases").fill_null("").str.split("|").list.eval(pl.element().filter(pl.element() != ""))
    return frame.with_columns(aliases).select(CLASSIFICATION.column_names).cast(dict(CLASSIFICATION.polars_schema()))
