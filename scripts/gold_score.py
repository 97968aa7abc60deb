"""Precision and recall of the extraction against every gold file: `python scripts/gold_score.py`."""

from __future__ import annotations

import sys

from budget_reports.gold import extract_frames, gold_files, score_gold_file
from budget_reports.gold_sets import gold_documents


def main() -> int:
    print(f"{'document':<45} {'gold file':<40} {'gold':>5} {'got':>5} {'match':>5} {'recall':>7} {'precision':>9}")
    imperfect = 0
    for doc in gold_documents():
        if not doc.document.exists():
            print(f"{doc.document.name:<45} (document not available)")
            continue
        frames = extract_frames(doc.document)
        for path in gold_files(doc.gold_dir):
            s = score_gold_file(path, frames)
            imperfect += s.recall < 1 or s.precision < 1
            print(
                f"{doc.document.name:<45} {path.name:<40} {s.gold_rows:>5} {s.extracted_rows:>5} {s.matched:>5}"
                f" {s.recall:>7.1%} {s.precision:>9.1%}"
            )
    return 1 if imperfect else 0


if __name__ == "__main__":
    sys.exit(main())
