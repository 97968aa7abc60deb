"""Numbers a text extractor wrote on the line below their sentence, put back in their places.

Reports often set figures in another font than the Chinese text (Times New Roman digits in a
仿宋 sentence) and on a slightly different baseline. An extractor that groups characters into
lines by their height (pdfplumber's ``extract_text``) then writes the sentence with a space where
each number was, and the numbers, in order, on a line of their own below it::

    本年收入合计 万元，其中：财政拨款收入 万元，占 ；其他
    2946.25 2940.05 99.79%

The tokens (figures, and quotation marks set in the same font) go back in order: one into each
space inside the text (or a figure with quotation marks beside it, which leave one space), one
before a 、 that follows punctuation (a list number, 其中：1、…), and where one is left over, at the
line's start or end. Each must fit its place by its kind (``figure_places``: a count before 个, an
amount before 万元, a share after 占 and before punctuation, a year before 年; quoted terms pair up,
``quoted_terms``). A line opening with what never opens one (、，；%…) lost a figure there; a space
beside punctuation may be the text's own when the figures are one fewer. Whether a figure ends a
line or opens the next is decided with the neighbouring lines (the same figure cannot do both),
and whether a quoted term runs on from the line above. The lines are put back only where exactly
one placement fits (fewest spaces left empty, then the shortest quoted terms); otherwise both
lines are left as written.

Laid-out text (``pdftotext -layout``) raises a line opening with a figure above the line it
continues; ``restore_raised_lines`` puts it back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from budget_reports.readers.figure_places import (
    PUNCTUATION,
    UNITS_AND_COUNTERS,
    Place,
    fits,
    is_lifted_line,
    is_lifted_token,
)
from budget_reports.readers.headings import is_heading
from budget_reports.readers.quoted_terms import (
    CLOSING_QUOTES,
    OPENING_QUOTES,
    QUOTES,
    ends_quoted,
    opens_quoted,
    quoted_length,
    quotes_pair,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from budget_reports.readers.linear_tables import SourceLine

# A space inside Chinese text (one side at least not ASCII: Chinese, full-width punctuation).
_GAP = re.compile(r"(?<=[^\x00-\x7f]) +(?=\S)|(?<=\S) +(?=[^\x00-\x7f])")
# A list number lifted before its 、 leaves the 、 after punctuation (其中：、一般公共服务支出…).
_NUMBERING = re.compile(r"(?<=[：。；，])、")
# Punctuation never opens a printed line (避头): a line opening with it lost what stood before.
_NEVER_OPENS = re.compile(r"^[%％、.，。；：）)]")
_SENTENCE_END = frozenset("。；！？!?：:")
# A line opening with what is set in the figures' font: a figure (603.14万元…) or a quotation mark;
# not a numbering (1、 2. 3．).
_CURLY_QUOTE = re.compile(f"[{''.join(sorted(OPENING_QUOTES | CLOSING_QUOTES))}]")
_RAISED = re.compile(r"^(?:[+-]?\d[\d,]*(?:\.\d+)?%?(?![\d、.．])|[“”])")


def restore_lifted_numbers(lines: list[SourceLine]) -> list[SourceLine]:
    """The lines with each run of lifted numbers put back into the line above it."""
    candidates = _candidates(lines)
    if not candidates:
        return list(lines)  # no numbers line under a line (most text): nothing to put back
    _settle_neighbours(lines, candidates)
    out: list[SourceLine] = []
    i = 0
    after_numbers = False  # the line before was a numbers line now put back: this one runs on
    quoting: bool | None = False  # whether a quoted term runs on from the lines above (None: unknown)
    while i < len(lines):
        line = lines[i]
        if after_numbers and line.text.strip():
            line = line._replace(follows=True)
        after_numbers = False
        if i in candidates:
            texts = {p.text for p in candidates[i] if quoting is None or opens_quoted(p.text) == quoting}
            if len(texts) == 1:
                text = texts.pop()
                out.append(line._replace(text=text))
                quoting = ends_quoted(text, quoting)
                after_numbers = True
                i += 2
                continue
            if any(q in lines[i + 1].text for q in QUOTES):
                quoting = None  # its quotation marks stay off the line: where they stand is not known
        out.append(line)
        quoting = ends_quoted(line.text, quoting)
        i += 1
    return out


def lifted_numbers_lines(
    lines: list[SourceLine], page_numbers: set[tuple[int | None, int]]
) -> set[tuple[int | None, int]]:
    """(page, line) of the ``page_numbers`` that fit one way only into the line above
    (``、一般公共服务支出…`` over ``1``, ``（二） 年重点工作`` over ``2021``): lifted figures."""
    if not page_numbers:
        return set()  # most text: no page number to look at, no line to walk
    return {
        (below.page, below.line)
        for line, below in pairwise(lines)
        if (below.page, below.line) in page_numbers
        and below.page == line.page
        and len({p.text for p in _placements(line.text, below.text, None, None) or ()}) == 1
    }


@dataclass(frozen=True, slots=True)
class _Placement:
    text: str
    at_start: bool  # a lifted figure opens the line
    at_end: bool  # a lifted figure ends the line


def _candidates(lines: list[SourceLine]) -> dict[int, list[_Placement]]:
    """Index of each line followed by a numbers line -> the placements of those numbers that fit."""
    out: dict[int, list[_Placement]] = {}
    # Whether each line holds lifted tokens only, asked once per line (few do: most lines stop the search here).
    numbers = [is_lifted_line(line.text) for line in lines]
    for i in range(len(lines) - 1):
        if not numbers[i + 1]:
            continue  # no numbers line below: nothing to put back
        line, below = lines[i], lines[i + 1]
        if below.page != line.page or (i - 1 in out):
            continue  # another page; or this line is itself the numbers line of the line above
        # The text line before: the one above, or above its numbers line.
        above = i - 2 if i - 2 in out else i - 1
        previous = lines[above] if above >= 0 and lines[above].page == line.page else None
        following = lines[i + 2] if i + 2 < len(lines) and lines[i + 2].page == line.page else None
        placements = _placements(
            line.text,
            below.text,
            _last_character(previous.text) if previous is not None else None,
            _first_character(following.text) if following is not None else None,
        )
        if placements is not None:
            out[i] = placements
    return out


def _settle_neighbours(lines: list[SourceLine], candidates: dict[int, list[_Placement]]) -> None:
    """A figure cannot both end a line and open the next: where every placement of one line takes
    its side of the break, the other line's placements taking the other side are dropped."""
    changed = True
    while changed:
        changed = False
        for i, placements in candidates.items():
            following = candidates.get(i + 2)
            if following is None or not placements or not following:
                continue
            if all(p.at_start for p in following) and any(p.at_end for p in placements):
                candidates[i] = [p for p in placements if not p.at_end]
                changed = True
            if all(p.at_end for p in candidates[i]) and any(p.at_start for p in following):
                candidates[i + 2] = [p for p in following if not p.at_start]
                changed = True


