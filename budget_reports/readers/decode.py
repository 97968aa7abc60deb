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
# Control characters other than TAB, LF, CR, FF: a few are tolerated, many mean binary content.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01
# Charset detection looks at this much of a file; enough to decide, cheap on large files.
_DETECT_BYTES = 256 * 1024


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding name). Tries BOMs, a declared encoding, UTF-8, GB18030, then detection.

    Raises ``ReadError`` when the bytes are not text in any of them.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data, encoding), encoding
    candidates = [declared] if declared else []
    if b"\x00" not in data[:_DETECT_BYTES]:
        candidates += ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            return _decode(data, _known(encoding)), _known(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    best = from_bytes(data[:_DETECT_BYTES]).best()
    if best is None:
        raise ReadError("文件内容不是可识别的文本（无法确定字符编码，可能是二进制文件）")
    try:
        return _decode(data, best.encoding), best.encoding
    except UnicodeDecodeError as exc:
        raise ReadError(f"文件内容不是可识别的文本（按 {best.encoding} 解码失败，可能是二进制文件）") from exc


def _known(encoding: str) -> str:
    """Web pages declare gb2312/gbk for text that often uses GB18030 characters: decode with the superset."""
    name = codecs.lookup(encoding).name
    return "gb18030" if name in ("gb2312", "gbk", "gb18030") else name


def _decode(data: bytes, encoding: str) -> str:
    text = data.decode(encoding, errors="strict")
    if text and len(_CONTROL.findall(text)) / len(text) > _MAX_CONTROL_SHARE:
        raise ReadError(f"文件内容不是文本（按 {encoding} 解码后含大量控制字符，可能是二进制文件）")
    return text
