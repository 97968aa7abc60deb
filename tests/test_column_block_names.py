"""Wrapped row names of a table written column by column (pdftotext's default mode) joined back.

The names are the function classification's own, cut over two or three lines as a narrow cell
wraps them, for several 类 and cut points; the joining found line by line must be the one every
choice of joins tried in turn finds (``itertools.combinations``), and give the official names back."""

from __future__ import annotations

import random
from itertools import combinations

import pytest

from budget_reports.classification.reference import EDITIONS, FUNCTION, edition
from budget_reports.extract.standard_tables.common import is_total
from budget_reports.normalize import compact
from budget_reports.readers.column_blocks import BlockLine, _fits, _join, _joined_names, _only_joining

FAMILIES = ("201", "205", "208", "210", "213", "221")


def _codes_and_names(family: str) -> list[tuple[str, str]]:
    """The 类, its first 款 and that 款's 项, as a table prints them (code, official name)."""
    latest = edition(FUNCTION, EDITIONS[FUNCTION][-1])
    kuan = sorted(latest.children(family, "款"), key=lambda e: e.code)[0]
    xiang = sorted(latest.children(kuan.code, "项"), key=lambda e: e.code)
    return [(e.code, e.name) for e in [latest.get(family), kuan, *xiang] if e is not None]


def _wrapped(rows: list[tuple[str, str]], seed: int) -> list[BlockLine]:
    """合计 first, then each name cut at a random place when long enough (a narrow cell's wrapping)."""
    chance = random.Random(seed)
    lines = [BlockLine("合计", 1, 1)]
    for code, name in rows:
        del code
        if len(name) >= 6 and chance.random() < 0.5:
            cut = chance.randrange(2, len(name) - 1)
            lines += [BlockLine(name[:cut], 1, len(lines) + 1), BlockLine(name[cut:], 1, len(lines) + 2)]
        else:
            lines.append(BlockLine(name, 1, len(lines) + 1))
    return lines


def _every_choice(names: list[BlockLine], codes: list[str]) -> list[list[BlockLine]]:
    """Every choice of joins that fits, tried one by one: the reference for the line-by-line count."""
    rows = [i for i, line in enumerate(names) if not is_total(compact(line.text))]
    extra = len(rows) - len(codes)
    gaps = [rows[k] for k in range(len(rows) - 1) if rows[k + 1] == rows[k] + 1]
    fitting = []
    for joins in combinations(gaps, extra):
        joined = _join(names, set(joins))
        row_names = [line for line in joined if not is_total(compact(line.text))]
        if len(row_names) == len(codes) and all(_fits(line, code) for line, code in zip(row_names, codes, strict=True)):
            fitting.append([BlockLine(line.text.replace("\n", ""), line.page, line.line) for line in joined])
    return fitting


def _joined_line_by_line(names: list[BlockLine], codes: list[str]) -> list[BlockLine] | None:
    rows = [i for i, line in enumerate(names) if not is_total(compact(line.text))]
    gaps = {rows[k] for k in range(len(rows) - 1) if rows[k + 1] == rows[k] + 1}
    joins = _only_joining(names, gaps, codes, len(rows) - len(codes))
    if joins is None:
        return None
    return [BlockLine(line.text.replace("\n", ""), line.page, line.line) for line in _join(names, joins)]


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("seed", range(4))
def test_wrapped_names_join_as_every_choice_tried_says(family: str, seed: int) -> None:
    rows = _codes_and_names(family)[:9]  # few enough lines for every choice to be tried in the reference
    codes = [code for code, _ in rows]
    names = _wrapped(rows, seed)
    fitting = _every_choice(names, codes)
    joined = _joined_line_by_line(names, codes)
    if len(fitting) == 1:
        assert joined == fitting[0]
        assert [line.text for line in joined[1:]] == [name for _, name in rows]
    else:
        assert joined is None  # no joining, or several: the names are not guessed


@pytest.mark.parametrize("family", FAMILIES)
def test_a_page_within_the_bound_is_joined(family: str) -> None:
    """Two names wrapped: few enough choices for the page's bound, and the names come back whole."""
    rows = _codes_and_names(family)[:6]
    codes = [code for code, _ in rows]
    names = [BlockLine("合计", 1, 1)]
    wrapped = 0
    for code, name in rows:
        del code
        if len(name) >= 6 and wrapped < 2:
            names += [BlockLine(name[:3], 1, len(names) + 1), BlockLine(name[3:], 1, len(names) + 2)]
            wrapped += 1
        else:
            names.append(BlockLine(name, 1, len(names) + 1))
    fitting = _every_choice(names, codes)
    joined = _joined_names(names, codes)
    assert joined == (fitting[0] if len(fitting) == 1 else None)


def test_a_name_that_fits_two_ways_is_not_joined() -> None:
    """The same wrapped name printed twice in a row: the first half could join either line after
    it, so no joining is taken (as trying every choice says)."""
    rows = _codes_and_names("208")[:3]
    codes = [code for code, _ in rows]
    name = rows[2][1]
    names = [BlockLine("合计", 1, 1), BlockLine(rows[0][1], 1, 2), BlockLine(rows[1][1], 1, 3)]
    names += [BlockLine(name[:2], 1, 4), BlockLine(name[2:], 1, 5)]
    assert len(_every_choice(names, codes)) == 1
    assert _joined_line_by_line(names, codes) == _every_choice(names, codes)[0]
    doubled = [*names[:4], BlockLine(name[2:], 1, 5), BlockLine(name[2:], 1, 6)]
    assert _every_choice(doubled, codes) == []
    assert _joined_line_by_line(doubled, codes) is None
