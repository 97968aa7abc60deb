"""Passages and clauses of a report's prose, with the source line of every character.

A passage is one paragraph of prose: consecutive text blocks joined while a block does not end a
sentence (a PDF wraps a paragraph over several lines, sometimes over a page break). Its ``text``
is the compact form (NFKC, no whitespace, brackets kept wide), so patterns match across wraps inside numbers and
names (``1560.05\\n万元``, ``（\\n项）``); every character of it remembers the block and offset it
came from, so a figure's evidence cites the line it was printed on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from budget_reports.model import SNIPPET_MAX_CHARS, Block, BlockKind, Document, Evidence
from budget_reports.numbering import (
    CHINESE_BRACKET,
    CHINESE_COMMA,
    DIGIT_BRACKET,
    DIGIT_COMMA,
    DIGIT_DOT,
    OUTLINE,
    PAGE_NUMBER,
    PART,
    Enumerators,
    Level,
)

# A block ending with one of these ends its paragraph.
_SENTENCE_END = "。；;！!？?：:"
# A heading is numbered as the outline is, or is a part (第X部分) or an appendix (附件 / 附表) of its own.
_NUMBERED = Enumerators(PART, *OUTLINE)
_APPENDIX = re.compile(r"^(?:附件\d*|附表)")
# A line opening with an item of a list starts a paragraph (一. is left out: it opens no list item here).
_ITEM = Enumerators(CHINESE_COMMA, CHINESE_BRACKET, DIGIT_BRACKET, DIGIT_COMMA, DIGIT_DOT)
_AMOUNT = re.compile(r"\d(?:万元|元|%)")
_LEVEL_MARK = re.compile(r"（[类款项]）")
# ``…行政运行（项）：`` ends its line, its figures on the next: the colon does not end the paragraph.
_AWAITS_FIGURES = re.compile(r"（[类款项]）[”\"]?[:：]$")
_HEADING_MAX_CHARS = 45
# A row of a table written as a line of text (a PDF's table its extractor wrote line by line): a
# label, then two or more figures apart by spaces alone (``公用经费 141.53万元 42.06万元 129.5万元``).
# Which column each figure is, only the table's header says: such a line (alone in its block) is no
# sentence of the prose.
_TABLE_ROW = re.compile(r"\S(?:[ \t\u3000]+[-+]?\d[\d,]*(?:\.\d+)?(?:万元|亿元|元|%)?){2,}[ \t\u3000]*$")
# A figure alone in its block is a table's cell written as a paragraph of its own (pdftotext sets
# each cell of a ruled table apart): which row and column it is, the prose cannot say.
_LONE_FIGURE = re.compile(r"^\s*[-+]?\d[\d,]*(?:\.\d+)?(?:万元|亿元|元|%)?\s*$")
# Page furniture a PDF reader may leave between the lines of one paragraph.
CLAUSE_END = "。；;！!？?"
# What ends the clause of a figure sentence for the readers of its figures: a sentence's end or a semicolon.
CLAUSE_MARKS = "。；;"


def clause_start(text: str, position: int, marks: str = CLAUSE_MARKS) -> int:
    """Where the clause holding ``position`` starts: just after the last of ``marks`` before it, else 0."""
    return max(text.rfind(mark, 0, position) for mark in marks) + 1


def clause_end(text: str, position: int, marks: str = CLAUSE_MARKS) -> int:
    """Where the clause holding ``position`` ends: at the first of ``marks`` from it, else the text's end."""
    found = [at for mark in marks if (at := text.find(mark, position)) >= 0]
    return min(found, default=len(text))


