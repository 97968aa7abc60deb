"""Forms written as lines in text extracted from a PDF (a budget's 绩效目标申报表), kept line by line.

A form is a grid of labels and values that the extractor wrote as short lines; joined into
paragraphs like prose, its cells would run into each other (``…经常性项目项目资金总额 120.00``).
So the lines from the form's title to the end of its indicator lines become one block each, for
``extract.performance.declared_targets`` to read.
"""

from __future__ import annotations

from budget_reports.extract.performance.declared_targets import INDICATOR_HEADER, LINE_MAX_CHARS, is_title
from budget_reports.model import Block, BlockKind
from budget_reports.normalize import compact
from budget_reports.readers.linear_tables import LinearTable, SourceLine

# Lines between the title and the indicator header (project, money, overall targets …).
_HEAD_MAX_LINES = 60


def with_forms(lines: list[SourceLine], tables: list[LinearTable]) -> list[LinearTable]:
    """The tables, and the forms found in the lines between them, in order."""
    out: list[LinearTable] = []
    position = 0
    for table in [*tables, None]:
        end = table.start if table is not None else len(lines)
        i = position
        while i < end:
            form = _form_at(lines, i, end) if is_title(lines[i].text) else None
            if form is None:
                i += 1
                continue
            out.append(form)
            i = form.end
        if table is not None:
            out.append(table)
            position = table.end
    return out


def _form_at(lines: list[SourceLine], start: int, limit: int) -> LinearTable | None:
    header = next(
        (
            i
            for i in range(start + 1, min(limit, start + 1 + _HEAD_MAX_LINES))
            if compact(lines[i].text).startswith(INDICATOR_HEADER)
        ),
        None,
    )
    if header is None:
        return None
    end = header + 1
    while end < limit and _is_form_line(lines[end].text):
        end += 1
    title = lines[start]
    blocks = [Block(BlockKind.HEADING, title.text.strip(), title.page, title.line)]
    blocks += [
        Block(BlockKind.PARAGRAPH, line.text.strip(), line.page, line.line)
        for line in lines[start + 1 : end]
        if line.text.strip()
    ]
    return LinearTable(start, end, blocks, [])


def _is_form_line(text: str) -> bool:
    key = compact(text)
    return len(key) <= LINE_MAX_CHARS and "。" not in key
