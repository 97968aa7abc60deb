"""Files in two encodings: lines pasted in from a file in another encoding are decoded with their own.

A GBK report with a paragraph pasted in from a UTF-8 file (or the reverse, or from a Big5 file) reads as
noise in that paragraph whatever single encoding is chosen. The encodings here share ASCII and never use
the line-feed byte inside a character, so each line can be decoded on its own: a line that reads as
implausible text under the file's encoding, but cleanly and plausibly under another, takes that one.
"""

from __future__ import annotations

import codecs

from budget_reports.readers.plausibility import OK_SHARE, plausible_share

ASCII_COMPATIBLE = ("utf-8", "gb18030", "cp950")


def other_encoding_lines(data: bytes, text: str, encoding: str, skip: int = 0) -> list[tuple[int, int, str]]:
    """Byte spans [start, end) of the lines of ``data`` (after ``skip`` bytes) that read better in another
    encoding than ``encoding``, which decoded them into ``text``; each with that encoding, in order."""
    main = codecs.lookup(encoding).name
    if main not in ASCII_COMPATIBLE or plausible_share(text) == 1:
        return []
    text_lines = text.split("\n")
    byte_lines = data[skip:].split(b"\n")
    if len(text_lines) != len(byte_lines):
        return []  # an undecodable sequence swallowed a line feed: lines do not pair up, keep one encoding
    spans = []
    start = skip
    for line_text, raw in zip(text_lines, byte_lines, strict=True):
        share = plausible_share(line_text)
        better = _better_encoding(raw, main, share) if share < 1 else None
        if better is not None:
            spans.append((start, start + len(raw), better))
        start += len(raw) + 1
    return spans


def _better_encoding(raw: bytes, main: str, main_share: float) -> str | None:
    """The encoding that decodes ``raw`` without error into more plausible text than ``main`` did, if any."""
    best, best_share = None, max(main_share, OK_SHARE)
    for encoding in ASCII_COMPATIBLE:
        if encoding == main:
            continue
        try:
            share = plausible_share(raw.decode(encoding))
        except UnicodeDecodeError:
            continue
        if share > best_share:
            best, best_share = encoding, share
    return best
