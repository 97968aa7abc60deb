"""Every gold file: the pipeline extracts exactly the rows checked by hand, no more, no less."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from budget_reports.gold import canonical, extract_frames, gold_files, score_gold_file, write_digests
from budget_reports.gold_sets import gold_documents

_CASES = [(doc, path) for doc in gold_documents() for path in gold_files(doc.gold_dir)]
_FRAMES: dict[Path, dict[str, pl.DataFrame]] = {}


def _frames(document: Path) -> dict[str, pl.DataFrame]:
    if document not in _FRAMES:
        _FRAMES[document] = extract_frames(document)
    return _FRAMES[document]


@pytest.mark.parametrize(
    ("doc", "gold_path"), _CASES, ids=[f"{d.gold_set}/{d.gold_dir.name}/{p.name}" for d, p in _CASES]
)
def test_extraction_matches_gold(doc, gold_path: Path) -> None:
    if not doc.document.exists():
        pytest.skip(f"document not available: {doc.document}")
    score = score_gold_file(gold_path, _frames(doc.document))
    assert score.gold_rows > 0, "a gold file must hold at least one row"
    assert score.missing == [], f"{len(score.missing)} gold rows not extracted"
    assert score.unexpected == [], f"{len(score.unexpected)} extracted rows not in the gold"


def test_gold_comparison_detects_a_wrong_value(tmp_path: Path) -> None:
    seed = Path(__file__).resolve().parent.parent / "data" / "raw" / "000_1ca1b4d95d915062.txt"
    frames = extract_frames(seed)
    gold = tmp_path / "prose_reports.csv"
    gold.write_text("source_file,parse_status,page_count\n000_1ca1b4d95d915062.txt,ok,\n", encoding="utf-8")
    assert score_gold_file(gold, frames).matched == 1
    gold.write_text("source_file,parse_status,page_count\n000_1ca1b4d95d915062.txt,failed,\n", encoding="utf-8")
    score = score_gold_file(gold, frames)
    assert score.matched == 0 and len(score.missing) == 1 and len(score.unexpected) == 1


def test_digest_gold_round_trips_and_detects_a_change(tmp_path: Path) -> None:
    frame = pl.DataFrame(
        {"name": ["行政运行", "机关服务"], "actual": [Decimal("64.89"), Decimal("1.5")]},
        schema={"name": pl.String, "actual": pl.Decimal(20, 6)},
    )
    path = tmp_path / "tables_expenditure_function.digests.json"
    write_digests(path, frame, ["name", "actual"])
    assert json.loads(path.read_text())["columns"] == ["name", "actual"]
    assert score_gold_file(path, {"expenditure_function": frame}).matched == 2
    changed = frame.with_columns(pl.lit(Decimal("64.88")).cast(pl.Decimal(20, 6)).alias("actual"))
    assert score_gold_file(path, {"expenditure_function": changed}).matched == 0


def test_canonical_numbers_ignore_trailing_zeros_only() -> None:
    assert canonical(Decimal("64.890000")) == canonical(Decimal("64.89")) == "64.89"
    assert canonical(Decimal("-0.000")) == "0"
    assert canonical(None) == ""
    assert canonical("001") == "001"
