"""Turn the bytes of a text file into text, honestly: the encoding that reads as Chinese text wins.

A byte-order mark decides the encoding. Otherwise valid UTF-8 is UTF-8, and for anything else each
encoding Chinese reports use (the declared one first, UTF-8, GB18030 (a superset of GBK and GB2312),
UTF-16 LE/BE, then whatever ``charset_normalizer`` guesses) decodes a sample, and the one whose
text is most plausible wins. Plausible characters are those of GB2312 (the 6,763 hanzi of everyday
text), ASCII, and the punctuation, full-width forms and symbols reports print; a wrong encoding
turns Chinese into mostly other characters (rare hanzi, Hangul, private-use, control characters).

Bytes the chosen encoding cannot decode become U+FFFD and their byte ranges are reported, so the
report is loaded as ``partial`` rather than silently ``ok``; text that is mostly implausible under
every encoding is refused as not text.
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass

from charset_normalizer import from_bytes

from budget_reports.readers.errors import ReadError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_FALLBACKS = ("utf-8", "gb18030", "utf-16-le", "utf-16-be")
# Candidate encodings are compared on this much of the file; the chosen one then decodes it all.
_SAMPLE_BYTES = 256 * 1024
# Share of plausible characters: at least OK_SHARE reads as text; under TEXT_SHARE it is not text.
OK_SHARE = 0.9
TEXT_SHARE = 0.6
# Control characters other than TAB, LF, CR, FF: a few are tolerated, many mean binary content.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01
_RANGES_SHOWN = 5


def _gb2312_hanzi() -> str:
    """The hanzi of GB2312 (rows 0xB0–0xF7), read from the codec rather than kept as a table."""
    chars = []
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.append(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue  # the few unassigned positions at the end of row 0xD7
    return "".join(chars)


_PLAUSIBLE_SYMBOLS = (
    r"\t\n\r\f\x20-\x7e\u00a0·×÷°±§¥"
    r"\u2010-\u206f"  # general punctuation: — ‘’ “” … ‰ ※
    r"\u2150-\u218f"  # number forms: Ⅰ Ⅱ Ⅲ
    r"\u2460-\u24ff"  # enclosed numbers: ① ⑴ ⒈
    r"\u2500-\u257f\u25a0-\u25ff"  # box drawing, geometric shapes: ─ │ ■ □ ▲ ○
    r"\u3000-\u303f"  # CJK punctuation: 、。《》【】
    r"\uff00-\uffef"  # full-width forms: （）％，０-９
)
_IMPLAUSIBLE = re.compile(f"[^{_PLAUSIBLE_SYMBOLS}{re.escape(_gb2312_hanzi())}]")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the encoding used, and what could not be decoded."""

    text: str
    encoding: str
    bad_ranges: tuple[tuple[int, int], ...]  # byte offsets [start, end) of undecodable bytes, merged
    bad_count: int  # undecodable sequences, each now one U+FFFD
    plausible_share: float

    @property
    def label(self) -> str:
        """The encoding as users read it in warnings."""
        if not self.bad_count:
            return self.encoding
        return f"{self.encoding}（含 {self.bad_count} 处无法解码的字节，已替换为 \ufffd）"

    @property
    def lost(self) -> list[str]:
        """Reasons to mark the report partial (empty when the text decoded cleanly)."""
        problems = []
        if self.bad_count:
            shown = "、".join(f"{start}–{end - 1}" for start, end in self.bad_ranges[:_RANGES_SHOWN])
            more = f" 等 {len(self.bad_ranges)} 段" if len(self.bad_ranges) > _RANGES_SHOWN else ""
            problems.append(
                f"{self.bad_count} 处字节无法解码为文字（文件可能损坏或被截断），已替换为 \ufffd"
                f"（字节位置 {shown}{more}）"
            )
        if self.plausible_share < OK_SHARE:
            problems.append(
                f"按 {self.encoding} 解码后只有 {self.plausible_share:.0%} 的字符像报告文字，"
                "编码可能识别有误或文件部分损坏"
            )
        return problems


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding label) of ``data``; see ``decode``."""
    decoded = decode(data, declared)
    return decoded.text, decoded.label


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data``, preferring a BOM, then valid UTF-8, then the most plausible candidate.

    Raises ``ReadError`` when the bytes are not text: many control characters, or mostly implausible
    characters whatever the encoding.
    """
    bom, encoding = _bom(data)
    encoding = encoding or _valid_utf8(data) or _most_plausible(data, declared)
    decoded = _decode_recording(data, encoding, skip=len(bom))
    text = decoded.text
    if text and len(_CONTROL.findall(text)) / len(text) > _MAX_CONTROL_SHARE:
        raise ReadError(f"文件内容不是文本（按 {encoding} 解码后含大量控制字符，可能是二进制文件）")
    if decoded.plausible_share < TEXT_SHARE:
        raise ReadError(
            "文件内容不是可识别的文本：按 UTF-8、GB18030、UTF-16 等编码解码后大部分字符都是乱码"
            f"（按 {encoding} 仅 {decoded.plausible_share:.0%} 可读），可能是二进制文件或编码已损坏"
        )
    return decoded


def plausible_share(text: str) -> float:
    """Share of ``text``'s characters that Chinese report text is made of (1.0 for empty text)."""
    if not text:
        return 1.0
    implausible = len(text) - len(_IMPLAUSIBLE.sub("", text))  # lighter than listing every match
    return 1 - implausible / len(text)


def _bom(data: bytes) -> tuple[bytes, str | None]:
    return next(((bom, encoding) for bom, encoding in _BOMS if data.startswith(bom)), (b"", None))


def _valid_utf8(data: bytes) -> str | None:
    """Valid UTF-8 with non-ASCII text is almost never another encoding by accident."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "utf-8"


def _most_plausible(data: bytes, declared: str | None) -> str:
    sample = data[:_SAMPLE_BYTES]
    candidates = list(dict.fromkeys([*_known(declared), *_FALLBACKS]))
    scored = [(plausible_share(sample.decode(c, errors="replace")), c) for c in candidates]
    best_share, best = max(scored, key=lambda pair: pair[0])  # the first of equals: declared, then UTF-8
    if best_share < OK_SHARE:
        guess = from_bytes(sample).best()
        if guess is not None and guess.encoding not in candidates:
            share = plausible_share(sample.decode(guess.encoding, errors="replace"))
            if share > best_share:
                best = guess.encoding
    return best


def _known(encoding: str | None) -> list[str]:
    """Web pages declare gb2312/gbk for text that often uses GB18030 characters: decode with the superset."""
    if not encoding:
        return []
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return []  # a misspelt declaration: the fallbacks decide
    return ["gb18030" if name in ("gb2312", "gbk", "gb18030") else name]


_recording = threading.local()


def _record_error(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    _recording.errors.append((error.start, error.end))
    return "\ufffd", error.end


codecs.register_error("budget_reports.record", _record_error)


def _decode_recording(data: bytes, encoding: str, skip: int = 0) -> Decoded:
    """Decode ``data`` after its first ``skip`` bytes (a BOM); error ranges are offsets in ``data``."""
    _recording.errors = []
    try:
        text = str(memoryview(data)[skip:], encoding, "budget_reports.record")  # a view: no copy
        errors = [(start + skip, end + skip) for start, end in _recording.errors]
    finally:
        _recording.errors = []
    return Decoded(text, encoding, _merged(errors), len(errors), plausible_share(text))


def _merged(ranges: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)
