"""Numbers a text extractor wrote on the line below their sentence, put back in their places.

Reports often set figures in another font than the Chinese text (Times New Roman digits in a
仿宋 sentence) and on a slightly different baseline. An extractor that groups characters into
lines by their height (pdfplumber's ``extract_text``) then writes the sentence with a space where
each number was, and the numbers, in order, on a line of their own below it::

    本年收入合计 万元，其中：财政拨款收入 万元，占 ；其他
    2946.25 2940.05 99.79%

A number (or a quotation mark set in the same font) goes into each space between two Chinese
characters, and, when there is one more, at the start of a line that opens with punctuation
(、，%；… never open a printed line) or with a unit (万元, 个 …) and ends where no figure can
follow (。；）). The numbers are put back
only when their count is exactly the count of such places; otherwise both lines are left as
written.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from budget_reports.readers.linear_tables import SourceLine

_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
# Quotation marks set in the figures' font are lifted with them (绩效评级为“优”的项目4个).
_QUOTES = frozenset("“”‘’\"'")
# A line ending in one of these cannot have lost a figure at its end.
_CLOSES = frozenset("。；）)")
# A space between two characters that are not ASCII (Chinese text, full-width punctuation).
_GAP = re.compile(r"(?<=[^\x00-\x7f]) +(?=[^\x00-\x7f])")
# What a line may open with when the number before it was lifted off the line.
# Punctuation never opens a printed line (避头): a line opening with it lost what stood before.
_NEVER_OPENS = re.compile(r"^[%％、.，。；：）)]")
# A line opening with what is set in the figures' font: a figure (603.14万元…) or a quotation mark;
# not a numbering (1、 2. 3．).
_RAISED = re.compile(r"^(?:[+-]?\d[\d,]*(?:\.\d+)?%?(?![\d、.．])|[“”])")
_SENTENCE_END = frozenset("。；！？!?：:")
_PLACED_FIGURE = re.compile(r"[+-]?[\d,]*\d(?:\.\d+)?%?")
# What follows a figure in a sentence: a unit, a counter or punctuation.
_AFTER_FIGURE = re.compile(r"[万亿元个项人辆次年月日台套家名位分倍%％，。；：、）)”\s]")
# Units open a line after a figure, or because a word wrapped (万 / 元): a figure goes first only
# when the line cannot have lost one at its end.
_UNIT_FIRST = re.compile(r"^(?:万元|亿元|元|万|亿|个|项|人|辆|次|年)")


def restore_lifted_numbers(lines: list[SourceLine]) -> list[SourceLine]:
    """The lines with each run of lifted numbers put back into the line above it."""
    out: list[SourceLine] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        below = lines[i + 1] if i + 1 < len(lines) else None
        if below is not None and below.page == line.page:
            merged = _merged(line.text, below.text)
            if merged is not None:
                out.append(replace(line, text=merged))
                i += 2
                continue
        out.append(line)
        i += 1
    return out


def restore_raised_lines(lines: list[SourceLine]) -> list[SourceLine]:
    """Laid-out text (``pdftotext -layout``) sorts lines by baseline, and a line opening with a
    figure (or a quotation mark) in the figures' font sits a little higher: it is printed above the
    line it continues (``603.14万元，占20.51%；`` before ``…基本支出2336.91万元，占79.49%；项目支出``).
    Such a line goes back below the next one when it cannot continue the line above it (that one
    is blank or ends a sentence) and the next one runs on into it (ends mid-sentence, opens no
    figure of its own); it is not indented (a paragraph) and its figure is not a numbering (1、)."""
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
        ):
            # The raise leaves a blank line where the raised line was printed and one above it: the
            # lines around run on across them unless they open a paragraph (indented).
            out[i] = replace(before, line=raised.line, follows=_after_gap(out, i) and not _indented(before.text))
            out[i + 1] = replace(raised, line=before.line)
            after = i + 3
            if _after_gap(out, after) and not _indented(out[after].text):
                out[after] = replace(out[after], follows=True)
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


def _merged(text: str, numbers_line: str) -> str | None:
    lifted = numbers_line.split()
    if not lifted or not text.strip() or not all(_NUMBER.match(t) or t in _QUOTES for t in lifted):
        return None
    if all(t in _QUOTES for t in lifted) and len(lifted) % 2:
        return None
    body = text.strip()
    gaps = len(_GAP.findall(body))
    # The spaces alone first: a line may open with 元 because 万 / 元 wrapped, not after a number.
    if gaps == len(lifted):
        return _filled(body, lifted, leading=False, trailing=False)
    if gaps + 1 != len(lifted):
        return None
    # One more than the spaces: it opened the line, when the line says so.
    if _NEVER_OPENS.match(body) is not None or (_UNIT_FIRST.match(body) is not None and body[-1] in _CLOSES):
        return _filled(body, lifted, leading=True, trailing=False)
    if not any(t in _QUOTES for t in lifted):
        return None
    # Quotation marks lifted too (绩效评级为“优”的项目4个): it opened or ended the line, whichever
    # alone keeps every figure before a unit or punctuation and the quotation marks in pairs.
    fits = [
        filled
        for leading in (True, False)
        if _plausible(filled := _filled(body, lifted, leading=leading, trailing=not leading), lifted)
    ]
    return fits[0] if len(fits) == 1 else None


def _filled(body: str, lifted: list[str], leading: bool, trailing: bool) -> str:
    queue = iter(lifted)
    head = next(queue) if leading else ""
    middle = _GAP.sub(lambda _: next(queue), body)
    return head + middle + (next(queue) if trailing else "")


def _plausible(text: str, lifted: list[str]) -> bool:
    """Every lifted figure is followed by a unit or punctuation (or ends the text), and the
    quotation marks alternate opening and closing."""
    for match in _PLACED_FIGURE.finditer(text):
        if match.group(0) in lifted and match.end() < len(text) and not _AFTER_FIGURE.match(text, match.end()):
            return False
    quotes = [c for c in text if c in "“”"]
    return all(q == "“”"[i % 2] for i, q in enumerate(quotes))