def restore_raised_lines(lines: list[SourceLine], laid_out: bool = True) -> list[SourceLine]:
    """Laid-out text (``pdftotext -layout``) sorts lines by baseline, and a line opening with a
    figure (or a quotation mark) in the figures' font sits a little higher: it is printed above the
    line it continues (``603.14万元，占20.51%；`` before ``…基本支出2336.91万元，占79.49%；项目支出``).
    Such a line goes back below the next one when it cannot continue the line above it (that one
    is blank or ends a sentence) and the next one runs on into it (ends mid-sentence, opens no
    figure of its own); it is not indented (a paragraph) and its figure is not a numbering (1、).
    In text not known to be laid out (mostly prose, few tables set in columns) the raise must also
    show in the blank lines it leaves: above the raised line and below the one it continues."""
    out = list(lines)
    i = 0
    while i + 1 < len(out):
        raised, before = out[i], out[i + 1]
        above = out[i - 1].text.rstrip() if i > 0 else ""
        if (
            (not above or above[-1] in _SENTENCE_END)
            and raised.page == before.page
            and _RAISED.match(raised.text.strip())
            and before.text.strip()
            and not _RAISED.match(before.text.strip())
            and before.text.rstrip()[-1] not in _SENTENCE_END
            and not raised.text.startswith(" ")
            and not is_heading(before.text.strip())
            and (laid_out or (i > 0 and not above and i + 2 < len(out) and not out[i + 2].text.strip()))
        ):
            # The raise leaves a blank line where the raised line was printed and one above it: the
            # lines around run on across them unless they open a paragraph (indented).
            out[i] = before._replace(line=raised.line, follows=_after_gap(out, i) and not _indented(before.text))
            out[i + 1] = raised._replace(line=before.line)
            after = i + 3
            if _after_gap(out, after) and not _indented(out[after].text):
                out[after] = out[after]._replace(follows=True)
            i += 2
            continue
        i += 1
    return out


def _after_gap(lines: list[SourceLine], i: int) -> bool:
    """Line ``i`` holds text, the line before it is blank and the one before that holds text on the same page."""
    return (
        2 <= i < len(lines)
        and not lines[i - 1].text.strip()
        and bool(lines[i].text.strip())
        and bool(lines[i - 2].text.strip())
        and lines[i].page == lines[i - 2].page
    )


def _indented(text: str) -> bool:
    return text.startswith((" ", "\u3000"))


