#!/usr/bin/env bash
# The whole test suite, in three pytest processes. The tests that build PDFs embed a CJK font in
# each one, and pdfium keeps the memory of every font it loaded until the process ends (~36 MB a
# PDF built): one process running them all outgrows the machine, so they run in two of their own.
set -uo pipefail
cd "$(dirname "$0")/.."
python="${VENV:-.venv}/bin/python"
mapfile -t building < <(grep -l -E "seed_pdf|cjk_table_pdf|typeset|_pdf import" tests/test_*.py)
half=$(((${#building[@]} + 1) / 2))
ignored=()
for file in "${building[@]}"; do ignored+=("--ignore=$file"); done
status=0
"$python" -m pytest "${ignored[@]}" "$@" || status=1
"$python" -m pytest "${building[@]:0:half}" "$@" || status=1
"$python" -m pytest "${building[@]:half}" "$@" || status=1
exit $status
