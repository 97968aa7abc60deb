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

# A block ending with one of these ends its paragraph.
_SENTENCE_END = "。；;！!？?：:"
_NUMBERED = re.compile(
    r"^(第[一二三四五六七八九十\d]+部分|附件\d*|附表|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．](?!\d))"
)
_PART = re.compile(r"^(第[一二三四五六七八九十\d]+部分|附件\d*|附表)")
_AMOUNT = re.compile(r"\d(?:万元|元|%)")
_LEVEL_MARK = re.compile(r"（[类款项]）")
# ``…行政运行（项）：`` ends its line, its figures on the next: the colon does not end the paragraph.
_AWAITS_FIGURES = re.compile(r"（[类款项]）[”\"]?[:：]$")
_HEADING_MAX_CHARS = 45
# Page furniture a PDF reader may leave between the lines of one paragraph.
_PAGE_NUMBER = re.compile(r"^[-—－\s]*\d{1,4}[-—－\s]*$|^第\d+页(共\d+页)?$")
CLAUSE_END = "。；;！!？?"
# Characters of context kept before a figure when its clause is too long for one snippet.
_SNIPPET_LEAD = 40
# NFKC turns （） into ASCII; Chinese prose (and the level markers （类）) keep the wide form.
_WIDE_BRACKETS = str.maketrans({"(": "（", ")": "）"})


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
        start = position
        while start > 0 and self.text[start - 1] not in CLAUSE_END:
            start -= 1
        end = position
        while end < len(self.text) and self.text[end] not in CLAUSE_END:
            end += 1
        return start, min(end + 1, len(self.text))

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
    for offset, char in enumerate(text):
        folded = unicodedata.normalize("NFKC", char).translate(_WIDE_BRACKETS)
        for piece in folded:
            if piece.isspace() or piece in "\u200b\u200c\u200d\ufeff":
                continue
            out.append(piece)
            origins.append(offset)
    return "".join(out), origins


def _is_heading(compact: str, block: Block) -> bool:
    if len(compact) > _HEADING_MAX_CHARS or _AMOUNT.search(compact) or _LEVEL_MARK.search(compact):
        return False
    if "。" in compact.rstrip("。") or "；" in compact or ";" in compact:
        return False
    return block.kind is BlockKind.HEADING or _NUMBERED.match(compact) is not None


def passages(document: Document) -> list[Passage]:
    """The document's prose as passages, in reading order (tables end a passage)."""
    result: list[Passage] = []
    pending: list[tuple[Block, str, list[int]]] = []
    part = section = ""

    def flush() -> None:
        if not pending:
            return
        text = "".join(c for _, c, _ in pending)
        origins = tuple((i, o) for i, (_, _, offs) in enumerate(pending) for o in offs)
        blocks = tuple(b for b, _, _ in pending)
        result.append(Passage(text, blocks, origins, False, part, section, len(result)))
        pending.clear()

    for block in document.blocks:
        if block.kind is BlockKind.TABLE:
            flush()
            continue
        compact, offsets = compact_with_origins(block.text)
        if not compact or _PAGE_NUMBER.match(compact):
            continue
        if _is_heading(compact, block):
            flush()
            if _PART.match(compact):
                part = compact
            section = compact
            origins = tuple((0, o) for o in offsets)
            result.append(Passage(compact, (block,), origins, True, part, section, len(result)))
            continue
        if pending and _starts_new(compact):
            flush()
        pending.append((block, compact, offsets))
        if compact[-1] in _SENTENCE_END and not _AWAITS_FIGURES.search(compact):
            flush()
    flush()
    return result


def _starts_new(compact: str) -> bool:
    # A numbered item starts a new paragraph even when the previous line did not end a sentence.
    return (
        re.match(r"^(\d+[、.．](?!\d)|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、)", compact)
        is not None
    )
