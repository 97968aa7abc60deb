"""Text of a PDF page outside its tables: lines, page headers/footers, paragraphs re-joined.

A PDF breaks a paragraph wherever the line is full, often in the middle of a Chinese word. A line
is joined to the next when it runs to the right margin, does not end a sentence, and the next line
does not start a new item (heading, numbered point); the block keeps where each source line starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from budget_reports.model import Block, BlockKind
from budget_reports.normalize import ascii_figures, is_cjk
from budget_reports.numbering import ARTICLE, CIRCLED, OUTLINE, PAGE_NUMBER, PART, Enumerators
from budget_reports.readers.headings import is_heading
from budget_reports.readers.pdf_page import PageContent, TextLine

# A line ending like this ends its paragraph (closing quotes/brackets may follow). A clause mark
# (；：) at a full line does not: lists of duties run on after it; a new item is caught by _NEW_ITEM.
_WHITESPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[。！？!?…][”’」』）)]*$")
# A line starting like this starts a new item even after an unfinished line.
_NEW_ITEM = Enumerators(PART, ARTICLE, *OUTLINE, CIRCLED)
_NOTE = re.compile(r"^\s*注[:：]")
# Share of the page height, at the top and at the bottom, where headers and footers live.
_MARGIN_BAND = 0.08
_TITLE_MAX_CHARS = 40
_RAGGED_EMS = 4.0
# A first-line indent is two characters; a full-width bracket's ink starts half a character in.
_INDENT_EMS = 1.0
# A numbered item set in by even half a character that wraps comes back left by at least this.
_OUTDENT_EMS = 0.25
# Loose line spacing (1.5 or double) leaves up to this much between the lines of one paragraph.
_LEADING_EMS = 2.5


@dataclass(slots=True)
class ProseLine:
    line: TextLine
    text: str
    page_width: float
    in_margin: bool  # in the header or footer band of the page


def _latin(char: str) -> bool:
    return char.isalnum() and not is_cjk(char)


def join_chars(page: PageContent, chars: Iterable[int]) -> str:
    """Text of the given characters, line by line top-down; wrapped lines are joined without a break.

    Spaces pdfium generated between characters are kept only between Latin letters or digits, so
    justified Chinese (``因 公 出 国``) reads as written while ``XX 局`` keeps its spaces.
    """
    groups: dict[int, list[int]] = {}
    for index in chars:
        groups.setdefault(page.char_line[index], []).append(index)
    ordered = sorted(groups.values(), key=lambda g: min(page.boxes[i][1] for i in g))
    text = page.text
    parts: list[str] = []
    for group in ordered:
        group.sort()
        piece: list[str] = []
        previous = -1
        for index in group:
            char = text[index]
            gap = piece and index > previous + 1 and text[previous + 1 : index].isspace()
            if gap and not is_cjk(text[previous]) and not is_cjk(char):
                piece.append(" ")
            piece.append(char)
            previous = index
        line_text = "".join(piece)
        if parts and line_text and _latin(parts[-1][-1]) and _latin(line_text[0]):
            parts.append(" ")  # a Latin word or number wrapped inside a cell
        parts.append(line_text)
    # Figures in full-width digits read as ASCII prints them, once the spaces between them are settled
    # (pdfium's spaces between full-width digits are dropped as between Chinese characters).
    return ascii_figures("".join(parts))


def prose_lines(page: PageContent, table_chars: set[int]) -> list[ProseLine]:
    """Lines of the page outside tables, headers and footers, in the order pdfium extracted them."""
    lines = []
    for line in page.lines:
        free = [i for i in line.chars if i not in table_chars]
        if not free:
            continue
        if len(free) == len(line.chars):
            text = ascii_figures(page.text[line.chars[0] : line.chars[-1] + 1].strip())
        else:
            text = join_chars(page, free).strip()
        if not text:
            continue
        band = page.height * _MARGIN_BAND
        in_margin = line.bottom <= band or line.top >= page.height - band
        if in_margin and PAGE_NUMBER.match(text):
            continue  # a page number
        lines.append(ProseLine(line, text, page.width, in_margin))
    return lines


def running_key(text: str) -> str:
    """What a running header or footer keeps from page to page (numbers change)."""
    return _DIGITS.sub("#", _WHITESPACE.sub("", text))


def paragraphs(page_number: int, lines: list[ProseLine], right_margin: float) -> list[Block]:
    """Blocks for consecutive prose lines: headings alone, wrapped lines joined into paragraphs."""
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        first = lines[i]
        texts = [first.text]
        j = i
        while j + 1 < len(lines) and _continues(lines[j], lines[j + 1], right_margin):
            j += 1
            texts.append(lines[j].text)
        text, starts = join_wrapped(texts)
        kind = BlockKind.HEADING if _is_title(text, first) else BlockKind.PARAGRAPH
        blocks.append(
            Block(
                kind,
                text,
                page_number,
                first.line.number,
                line_starts=tuple(starts) if len(texts) > 1 else (),
            )
        )
        i = j + 1
    return blocks


def join_wrapped(pieces: list[str]) -> tuple[str, list[int]]:
    """Lines of one paragraph joined, and where each starts in the result.

    Chinese wraps anywhere and joins with nothing between; Latin words wrap at a space.
    """
    if len(pieces) == 1:
        return pieces[0], [0]  # a line of its own (a heading, a short paragraph): nothing to join
    text, starts = "", []
    for piece in pieces:
        if text and piece and _latin(text[-1]) and _latin(piece[0]):
            text += " "
        starts.append(len(text))
        text += piece
    return text, starts


def ends_paragraph(current: str, following: str) -> bool:
    """What the words alone say: the line ends a sentence, or the next starts an item or heading."""
    return bool(
        _SENTENCE_END.search(current)
        or _NEW_ITEM.opens(following.lstrip())
        or _NOTE.match(following)
        or is_heading(following)
    )


def _is_title(text: str, first: ProseLine) -> bool:
    """A numbered heading, or a short line of its own centred on the page (a table's title)."""
    if is_heading(text):
        return True
    line, width = first.line, first.page_width
    centred = abs((line.left + line.right) / 2 - width / 2) < 0.04 * width and line.right - line.left < 0.6 * width
    return centred and len(text) <= _TITLE_MAX_CHARS and not _SENTENCE_END.search(text)


def _continues(current: ProseLine, following: ProseLine, right_margin: float) -> bool:
    line, nxt = current.line, following.line
    # Glyph boxes are tighter than the type size: take the taller of the two lines as the em.
    em = max(line.bottom - line.top, nxt.bottom - nxt.top, 1.0)
    if nxt.number != line.number + 1 or current.in_margin or following.in_margin:
        return False  # a table or a header sits between them, or one is a header or footer
    if ends_paragraph(current.text, following.text):
        return False
    # Chinese text is set ragged: a line may stop up to a few characters short of the margin when
    # the next word or number did not fit; a line stopping well before it ends its paragraph.
    if line.right < right_margin - _RAGGED_EMS * em or line.right - line.left < 0.5 * current.page_width:
        return False
    if nxt.left > line.left + _INDENT_EMS * em:
        return False  # the next line is indented: a new paragraph
    if is_heading(current.text) and nxt.left > line.left - _OUTDENT_EMS * em:
        return False  # a heading, then a paragraph's (indented) first line: a wrapped item comes back left
    return 0 <= nxt.top - line.bottom <= _LEADING_EMS * em
