"""Codes printed in 类 | 款 | 项 columns on every row (``208 | 05 | 01``), as ``pdftotext`` (default mode)
writes them cell by cell: read as the whole codes they spell, so that ``whole_codes`` reads the rows.

Each row's parts come on lines one after the other, its 类 first (``208``, ``05``, ``01 行政单位离退休``:
the last part beside the name when the name's cell follows it), or a row's 项 part with its name
(``01 行政单位医疗``) apart from its 类 and 款 parts, written among other rows' codes. Parts join
only into codes the classification reference knows: two whole figures one under the other (a table
in 元: ``850``, ``12``) spell no code. Such a 项 line
completes the 类 and 款 printed twice (once for their own 款 row, once for the row below it) where
the code it spells names that line in the classification reference, and only there.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from budget_reports.normalize import compact
from budget_reports.readers.block_words import CLASS_CODE, CODE_PART
from budget_reports.readers.code_names import known_names

if TYPE_CHECKING:  # column_blocks reads its pages with this module
    from budget_reports.readers.column_blocks import BlockLine

_MAX_PARTS = 2  # 款 and 项
_MIN_PIECE = 2  # characters of a wrapped name's line that can tell whose it is


def joined_codes(lines: Sequence[BlockLine]) -> list[BlockLine] | None:
    """The page's lines with each code's parts joined into one line (``2080501 行政单位离退休``, or the
    code alone where its name is on a line of its own; blank lines left out); None when the page
    prints no 类 followed by a part, or a part no code takes."""
    lines = [line for line in lines if line.text.strip()]  # pdftotext writes a blank line after each cell
    out: list[BlockLine] = []
    orphans: list[int] = []  # indices in ``out`` of 项 parts with their names, printed apart from their 类
    k, joined = 0, False
    while k < len(lines):
        line = lines[k]
        words = line.text.split()
        if len(words) == 1 and CLASS_CODE.match(words[0]):
            digits, k = words[0], k + 1
            name = ""
            while k < len(lines) and len(digits) < len(words[0]) + 2 * _MAX_PARTS and not name:
                part = lines[k].text.split()
                if not part or not CODE_PART.match(part[0]) or any(c.isdigit() for c in "".join(part[1:])):
                    break
                # Only into a code the reference knows (two figures in 元 one under the other, 850 and
                # 12, spell none), and by a name it knows the code by: a part beside another name is
                # another row's, printed apart.
                names = known_names(digits + part[0])
                named = compact("".join(part[1:]))
                if not names or (named and not _names_piece(named, names)):
                    break
                digits, name, k = digits + part[0], " ".join(part[1:]), k + 1
            joined = joined or len(digits) > len(words[0])
            out.append(replace(line, text=f"{digits} {name}".strip()))
            continue
        if words and CODE_PART.match(words[0]):
            if len(words) == 1 or any(c.isdigit() for c in "".join(words[1:])):
                return None  # a part alone that follows no 类
            orphans.append(len(out))
        out.append(line)
        k += 1
    if not joined:
        return None
    return _completed(out, orphans)


def _completed(lines: list[BlockLine], orphans: list[int]) -> list[BlockLine] | None:
    """Each 项 line printed apart joined to the 类+款 code printed twice whose code it completes into
    the one its name is in the reference (that code's second line dropped); None unless each finds
    exactly one."""
    if not orphans:
        return lines
    lone = [compact(line.text) for line in lines]
    twice = {code for code in lone if code.isdigit() and lone.count(code) > 1}
    dropped: set[int] = set()
    out = list(lines)
    for index in orphans:
        part, name = lines[index].text.split(maxsplit=1)
        fits = [code for code in twice if _names_piece(compact(name), known_names(code + part))]
        if len(fits) != 1:
            return None
        code = fits[0]
        second = max(i for i, text in enumerate(lone) if text == code and i not in dropped)
        dropped.add(second)
        lone[second] = ""  # taken: a third orphan of the same 款 needs a third line
        twice = {c for c in twice if lone.count(c) > 1}
        out[index] = replace(lines[index], text=f"{code}{part} {name}")
    return [line for i, line in enumerate(out) if i not in dropped]


def _names_piece(named: str, names: Collection[str]) -> bool:
    """``named`` is one of ``names`` or, a name wrapping in its cell, a line of one: the part is
    printed beside its name's middle line (``机关事业单位 | 05 基本养老保险 | 缴费支出``)."""
    return named in names or (len(named) >= _MIN_PIECE and any(named in name for name in names))
