"""Codes printed in 类 | 款 | 项 columns on every row (``208 | 05 | 01``), as ``pdftotext`` (default mode)
writes them cell by cell: read as the whole codes they spell, so that ``whole_codes`` reads the rows.

Each row's parts come on lines one after the other, its 类 first (``208``, ``05``, ``01 行政单位离退休``:
the last part beside the name when the name's cell follows it), or a row's 项 part with its name
(``01 行政单位医疗``) apart from its 类 and 款 parts, written among other rows' codes. Parts join
only into codes the classification reference knows: two whole figures one under the other (a table
in 元: ``850``, ``12``) spell no code. Such a 项 line
completes the 类 and 款 printed twice (once for their own 款 row, once for the row below it) where
the code it spells names that line in the classification reference, and only there. Names
wrapped in very narrow cells part a row's parts further: a name on an even count of lines has the
parts centred between its middle lines, and pdftotext writes the 项 part alone between two of its
pieces (``单位基本`` / ``05`` / ``养老保险``), read as printed beside the piece after it; or a 项 part
comes after the next row's class (``210 11`` twice, ``221``, ``01``), where it completes the 类+款
printed twice into a code whose name the page prints and the 类 before it spells one it does not.

Many templates print each level's part once, on its own row only (``208 | |`` on the class's row,
`` | 05 |`` on the 款's, `` | | 01`` on the 项's), as a class's cell merged down over its rows
prints it: pdftotext then writes the 类 and 款 columns' cells in blocks of their own, apart from the
names (``208`` / ``05`` above the class's name), and the part next to the name column beside the
name (``01 行政单位离退休``). Each row's code is its part under the class and 款 the rows above it
opened (``levels_once_codes``), a part printed alone taken by the name the reference knows its code by.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from budget_reports.normalize import compact
from budget_reports.readers.block_words import CLASS_CODE, CODE_PART
from budget_reports.readers.code_names import known_names
from budget_reports.readers.linear_rows import HEADER_LEFTOVERS
from budget_reports.readers.whole_codes import is_whole_code_label

if TYPE_CHECKING:  # column_blocks reads its pages with this module
    from budget_reports.readers.column_blocks import BlockLine

_MAX_PARTS = 2  # 款 and 项
_MIN_PIECE = 2  # characters of a wrapped name's line that can tell whose it is


def joined_codes(
    lines: Sequence[BlockLine], carried: Sequence[str] = (), late_parts: bool = False
) -> list[BlockLine] | None:
    """The page's lines with each code's parts joined into one line (``2080501 行政单位离退休``, or the
    code alone where its name is on a line of its own; blank lines left out); None when the page
    prints no 类 followed by a part, or a part no code takes. ``carried``: the code parts of the page
    before's last row, for a page going on with a table (the 款 it opened goes on here).
    ``late_parts``: a part alone after a 类 that completes a code printed twice before is read as that
    code's 项 part written late even where the page names the code it spells with the 类 too (the
    reading to try where the first gives no rows: ``210 11`` twice, ``212``, ``01``, where 21201 is a
    row of the page as well)."""
    lines = [line for line in lines if line.text.strip()]  # pdftotext writes a blank line after each cell
    page_names = "".join(compact(line.text) for line in lines if is_name_line(line.text))
    out: list[BlockLine] = []
    orphans: list[int] = []  # indices in ``out`` of 项 parts (with their names), printed apart from their 类
    k, joined = 0, False
    while k < len(lines):
        line = lines[k]
        words = line.text.split()
        if len(words) == 1 and CLASS_CODE.match(words[0]):
            digits, k = words[0], k + 1
            name = ""
            while k < len(lines) and len(digits) < len(words[0]) + 2 * _MAX_PARTS and not name:
                # The code columns' heads (类 | 款 | 项), set just above a page's first row, may be
                # written among that row's parts (``221`` / ``项`` / ``02``): no part of its code.
                j = _past_code_heads(lines, k)
                part = lines[j].text.split() if j < len(lines) else []
                if not part or not CODE_PART.match(part[0]) or any(c.isdigit() for c in "".join(part[1:])):
                    break
                # Only into a code the reference knows (two figures in 元 one under the other, 850 and
                # 12, spell none), and by a name it knows the code by: a part beside another name is
                # another row's, printed apart.
                names = known_names(digits + part[0])
                named = compact("".join(part[1:]))
                if not names or (named and not _names_piece(named, names)):
                    break
                if not named and _late_part(out, part[0], names, page_names, late_parts):
                    break
                digits, name, k = digits + part[0], " ".join(part[1:]), j + 1
            joined = joined or len(digits) > len(words[0])
            out.append(replace(line, text=f"{digits} {name}".strip()))
            continue
        if words and CODE_PART.match(words[0]):
            if len(words) == 1 and _between_name_lines(lines, k):
                # A 项's part set between two lines of its wrapped name (a name on an even count of
                # lines centres its row's parts between its middle ones: ``机关事业`` / ``单位基本`` /
                # ``05`` / ``养老保险`` / ``缴费支出``): printed with the line after it, as a name on an
                # odd count of lines prints it beside its middle one.
                orphans.append(len(out))
                out.append(replace(lines[k + 1], text=f"{words[0]} {lines[k + 1].text.strip()}"))
                k += 2
                continue
            if len(words) == 1 and len(_completing(out, words[0], page_names)) == 1:
                orphans.append(len(out))  # a 项 part written late, after the next rows' codes
            elif len(words) == 1 or any(c.isdigit() for c in "".join(words[1:])):
                return None  # a part alone that follows no 类
            else:
                orphans.append(len(out))
        out.append(line)
        k += 1
    if not joined:
        return None
    return _completed(out, orphans, page_names, "".join(carried))


def _late_part(
    out: Sequence[BlockLine], part: str, names: Collection[str], page_names: str, named_too: bool = False
) -> bool:
    """Whether a part alone after a 类 is rather a 项's part written late (``210`` / ``210 11`` /
    ``210 11`` / ``221`` / ``01``: the 01 of 行政单位医疗, 2101101, after the next class's code): the
    code it spells with the 类 is named nowhere on the page (``named_too``: or is), and it completes
    one code printed twice before it (a 款's, once for its own row and once for a 项 row waiting for
    its part) into the code of a name the page prints."""
    return (named_too or not _named_on_page(names, page_names)) and len(_completing(out, part, page_names)) == 1


def _completing(out: Sequence[BlockLine], part: str, page_names: str) -> list[str]:
    """The codes printed twice in ``out`` that ``part`` completes into a code not printed yet whose name
    the page prints, and that no part already in ``out`` apart from its 类 (alone or with its name,
    waiting) completes."""
    lone = [compact(line.text) for line in out]
    twice = {code for code in lone if code.isdigit() and lone.count(code) > 1}
    printed = {line.text.split()[0] for line in out}
    waiting = [line.text.split()[0] for line in out if CODE_PART.match(line.text.split()[0])]
    taken = {code for late in waiting for code in _named_completions(twice, late, printed, page_names)}
    return _named_completions(twice - taken, part, printed, page_names)


def _named_completions(codes: Collection[str], part: str, printed: Collection[str], page_names: str) -> list[str]:
    """Of ``codes``, those ``part`` completes into a code not ``printed`` whose name the page prints."""
    return sorted(
        code for code in codes if code + part not in printed and _named_on_page(known_names(code + part), page_names)
    )


def _named_on_page(names: Collection[str], page_names: str) -> bool:
    """Whether one of ``names`` is printed among the page's name lines (run together: a name may wrap)."""
    return any(len(name) >= _MIN_PIECE and name in page_names for name in names)


