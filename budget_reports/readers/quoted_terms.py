"""Quoted terms (“三公”经费, 绩效评级为“优”): how quotation marks pair up within a line of text.

An extractor that lifts figures off their sentence lifts the quotation marks set in the same font
with them (pdfplumber); ``lifted_numbers`` puts them back only where they pair up here: opening and
closing in turn around a short term, a term begun on the line before or running on to the next.
"""

from __future__ import annotations

import re

OPENING_QUOTES = frozenset("“‘")
CLOSING_QUOTES = frozenset("”’")
QUOTES = OPENING_QUOTES | CLOSING_QUOTES | frozenset("\"'")
_CURLY = "".join(sorted(OPENING_QUOTES | CLOSING_QUOTES))
_LAST_QUOTE = re.compile(f"[{_CURLY}][^{_CURLY}]*$")  # the last curly quotation mark and what follows it
# Characters a quoted term cannot hold, and how long one can be (“三公”, “优”, “公文写作，三六九月”).
_NOT_QUOTED = frozenset("。；：;:")
_LONGEST_QUOTED = 24


def quotes_pair(text: str) -> bool:
    """Quotation marks alternate opening and closing and enclose a short term; a closing mark may
    end a term begun on the line before, an opening one begin a term ending on the next line."""
    opened: int | None = None
    seen_any = False
    for i, character in enumerate(text):
        if character in CLOSING_QUOTES and not seen_any and opened is None and _NOT_QUOTED & set(text[:i]):
            return False  # the end of a term begun on the line before (its length is not known)
        if character in OPENING_QUOTES:
            if opened is not None:
                return False
            opened = i
        elif character in CLOSING_QUOTES:
            if opened is None:
                if seen_any:
                    return False
            else:
                if not _is_term(text[opened + 1 : i]):
                    return False
                opened = None
        else:
            continue
        seen_any = True
    return opened is None or not _NOT_QUOTED & set(text[opened + 1 :])


def _is_term(text: str) -> bool:
    return 0 < len(text) <= _LONGEST_QUOTED and not any(c in _NOT_QUOTED for c in text)


def quoted_length(text: str) -> int:
    """How many characters of ``text`` stand inside quotation marks (a term begun on the line
    before or ending on the next counts from the line's edge)."""
    length = 0
    first_quote = next((c for c in text if c in OPENING_QUOTES | CLOSING_QUOTES), None)
    inside = first_quote in CLOSING_QUOTES
    for character in text:
        if character in OPENING_QUOTES:
            inside = True
        elif character in CLOSING_QUOTES:
            inside = False
        elif inside:
            length += 1
    return length


def opens_quoted(text: str) -> bool:
    """Whether ``text`` opens inside a quoted term: its first quotation mark closes one."""
    first = next((c for c in text if c in OPENING_QUOTES or c in CLOSING_QUOTES), None)
    return first in CLOSING_QUOTES


def ends_quoted(text: str, quoting: bool | None) -> bool | None:
    """Whether a quoted term runs on past ``text`` (None: unknown), given whether one ran into it."""
    last = _LAST_QUOTE.search(text)  # a pattern, not a loop over the characters: most lines hold none
    return quoting if last is None else last.group()[0] in OPENING_QUOTES
