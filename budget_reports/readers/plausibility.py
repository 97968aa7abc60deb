"""How much of a text is made of the characters Chinese report text is made of.

Plausible characters are the everyday hanzi of the simplified and the traditional national standards,
ASCII, and the punctuation, full-width forms and symbols reports print. A wrong encoding turns Chinese
into mostly other characters (rare hanzi, Hangul, private-use, control characters, U+FFFD).
"""

from __future__ import annotations

import re

# Share of plausible characters: at least OK_SHARE reads as text; under TEXT_SHARE it is not text.
OK_SHARE = 0.9
TEXT_SHARE = 0.6


def _common_hanzi(codec: str, leads: range, trails: tuple[range, ...]) -> str:
    """The hanzi of a national standard's common-character rows, read from its codec rather than kept
    as a table (unassigned positions are skipped)."""
    chars = []
    for lead in leads:
        for trail in (t for block in trails for t in block):
            try:
                chars.append(bytes((lead, trail)).decode(codec))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


# Everyday simplified hanzi: GB2312's 6,763 (rows 0xB0–0xF7). Everyday traditional hanzi, as Hong Kong,
# Macau and Taiwan texts (and reports re-encoded there) are written: Big5's 5,401 常用字 (0xA440–0xC67E).
_SIMPLIFIED = _common_hanzi("gb2312", range(0xB0, 0xF8), (range(0xA1, 0xFF),))
_TRADITIONAL = "".join(
    c for c in _common_hanzi("cp950", range(0xA4, 0xC7), (range(0x40, 0x7F), range(0xA1, 0xFF))) if c >= "\u4e00"
)


_PLAUSIBLE_SYMBOLS = (
    r"\t\n\r\f\x20-\x7e\u00a0·×÷°±§¥"
    r"\u2010-\u206f"  # general punctuation: — ‘’ “” … ‰ ※
    r"\u2150-\u218f"  # number forms: Ⅰ Ⅱ Ⅲ
    r"\u2460-\u24ff"  # enclosed numbers: ① ⑴ ⒈
    r"\u2500-\u257f\u25a0-\u25ff"  # box drawing, geometric shapes: ─ │ ■ □ ▲ ○
    r"\u3000-\u303f"  # CJK punctuation: 、。《》【】
    r"\uff00-\uffef"  # full-width forms: （）％，０-９
)
# A text is written in one script: a simplified text's traditional-only characters are as unlikely as
# any rare character (random bytes read as GBK fall on GBK's traditional extension rows), and the reverse.
_IMPLAUSIBLE_SIMPLIFIED = re.compile(f"[^{_PLAUSIBLE_SYMBOLS}{re.escape(_SIMPLIFIED)}]")
_IMPLAUSIBLE_TRADITIONAL = re.compile(f"[^{_PLAUSIBLE_SYMBOLS}{re.escape(_TRADITIONAL)}]")


def plausible_share(text: str) -> float:
    """Share of ``text``'s characters that Chinese report text is made of (1.0 for empty text), read as
    simplified or as traditional text, whichever reads better."""
    if not text:
        return 1.0
    share = _share(_IMPLAUSIBLE_SIMPLIFIED, text)
    return share if share == 1 else max(share, _share(_IMPLAUSIBLE_TRADITIONAL, text))


def _share(implausible: re.Pattern[str], text: str) -> float:
    return len(implausible.sub("", text)) / len(text)  # lighter than listing every match