def _between_name_lines(lines: Sequence[BlockLine], k: int) -> bool:
    """Whether the lines either side of line ``k`` are a name's (words, no digit, no code column's head)."""
    return 0 < k < len(lines) - 1 and all(is_name_line(lines[j].text) for j in (k - 1, k + 1))


def is_name_line(text: str, heads: Collection[str] = HEADER_LEFTOVERS) -> bool:
    """Words and no digit (an empty cell's dash is no name), no code column's head (``heads``)."""
    key = compact(text)
    return key not in heads and any(c.isalpha() for c in key) and not any(c.isdigit() for c in key)


def _past_code_heads(lines: Sequence[BlockLine], k: int) -> int:
    """The index of the first line from ``k`` on that is no code column's head (类, 款, 项 alone)."""
    while k < len(lines) and lines[k].text.strip() in HEADER_LEFTOVERS:
        k += 1
    return k


def _completed(
    lines: list[BlockLine], orphans: list[int], page_names: str, carried: str = ""
) -> list[BlockLine] | None:
    """Each 项 line printed apart joined to the 类+款 code printed twice whose code it completes into
    the one its name is in the reference (that code's second line dropped; a part printed without
    its name, into the one whose name the page prints); None unless each finds exactly one. A line
    two codes fit waits for the others to take theirs (``99 事业单位``: 2080599 and 2101199 while 210
    11 waits for its part too, the 01 written late that completes it). The 款's own row printed on
    the page before (``carried`` goes on with it), its code printed once here is the 项's own 类 and
    款 parts."""
    if not orphans:
        return lines
    lone = [compact(line.text) for line in lines]

    def spare(code: str) -> bool:
        """The code printed more often than its own row prints it: a 项's parts among them."""
        return lone.count(code) > (0 if carried.startswith(code) and len(code) < len(carried) else 1)

    twice = {code for code in lone if code.isdigit() and spare(code)}
    dropped: set[int] = set()
    out = list(lines)
    pending = list(orphans)
    while pending:
        waiting = []
        for index in pending:
            part, *named = lines[index].text.split(maxsplit=1)
            if named:
                fits = [code for code in twice if _names_piece(compact(named[0]), known_names(code + part))]
            else:
                fits = _named_completions(twice, part, {x.text.split()[0] for x in out}, page_names)
            if not fits:
                return None
            if len(fits) > 1:
                waiting.append(index)
                continue
            code = fits[0]
            second = max(i for i, text in enumerate(lone) if text == code and i not in dropped)
            dropped.add(second)
            lone[second] = ""  # taken: a third orphan of the same 款 needs a third line
            twice = {c for c in twice if spare(c)}
            out[index] = replace(lines[index], text=" ".join([code + part, *named]))
        if len(waiting) == len(pending):
            return None  # each left fits two codes: which is whose the text does not say
        pending = waiting
    return [line for i, line in enumerate(out) if i not in dropped]


