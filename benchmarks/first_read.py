"""One read of one file, in this fresh interpreter, after other reports were read first: what a pipeline
worker spends on a report it has not seen. What recurs across reports (the classification reference,
header layouts, row labels) is then cached as in a long run; what belongs to this file's own lines is not.

    python -m benchmarks.first_read TARGET [WARM-UP FILE ...]     # prints the CPU seconds as JSON
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from benchmarks.timing import cpu_seconds
from budget_reports.readers import read_document
from budget_reports.worker_pool import imported_objects_set_apart


def first_read_seconds(target: Path, warm_up: list[Path]) -> float:
    with imported_objects_set_apart():  # as a pipeline worker reads
        for path in warm_up:
            read_document(path, path.name)
        return cpu_seconds(lambda: read_document(target, target.name))


def main() -> None:
    target, *warm_up = map(Path, sys.argv[1:])
    print(json.dumps({"seconds": first_read_seconds(target, warm_up)}))


if __name__ == "__main__":
    main()
