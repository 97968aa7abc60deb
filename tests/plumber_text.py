"""Real report prose written the way PDF text extractors write it, for the reader's tests.

``printed_lines`` wraps a paragraph as a page would (never inside a figure; punctuation never opens
a line, 避头); ``as_pdfplumber`` writes one printed line as pdfplumber does when the figures are
set in another font: a space where a figure or quotation mark stood inside Chinese text (none
before a list number's 、, none at the line's edges), the figures in order on a line below.
``as_laid_out`` writes a paragraph as ``pdftotext -layout`` does when a line opening with a figure
sits higher: that line printed above the one it continues, with a blank line on either side.
"""

from __future__ import annotations

import re

from tests.conftest import SEED_DIR

# What pdfplumber lifts: figures (with their thousands separators and percent signs) and quotation marks.
LIFTED = re.compile(r"(?<![\d.,])[+-]?\d[\d,]*(?:\.\d+)?%?|[“”]")
_LIFTED_RUN = re.compile(f"(?:{LIFTED.pattern})+")  # side by side, they leave one space
_FIGURE_CHARACTERS = frozenset("0123456789.,%")
_NEVER_OPENS = frozenset("，。；：、）%")
_ENDS_SENTENCE = frozenset("。；")
_FORMULA = re.compile(r"[0-9%][+*/=×]|[+*/=×][0-9]")
_SPACES = re.compile(r"[\s\u3000]+")


def seed_paragraphs(name: str) -> list[str]:
    """The prose paragraphs of a seed report (Word-exported text: table cells start with a TAB)."""
    text = (SEED_DIR / name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if line.startswith(("\t", " \t")) or "[" in line:
            continue
        stripped = _SPACES.sub("", line)  # spaces set the layout of a Word line, not its words
        # Formulas and codes (1+1+N, *100%) set figures among Latin signs, where the extractor's
        # spaces do not say where each figure stood: not the prose this reader restores.
        if stripped and not _FORMULA.search(stripped):
            out.append(stripped)
    return out


def printed_lines(paragraph: str, width: int) -> list[str]:
    lines, start = [], 0
    while start < len(paragraph):
        end = min(start + width, len(paragraph))
        while end < len(paragraph) and start + 1 < end and _cannot_break(paragraph, end):
            end -= 1
        lines.append(paragraph[start:end])
        start = end
    return lines


def _cannot_break(text: str, at: int) -> bool:
    inside_figure = {text[at - 1], text[at]} <= _FIGURE_CHARACTERS
    return inside_figure or text[at] in _NEVER_OPENS


def as_pdfplumber(line: str) -> list[str]:
    lifted = LIFTED.findall(line)
    if not lifted:
        return [line]

    def left_behind(match: re.Match[str]) -> str:
        before = line[match.start() - 1] if match.start() > 0 else ""
        after = line[match.end()] if match.end() < len(line) else ""
        inside = before and after and not (before.isascii() and after.isascii())
        list_number = after == "、" and match.group(0).isdigit() and before in "：。；，"
        return " " if inside and not list_number else ""

    return [_LIFTED_RUN.sub(left_behind, line), " ".join(lifted)]


def as_laid_out(lines: list[str]) -> list[str]:
    """A paragraph's printed lines as ``pdftotext -layout`` writes them: the paragraph indented,
    and each line opening with a figure that continues a line ending mid-sentence raised above
    that line, with a blank line on either side of the pair."""
    out = ["  " + lines[0]] if lines else []
    i = 1
    while i < len(lines):
        line = lines[i]
        if (
            i + 1 < len(lines)
            and lines[i + 1][0].isdigit()
            and line[-1] not in _ENDS_SENTENCE
            and not line[0].isdigit()
        ):
            out += ["", lines[i + 1], line, ""]
            if i + 2 < len(lines):
                out.append(lines[i + 2])  # a line in its place before the next raise
            i += 3
            continue
        out.append(line)
        i += 1
    return out
