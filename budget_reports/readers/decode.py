"""Turn the bytes of a text file into text, honestly: the encoding that reads as Chinese text wins.

A byte-order mark decides the encoding. Otherwise valid UTF-8 is UTF-8, and for anything else each
encoding Chinese reports use (the declared one first, UTF-8, GB18030 (a superset of GBK and GB2312),
UTF-16 LE/BE, Big5, then whatever ``charset_normalizer`` guesses) decodes a sample, and the one whose
text is most plausible (``plausibility``) wins. Lines pasted in from a file in another encoding are
decoded with their own (``mixed_lines``).

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
from budget_reports.readers.mixed_lines import other_encoding_lines
from budget_reports.readers.plausibility import OK_SHARE, TEXT_SHARE, plausible_share

__all__ = ["OK_SHARE", "TEXT_SHARE", "Decoded", "decode", "decode_text", "plausible_share"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Big5 as Windows writes it (cp950) comes last: files from Hong Kong, Macau and Taiwan, or re-encoded there.
_FALLBACKS = ("utf-8", "gb18030", "utf-16-le", "utf-16-be", "cp950")
# Candidate encodings are compared on this much of the file; the chosen one then decodes it all.
_SAMPLE_BYTES = 256 * 1024
# Control characters other than TAB, LF, CR, FF: a few are tolerated, many mean binary content.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01
_RANGES_SHOWN = 5


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the encoding used, and what could not be decoded."""

    text: str
    encoding: str
    bad_ranges: tuple[tuple[int, int], ...]  # byte offsets [start, end) of undecodable bytes, merged
    bad_count: int  # undecodable sequences, each now one U+FFFD
    plausible_share: float
    # Lines in another encoding than the file's, decoded with theirs: byte offsets [start, end), encoding.
    other_lines: tuple[tuple[int, int, str], ...] = ()

    @property
    def label(self) -> str:
        """The encoding as users read it in warnings."""
        notes = []
        if self.other_lines:
            shown = "、".join(f"{start}–{end - 1} 按 {enc}" for start, end, enc in self.other_lines[:_RANGES_SHOWN])
            more = " 等" if len(self.other_lines) > _RANGES_SHOWN else ""
            notes.append(f"其中 {len(self.other_lines)} 行是另一种编码，已按其编码读取（字节位置 {shown}{more}）")
        if self.bad_count:
            notes.append(f"含 {self.bad_count} 处无法解码的字节，已替换为 \ufffd")
        return f"{self.encoding}（{'；'.join(notes)}）" if notes else self.encoding

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
    # Valid UTF-8 holds no line of another encoding (``_valid_utf8``): only other files are looked at.
    other_lines = (
        []
        if encoding == "utf-8" and not decoded.bad_count
        else other_encoding_lines(data, decoded.text, encoding, skip=len(bom))
    )
    if other_lines:
        decoded = _decode_recording(data, encoding, skip=len(bom), other_lines=other_lines)
    text = decoded.text
    if text and len(_CONTROL.findall(text)) / len(text) > _MAX_CONTROL_SHARE:
        raise ReadError(f"文件内容不是文本（按 {encoding} 解码后含大量控制字符，可能是二进制文件）")
    if decoded.plausible_share < TEXT_SHARE:
        raise ReadError(
            "文件内容不是可识别的文本：按 UTF-8、GB18030、UTF-16 等编码解码后大部分字符都是乱码"
            f"（按 {encoding} 仅 {decoded.plausible_share:.0%} 可读），可能是二进制文件或编码已损坏"
        )
    return decoded


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


def _decode_recording(
    data: bytes, encoding: str, skip: int = 0, other_lines: list[tuple[int, int, str]] | None = None
) -> Decoded:
    """Decode ``data`` after its first ``skip`` bytes (a BOM), ``other_lines`` with their own encoding;
    error ranges are offsets in ``data``."""
    segments, at = [], skip
    for start, end, other in other_lines or []:
        segments += [(at, start, encoding), (start, end, other)]
        at = end
    segments.append((at, len(data), encoding))
    pieces, errors = [], []
    view = memoryview(data)  # slices of a view: no copies
    for start, end, segment_encoding in segments:
        _recording.errors = []
        try:
            pieces.append(str(view[start:end], segment_encoding, "budget_reports.record"))
            errors += [(first + start, last + start) for first, last in _recording.errors]
        finally:
            _recording.errors = []
    text = "".join(pieces)
    return Decoded(text, encoding, _merged(errors), len(errors), plausible_share(text), tuple(other_lines or ()))


def _merged(ranges: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)
