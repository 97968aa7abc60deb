"""Choose the reader for a file and guard the limits every reader shares."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from budget_reports.model import Document
from budget_reports.readers import docx, html, legacy_doc, pdf, spreadsheet, text
from budget_reports.readers.errors import ReadError

Reader = Callable[[Path, str], Document]

_READERS: dict[str, Reader] = {
    ".txt": text.read,
    ".text": text.read,
    ".md": text.read,  # Markdown as PDF-to-Markdown converters write a report
    ".markdown": text.read,
    ".docx": docx.read,
    ".doc": legacy_doc.read,
    ".xlsx": spreadsheet.read_xlsx,
    ".xlsm": spreadsheet.read_xlsx,
    ".xls": spreadsheet.read_xls,
    ".html": html.read,
    ".htm": html.read,
    ".pdf": pdf.read,
}

SUPPORTED_EXTENSIONS: frozenset[str] = frozenset(_READERS)
# Names that look like report files, supported here or not: a folder so named is reported, not walked past.
REPORT_EXTENSIONS: frozenset[str] = SUPPORTED_EXTENSIONS | {".pdf", ".wps", ".et", ".rtf", ".odt", ".ods"}

# Larger files are refused before any reader loads them, so one file cannot exhaust memory.
MAX_FILE_BYTES = 100 * 1024 * 1024


def too_large_message(size: int) -> str:
    return f"文件过大（{size / 1024 / 1024:.0f} MB，上限 {MAX_FILE_BYTES // 1024 // 1024} MB），未读取：请拆分后再导入"


def read_document(path: Path, source_file: str) -> Document:
    """Read ``path``; ``source_file`` is the name evidence will cite (relative to the raw folder)."""
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        supported = "、".join(sorted(SUPPORTED_EXTENSIONS))
        raise ReadError(f"不支持的文件格式“{path.suffix or '无扩展名'}”（支持：{supported}）")
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise ReadError("文件在读取时已不存在（可能已被移走或删除）") from exc
    except OSError as exc:
        raise ReadError(f"无法读取文件（系统错误：{exc.strerror or exc}）") from exc
    if not path.is_file():
        raise ReadError("不是普通文件（可能是文件夹或设备文件），未读取")
    if size == 0:
        raise ReadError("文件为空（0 字节），没有可读取的内容")
    if size > MAX_FILE_BYTES:
        raise ReadError(too_large_message(size))
    try:
        return reader(path, source_file)
    except PermissionError as exc:
        raise ReadError("无法读取文件：没有读取权限") from exc
    except OSError as exc:
        raise ReadError(f"读取文件时出错（系统错误：{exc.strerror or exc}）") from exc