def _placements(text: str, numbers_line: str, before: str | None, after: str | None) -> list[_Placement] | None:
    """Every placement of the lifted tokens that fits, or None when ``numbers_line`` holds none.
    A space inside the text and a 、 after punctuation lost what stood there (a space beside
    punctuation may be the text's own); the line's start and end may have; a quotation mark may
    stand beside a figure in one space (“土专家”28名)."""
    lifted = numbers_line.split()
    body = text.strip()
    if not lifted or not body or not all(is_lifted_token(t) for t in lifted):
        return None
    places = sorted(_places(body))
    gaps = sum(1 for place in places if place[2] is Place.GAP)
    # Whether a quotation mark can pair up or enclose anything (most lines: none, nothing to count).
    quoted = _CURLY_QUOTE.search(body) is not None or _CURLY_QUOTE.search(numbers_line) is not None
    placements: list[_Placement] = []
    # Fewest spaces left as the text's own, then the shortest quoted terms: most spaces are lifted
    # figures, and quotation marks enclose a short term (“三公”经费, not 三公“经费…预算为”).
    least = (gaps + 1, 0)
    for runs in _runs(body, places, 0, lifted, before, after):
        filled = _filled(body, runs, quoted)
        if filled is None:
            continue
        # Where a figure (not a quotation mark) opens or ends the line.
        used = {kind for (_, _, kind), run in runs if run[0 if kind is Place.START else -1] not in QUOTES}
        spaces = gaps - sum(1 for (_, _, kind), _ in runs if kind is Place.GAP)
        cost = (spaces, quoted_length(filled) if quoted else 0)
        if cost < least:
            placements, least = [], cost
        if cost == least:
            placements.append(_Placement(filled, Place.START in used, Place.END in used))
    if _NEVER_OPENS.match(body) is not None and any(p.at_start for p in placements):
        # The line opens with what never opens one (、，；%…): a figure stood before it.
        placements = [p for p in placements if p.at_start]
    return placements


_Run = tuple[tuple[int, int, Place], list[str]]


def _runs(
    body: str, places: list[tuple[int, int, Place]], at: int, tokens: list[str], before: str | None, after: str | None
) -> Iterator[list[_Run]]:
    """Each way to share ``tokens`` (in order) among ``places[at:]``: one per place, or up to
    three side by side with a quotation mark (“9.16”), none where nothing need have stood; a run
    that does not fit its place (``_fits_place``) is not tried further."""
    if at == len(places):
        if not tokens:
            yield []
        return
    place = places[at]
    if place[2] in (Place.START, Place.END) or (place[2] is Place.GAP and _may_be_a_space(body, place)):
        yield from _runs(body, places, at + 1, tokens, before, after)
    for size in (1, 2, 3):
        run = tokens[:size]
        if len(run) < size or (size > 1 and (place[2] is Place.NUMBERING or not _side_by_side(run))):
            continue
        if not _fits_place(body, place, run, before, after):
            continue
        for rest in _runs(body, places, at + 1, tokens[size:], before, after):
            yield [(place, run), *rest]


def _side_by_side(run: list[str]) -> bool:
    """Lifted tokens that can stand side by side: one figure with quotation marks beside it
    (“9.16”, ”28), or a term closed and the next opened (“社区议事会”“院落议事会”)."""
    if run in (["”", "“"], ["’", "‘"]):
        return True
    figures = [i for i, token in enumerate(run) if token not in QUOTES]
    return len(figures) == 1 and (len(run) < 3 or figures[0] == 1)


def _may_be_a_space(body: str, place: tuple[int, int, Place]) -> bool:
    """A space printed in the text: beside punctuation, and not before a unit (为 万元 lost its figure)."""
    start, end, _ = place
    left, right = body[start - 1], body[end]
    return (left in PUNCTUATION or right in PUNCTUATION) and right not in UNITS_AND_COUNTERS


def _places(body: str) -> list[tuple[int, int, Place]]:
    """(start, end, kind) of each place in ``body``: the text from start to end is replaced."""
    places = [(0, 0, Place.START), (len(body), len(body), Place.END)]
    places += [(m.start(), m.end(), Place.GAP) for m in _GAP.finditer(body)]
    places += [(m.start(), m.start(), Place.NUMBERING) for m in _NUMBERING.finditer(body)]
    return places


def _fits_place(
    body: str, place: tuple[int, int, Place], run: list[str], before: str | None, after: str | None
) -> bool:
    """Whether each token of ``run`` fits the place by its kind and its neighbours (``fits``);
    ``before`` and ``after``: the characters around the line (the line above's last, the next's first)."""
    start, end, kind = place
    left = body[start - 1] if start > 0 else before
    right = body[end] if end < len(body) else after
    for i, token in enumerate(run):
        token_left = run[i - 1][-1] if i > 0 else left
        token_right = run[i + 1][0] if i + 1 < len(run) else right
        if not fits(token, kind, token_left, token_right):
            return False
        if token_left in CLOSING_QUOTES and token_right not in UNITS_AND_COUNTERS and token not in QUOTES:
            return False  # a figure after a quoted term counts it: “土专家”28名
    return True


def _filled(body: str, runs: list[_Run], quoted: bool) -> str | None:
    """The line with the runs in their places (each fits its own: ``_runs``), None where its
    quotation marks do not pair (``quoted``: it may hold some)."""
    parts, position = [], 0
    for (start, end, _), run in runs:
        parts += [body[position:start], *run]
        position = end
    text = "".join([*parts, body[position:]])
    return text if not quoted or quotes_pair(text) else None


def _last_character(text: str) -> str | None:
    stripped = text.rstrip()
    return stripped[-1] if stripped else None


def _first_character(text: str) -> str | None:
    stripped = text.lstrip()
    return stripped[0] if stripped else None