def _names_piece(named: str, names: Collection[str]) -> bool:
    """``named`` is one of ``names`` or, a name wrapping in its cell, a line of one: the part is
    printed beside its name's middle line (``机关事业单位 | 05 基本养老保险 | 缴费支出``)."""
    return named in names or (len(named) >= _MIN_PIECE and any(named in name for name in names))


_CLASS_LENGTH, _GROUP_LENGTH, _PART_LENGTH = 3, 5, 2  # a 类's code, a 款's; a 款's or 项's part
_MAX_NAME_LINES = 4  # lines a name wrapped in its cell is printed on, at most (16 characters at 4 a line)


@dataclass(slots=True)
class _Open:
    """The class and the 款 the rows read so far opened: a part's row is under one of them."""

    klass: str | None = None
    group: str | None = None

    def enter(self, code: str) -> None:
        if len(code) >= _CLASS_LENGTH:
            self.klass = code[:_CLASS_LENGTH]
            self.group = code[:_GROUP_LENGTH] if len(code) >= _GROUP_LENGTH else None

    def parents(self) -> list[str]:
        return [code for code in (self.klass, self.group) if code]


def levels_once_codes(lines: Sequence[BlockLine], carried: Sequence[str] = ()) -> list[BlockLine] | None:
    """The page's lines with each row's code made whole where the table prints each level's part once,
    on its own row only (``208`` on the class's row, ``05`` on the 款's, ``01`` on the 项's): each
    name beside the code it is the name of (``20805 行政事业单位养老支出``), the parts printed alone
    left out (and blank lines). ``carried``: the code of the page before's last row.

    The names come in the table's order; the parts printed alone (the 类 and 款 columns' cells, apart
    from the names) may not (a header cell merged over rows moves them among other cells). A row is
    under the class and the 款 the rows above it opened: a name beside its part (``01 行政单位离退休``)
    is that part under one of them, and a name alone takes the class printed alone, or the part
    printed alone under one of them, that the classification reference knows by that name. A part
    and its name printed out of the rows' order (among other rows' codes, after the total) take the
    one class or 款 of the page under which the reference knows them. None where a name fits two
    codes, a name beside a part fits none, or a part printed alone is left that no name took: the
    text does not say whose it is, and nothing is guessed."""
    lines = [line for line in lines if line.text.strip()]
    alone: dict[str, list[int]] = {}  # each class or part printed alone -> its lines no name took yet
    for k, line in enumerate(lines):
        word = compact(line.text)
        if CLASS_CODE.match(word) or CODE_PART.match(word):
            alone.setdefault(word, []).append(k)
    if not alone and not any(_part_and_name(line.text)[0] for line in lines):
        return None  # no part printed: no code to complete
    before = "".join(carried)
    printed_classes = [code for code in alone if len(code) == _CLASS_LENGTH]
    opened = _Open()
    opened.enter(before)
    rows: dict[int, tuple[str, int]] = {}  # first line of a row's name -> (its code, lines its name takes)
    apart: list[int] = []  # lines of a part and its name no class or 款 of the page takes yet
    k = 0
    while k < len(lines):
        if is_whole_code_label(lines[k].text):
            opened.enter(lines[k].text.split()[0])  # a code printed whole beside its name opens its levels too
        part, name = _part_and_name(lines[k].text)
        found = _row_code(lines, k, opened.parents(), alone) if name is not None else False
        if found is False and name is not None:
            # The class or 款 above not open (its name written out of the rows' order): the one class
            # or 款 of the page its code is under, if one only.
            found = _row_code(lines, k, _page_parents([before, *printed_classes, *_codes(rows)]), alone) or False
        if found is None:
            return None
        if found:
            rows[k] = found
            opened.enter(found[0])
            k += found[1]
            continue
        if part is not None and name is not None:
            apart.append(k)
        k += 1
    parents = _page_parents([before, *_codes(rows)])
    for k in apart:
        part, name = _part_and_name(lines[k].text)
        fits = [p + part for p in parents if compact(name or "") in known_names(p + part)]
        if len(fits) != 1:
            return None
        rows[k] = (fits[0], 1)
    if any(alone.values()):
        return None  # a part no name took
    return _with_codes(lines, rows)


