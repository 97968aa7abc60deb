"""Header words that a text written by baseline (pdfplumber) cut over several lines.

An extractor that writes one line per baseline prints a header cell wrapped over lines as pieces
on successive lines, interleaved with the pieces of the cells beside it:

    本年收入合 财政拨款收 上级补助 事业收 …
    支出功能分类 位上
    科目名称 计 入 收入 入 …
    科目编码 缴收入

Within one line the pieces keep their left-to-right order, but nothing tells which pieces of two
lines stand one above the other. A header word of the layout catalogue (``本年收入合计``,
``附属单位上缴收入``) is taken as printed when whole pieces of successive lines (not necessarily
adjacent ones) spell it from its start to its end; the words found so are added to the header text
that layouts are matched against (``table_headers.match_layout``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

from budget_reports.normalize import compact
from budget_reports.readers.table_headers import LAYOUTS

# A header cell wraps over a few lines at most; a longer chain is a coincidence of short pieces.
_MAX_PIECES = 5


@cache
def header_vocabulary() -> tuple[str, ...]:
    """Every word a layout of the catalogue matches on or names a column with, longest first."""
    words: set[str] = set()
    for layout in LAYOUTS:
        words.update(layout.words)
        for side in layout.sides:
            words.update(part for path in side.money for part in path)
            words.update(part for _, needed in side.optional for part in needed)
    # Longest first; words of one length in their own order, not the set's (which changes from run to
    # run with the strings' hashes, and two words of one length may want the same piece).
    return tuple(sorted((w for w in words if len(w) > 1), key=lambda w: (-len(w), w)))


def assembled_words(texts: Sequence[str], vocabulary: Iterable[str] | None = None) -> list[str]:
    """The vocabulary words spelled by pieces of successive lines and by no single line, each as
    often as it can be spelled with pieces not used by another spelling (决算数 of two sides)."""
    if vocabulary is None:
        return list(_assembled_catalogue_words(tuple(texts)))
    return _assembled(texts, vocabulary)


@lru_cache(maxsize=1_024)  # a template's header is printed alike in every report made from it
def _assembled_catalogue_words(texts: tuple[str, ...]) -> tuple[str, ...]:
    """``assembled_words`` of the layout catalogue's vocabulary."""
    return tuple(_assembled(texts, header_vocabulary()))


def _assembled(texts: Sequence[str], vocabulary: Iterable[str]) -> list[str]:
    lines = [[compact(piece) for piece in text.split()] for text in texts]
    # The pieces by their first character, in line order: a spelling's next piece starts with the
    # rest's first character (most words have no piece to start with at all).
    by_first: dict[str, list[tuple[int, int, str]]] = {}
    for line, pieces in enumerate(lines):
        for index, piece in enumerate(pieces):
            if piece:
                by_first.setdefault(piece[0], []).append((line, index, piece))
    joined = compact("".join(texts))
    found: list[str] = []
    used: set[tuple[int, int]] = set()
    for word in vocabulary:
        if word[0] not in by_first or word in joined:
            continue
        while (chain := _spelling(word, by_first, 0, used)) is not None:
            used.update(chain)
            found.append(word)
    return found


def _spelling(
    rest: str,
    by_first: dict[str, list[tuple[int, int, str]]],
    first_line: int,
    used: set[tuple[int, int]],
    depth: int = 0,
) -> list[tuple[int, int]] | None:
    """(line, piece) positions of whole pieces on increasing lines that spell ``rest``."""
    if depth >= _MAX_PIECES:
        return None
    for line, index, piece in by_first.get(rest[0], ()):
        if line < first_line or (line, index) in used or not rest.startswith(piece):
            continue
        if piece == rest:
            return [(line, index)] if depth > 0 else None  # one whole piece: the line printed it
        tail = _spelling(rest[len(piece) :], by_first, line + 1, used, depth + 1)
        if tail is not None:
            return [(line, index), *tail]
    return None
