"""Refuse zip-based files (DOCX, XLSX) that are not zips or would expand too far, before any library opens them.

Python's ``zipfile`` never yields more bytes than an entry's declared size, so checking the
declared sizes (and how far each entry claims to expand) bounds the memory a reader can use.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from budget_reports.readers.errors import ReadError

# A real report's XML parts expand well under this; a zip bomb claims far more.
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
# Uncompressed / compressed, for entries above MIN_RATIO_CHECK_BYTES. Smaller parts cannot hurt (the total
# is capped above) and repetitive XML (a long table, deep nesting) legitimately compresses several hundred
# times; only big parts that compress like a bomb are refused early, with that reason.
MAX_ENTRY_RATIO = 200
MIN_RATIO_CHECK_BYTES = 32 * 1024 * 1024
MAX_ENTRIES = 10_000


def check_zip(path: Path, format_name: str, required: str | None = None) -> None:
    """Raise ``ReadError`` unless ``path`` is a plausible, safely sized zip package of ``format_name``."""
    if not zipfile.is_zipfile(path):
        raise ReadError(f"不是有效的 {format_name} 文件（文件内容不是 ZIP 压缩包，可能已损坏或扩展名有误）")
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError(f"{format_name} 文件已损坏，无法打开（{exc}）") from exc
    except NotImplementedError as exc:  # an entry needing a newer zip version than Python reads (or damaged so)
        raise ReadError(f"{format_name} 文件使用了无法读取的 ZIP 格式或已损坏（{exc}）") from exc
    if len(entries) > MAX_ENTRIES:
        raise ReadError(f"{format_name} 文件包含 {len(entries)} 个内部文件，超过上限 {MAX_ENTRIES}，疑似恶意压缩包")
    total = 0
    for entry in entries:
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > MIN_RATIO_CHECK_BYTES and ratio > MAX_ENTRY_RATIO:
            raise ReadError(
                f"{format_name} 文件疑似“压缩炸弹”：内部文件 {entry.filename} 压缩比 {ratio:.0f}:1，"
                f"解压后 {entry.file_size / 1024 / 1024:.0f} MB，已拒绝读取"
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ReadError(
            f"{format_name} 文件解压后共 {total / 1024 / 1024:.0f} MB，"
            f"超过上限 {MAX_UNCOMPRESSED_BYTES // 1024 // 1024} MB，已拒绝读取"
        )
    if required is not None and required not in {e.filename for e in entries}:
        raise ReadError(f"不是有效的 {format_name} 文件（压缩包中缺少 {required}）")
