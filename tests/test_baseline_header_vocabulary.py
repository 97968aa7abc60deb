"""The header words a text written by baseline cut over lines are assembled the same in every run."""

from __future__ import annotations

import os
import subprocess
import sys

from budget_reports.readers.baseline_headers import assembled_words, header_vocabulary

# pdfplumber's lines of the 支出决算表 header (its 项目 cell over 科目编码 / 科目名称, the money cells
# wrapped over two lines): 项目 alone on its line and a 支出 piece could spell 项目支出 a second time,
# leaving 经营支出 (or another 4-character word) unspelled, had 项目支出 been tried before it.
SPENDING_HEADER = [
    "本年支出合 基本支 项目支 上缴上级 经营 对附属单位补助",
    "项目",
    "计 出 出 支出 支出 支出",
    "支出功能",
    "科目名称",
    "分类",
    "科目编码",
]

_VOCABULARY_OF_RUN = (
    "from budget_reports.readers.baseline_headers import header_vocabulary; print('|'.join(header_vocabulary()))"
)


def test_words_of_one_length_are_tried_in_one_order_whatever_the_strings_hashes() -> None:
    runs = set()
    for seed in ("0", "1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", _VOCABULARY_OF_RUN], capture_output=True, text=True, check=True, env=env
        )
        runs.add(out.stdout.strip())
    assert runs == {"|".join(header_vocabulary())}
    lengths = [len(word) for word in header_vocabulary()]
    assert lengths == sorted(lengths, reverse=True)


def test_every_money_column_of_a_wrapped_spending_header_is_assembled_once() -> None:
    words = assembled_words(SPENDING_HEADER)
    money = ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
    assert sorted(words) == sorted(money)
