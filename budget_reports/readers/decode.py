"""Turn the bytes of a text file into text, refusing bytes that are not text."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from budget_reports.readers.errors import ReadError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of control characters (other than TAB, LF, CR, FF) above which a decoded file is junk.
_MAX_CONTROL_SHARE = 0.01
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Tries BOMs, UTF-8, GB18030, then detection; else ReadError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="strict"), encoding), encoding
    if b"\x00" not in data:
        for encoding in ("utf-8", "gb18030"):
            try:
                return _checked(data.decode(encoding, errors="strict"), encoding), encoding
            except UnicodeDecodeError:
                continue
    best = from_bytes(data).best()
    if best is None:
        raise ReadError("文件内容不是可识别的文本（无法确定字符编码，可能是二进制文件）")
    return _checked(str(best), best.encoding), best.encoding


def _checked(text: str, encoding: str) -> str:
    if not text:
        return text
    controls = len(_CONTROLS.findall(text))  # a regex scan: a Python loop per character is slow
    if controls / len(text) > _MAX_CONTROL_SHARE:
        raise ReadError(f"文件内容不是文本（按 {encoding} 解码后含大量控制字符，可能是二进制文件）")
    return text
