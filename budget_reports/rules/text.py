"""The report's own words, as the document-level rules read them: prose blocks and table cells."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import replace

from budget_reports.model import Block, BlockKind, Cell, Document, Evidence

SNIPPET_CONTEXT = 30


class _OneForOne(dict[int, str]):
    """Each character's NFKC form where that is a single character, else the character itself.

    Filled as characters are met, so ``str.translate`` folds a text at C speed after the first time.
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char)
        self[code] = folded if len(folded) == 1 else char
        return self[code]


_FOLD = _OneForOne()


def fold(text: str) -> str:
    """Full-width digits, letters, brackets and spaces folded to ASCII, one character for one.

    Unlike ``normalize.normalize_text`` it keeps every offset, so a match found in the folded text
    cites the same characters of the original (evidence shows the report's own ``（三）``).
    """
    return text.translate(_FOLD)


def prose(document: Document) -> Iterator[tuple[Block, str]]:
    """Headings and paragraphs, with their folded text."""
    for block in document.blocks:
        if block.kind is not BlockKind.TABLE:
            yield block, fold(block.text).strip()


def cells(document: Document) -> Iterator[tuple[Cell, str]]:
    for block in document.tables():
        if block.table is not None:
            for cell in block.table.cells:
                yield cell, fold(cell.text)


def everything(document: Document) -> Iterator[tuple[Block | Cell, str]]:
    """All the words the report prints: its prose, its cells, and the lines of a form that no cell holds."""
    yield from prose(document)
    yield from cells(document)
    for block in document.form_text:
        yield block, fold(block.text).strip()


def original(where: Block | Cell, start: int, end: int) -> str:
    """The report's own characters at offsets found in the folded text of ``where``."""
    text = where.text
    skip = len(text) - len(text.lstrip()) if isinstance(where, Block) else 0
    return text[skip + start : skip + end]


def evidence_at(document: Document, where: Block | Cell, start: int, end: int) -> Evidence:
    """Evidence for the match at ``start:end`` with some context, on the source line it starts on."""
    snippet = original(where, max(0, start - SNIPPET_CONTEXT), end + SNIPPET_CONTEXT)
    evidence = Evidence.of(document, where, snippet)
    if isinstance(where, Block) and where.line_starts:
        line = where.line_at(start)
        evidence = replace(evidence, line=line)
    return evidence