# Prose longer than this (a file that is one long line, a page without punctuation) is cut into
# passages at a sentence end, so the work per figure stays bounded; real paragraphs are far shorter.
MAX_PASSAGE_CHARS = 4000
# Characters of context kept before a figure when its clause is too long for one snippet.
_SNIPPET_LEAD = 40
# NFKC turns （） into ASCII; Chinese prose (and the level markers （类）) keep the wide form.
_WIDE_BRACKETS = str.maketrans({"(": "（", ")": "）"})
# Characters NFKC may change or compaction drops; all others (printable ASCII but brackets, unified
# hanzi) stay as they are, which lets long runs of them be copied at once.
_NOT_PLAIN = re.compile(r"[^\x21-\x27\x2a-\x7e\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class Passage:
    text: str  # compact form
    blocks: tuple[Block, ...]
    origins: tuple[tuple[int, int], ...]  # per character of ``text``: (index in ``blocks``, offset in its text)
    heading: bool  # a heading (section title), not running prose
    part: str  # compact text of the enclosing 第X部分 / 附件 heading ('' before the first)
    section: str  # compact text of the nearest heading above (or of itself when a heading)
    index: int

    def line_at(self, position: int) -> int | None:
        block_index, offset = self.origins[min(position, len(self.origins) - 1)]
        return self.blocks[block_index].line_at(offset)

    def page_at(self, position: int) -> int | None:
        return self.blocks[self.origins[min(position, len(self.origins) - 1)][0]].page

    def original(self, start: int, end: int) -> str:
        """The source text between two compact positions (``end`` exclusive), across blocks."""
        if start >= end:
            return ""
        first_block, first_offset = self.origins[start]
        last_block, last_offset = self.origins[end - 1]
        pieces = []
        for b in range(first_block, last_block + 1):
            text = self.blocks[b].text
            lo = first_offset if b == first_block else 0
            hi = last_offset + 1 if b == last_block else len(text)
            pieces.append(text[lo:hi])
        return "".join(pieces)

    def clause_bounds(self, position: int) -> tuple[int, int]:
        """The clause (sentence up to 。；！？) holding ``position``."""
        text = self.text
        start = clause_start(text, position, CLAUSE_END)
        return start, min(clause_end(text, position, CLAUSE_END) + 1, len(text))

    def evidence(self, document: Document, position: int, end: int | None = None) -> Evidence:
        """Evidence for a figure read at ``position``: its clause (or ``position:end``) and its line."""
        start, stop = (position, end) if end is not None else self.clause_bounds(position)
        if end is None and stop - start > SNIPPET_MAX_CHARS and position - start > _SNIPPET_LEAD:
            # A long clause would be clipped before its figure: the snippet starts shortly before it.
            start = position - _SNIPPET_LEAD
        block = self.blocks[self.origins[min(start, len(self.origins) - 1)][0]]
        evidence = Evidence.of(document, block, self.original(start, stop).strip())
        return replace(evidence, page=self.page_at(start), line=self.line_at(start))


def compact_with_origins(text: str) -> tuple[str, list[int]]:
    """NFKC-folded ``text`` without whitespace, and for each kept character its offset in ``text``."""
    out: list[str] = []
    origins: list[int] = []
    done = 0
    for special in _NOT_PLAIN.finditer(text):
        offset = special.start()
        out.append(text[done:offset])  # plain characters are kept as they are, one for one
        origins.extend(range(done, offset))
        done = offset + 1
        folded = unicodedata.normalize("NFKC", special.group()).translate(_WIDE_BRACKETS)
        for piece in folded:
            if piece.isspace() or piece in "\u200b\u200c\u200d\ufeff":
                continue
            out.append(piece)
            origins.append(offset)
    out.append(text[done:])
    origins.extend(range(done, len(text)))
    return "".join(out), origins


def _is_heading(compact: str, block: Block) -> bool:
    if len(compact) > _HEADING_MAX_CHARS or _AMOUNT.search(compact) or _LEVEL_MARK.search(compact):
        return False
    if "。" in compact.rstrip("。") or "；" in compact or ";" in compact:
        return False
    return block.kind is BlockKind.HEADING or _NUMBERED.opens(compact) or _APPENDIX.match(compact) is not None


def passages(document: Document) -> list[Passage]:
    """The document's prose as passages, in reading order (tables end a passage)."""
    result: list[Passage] = []
    pending: list[tuple[Block, str, list[int]]] = []
    part = section = ""

    pending_chars = 0

    def flush() -> None:
        nonlocal pending_chars
        pending_chars = 0
        if not pending:
            return
        text = "".join(c for _, c, _ in pending)
        origins = tuple((i, o) for i, (_, _, offs) in enumerate(pending) for o in offs)
        blocks = tuple(b for b, _, _ in pending)
        result.append(Passage(text, blocks, origins, False, part, section, len(result)))
        pending.clear()

    for block in document.blocks:
        if block.kind is BlockKind.TABLE or _is_table_line(block):
            flush()
            continue
        compact, offsets = compact_with_origins(block.text)
        if not compact or PAGE_NUMBER.match(compact):
            continue
        if _is_heading(compact, block):
            flush()
            if _NUMBERED.level(compact) is Level.PART or _APPENDIX.match(compact):
                part = compact
            section = compact
            origins = tuple((0, o) for o in offsets)
            result.append(Passage(compact, (block,), origins, True, part, section, len(result)))
            continue
        for n, (piece, piece_offsets) in enumerate(_bounded(compact, offsets)):
            if pending and (n > 0 or _starts_new(piece) or pending_chars + len(piece) > MAX_PASSAGE_CHARS):
                flush()
            pending.append((block, piece, piece_offsets))
            pending_chars += len(piece)
        if compact[-1] in _SENTENCE_END and not _AWAITS_FIGURES.search(compact):
            flush()
    flush()
    return result


def _is_table_line(block: Block) -> bool:
    """A table's row or cell the extractor wrote as a line of its own."""
    return not block.line_starts and bool(_TABLE_ROW.search(block.text) or _LONE_FIGURE.match(block.text))


def _bounded(compact: str, offsets: list[int]) -> list[tuple[str, list[int]]]:
    """``compact`` in pieces of at most ``MAX_PASSAGE_CHARS``, cut after a sentence end where there is one."""
    pieces = []
    start = 0
    while len(compact) - start > MAX_PASSAGE_CHARS:
        limit = start + MAX_PASSAGE_CHARS
        cut = max(compact.rfind(c, start, limit) for c in CLAUSE_END) + 1
        if cut <= start + MAX_PASSAGE_CHARS // 2:
            cut = max(compact.rfind(c, start, limit) for c in "，,") + 1
        if cut <= start:
            cut = limit
        pieces.append((compact[start:cut], offsets[start:cut]))
        start = cut
    pieces.append((compact[start:], offsets[start:]))
    return pieces


def _starts_new(compact: str) -> bool:
    # A numbered item starts a new paragraph even when the previous line did not end a sentence.
    return _ITEM.opens(compact)