def _codes(rows: dict[int, tuple[str, int]]) -> list[str]:
    return [code for code, _ in rows.values()]


def _page_parents(codes: Sequence[str]) -> list[str]:
    """The classes and 款 these codes are or are under."""
    return sorted({code[:n] for code in codes for n in (_CLASS_LENGTH, _GROUP_LENGTH) if len(code) >= n})


def _part_and_name(text: str) -> tuple[str | None, str | None]:
    """A line's code part printed beside its name (``01 行政运行``: 01 and 行政运行), or None and the
    line as a name; no name where the line holds a digit besides."""
    words = text.split()
    part = words[0] if len(words) > 1 and CODE_PART.match(words[0]) else None
    rest = words[1:] if part is not None else words
    if not rest or any(c.isdigit() for c in "".join(rest)):
        return part, None
    return part, " ".join(rest)


def _row_code(
    lines: Sequence[BlockLine], k: int, parents: Sequence[str], alone: dict[str, list[int]]
) -> tuple[str, int] | bool | None:
    """The code of the row whose name starts at line ``k`` and the lines its name takes (a name
    wrapped in its cell goes on on the next lines, its part printed beside any one of them:
    ``机关事业单位`` / ``05 基本养老保险`` / ``缴费支出``), the part printed alone it takes taken;
    False where none fits, None where two do."""
    name, part = "", None
    inside: str | None = None  # a part alone between two of the name's lines
    for span in range(1, _MAX_NAME_LINES + 2):
        if k + span > len(lines) or span - (inside is not None) > _MAX_NAME_LINES:
            break
        beside, piece = _part_and_name(lines[k + span - 1].text)
        if piece is None and part is None and name and _part_inside(lines, k + span - 1):
            # Centred between the middle lines of a name on an even count of lines (机关事业 /
            # 单位基本 / ``05`` / 养老保险 / 缴费支出): the row's part, as if printed beside a line.
            part = inside = compact(lines[k + span - 1].text)
            continue
        if piece is None or (beside is not None and part is not None):
            break
        part = part or beside
        name += compact(piece)
        if part is not None:
            fits = [(p + part, "") for p in parents if name in known_names(p + part)]
        else:
            fits = [(code, code) for code in alone if alone[code] and len(code) == _CLASS_LENGTH]
            parts = [code for code in alone if alone[code] and len(code) == _PART_LENGTH]
            fits += [(p + code, code) for p in parents for code in parts]
            fits = [(code, printed) for code, printed in fits if name in known_names(code)]
        if len(fits) > 1:
            return None
        if fits:
            code, printed = fits[0]
            for taken in (printed, inside):
                if taken:
                    if not alone.get(taken):
                        return None
                    alone[taken].pop()
            return code, span
    return False


def _part_inside(lines: Sequence[BlockLine], k: int) -> bool:
    """Whether line ``k`` is a part alone (``05``) with a line of a name after it."""
    return (
        CODE_PART.match(compact(lines[k].text)) is not None and k + 1 < len(lines) and is_name_line(lines[k + 1].text)
    )


def _with_codes(lines: Sequence[BlockLine], rows: dict[int, tuple[str, int]]) -> list[BlockLine]:
    """The lines with each row's name (its wrapped lines joined) beside its code, the parts printed
    alone left out."""
    out: list[BlockLine] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        if k in rows:
            code, span = rows[k]
            name = "".join(_part_and_name(lines[j].text)[1] or "" for j in range(k, k + span))
            out.append(replace(line, text=f"{code} {name}"))
            k += span
            continue
        word = compact(line.text)
        if not (CLASS_CODE.match(word) or CODE_PART.match(word)):
            out.append(line)
        k += 1
    return out
