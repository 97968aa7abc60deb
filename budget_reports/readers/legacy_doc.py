"""Legacy Word documents (.doc): converted to DOCX by LibreOffice, then read as DOCX.

Many ".doc" files on government sites are really DOCX packages or Word-saved web pages; those are
read directly. A true binary .doc needs LibreOffice (``soffice`` on PATH); without it the file
fails with a message saying what to do.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from budget_reports.model import Document
from budget_reports.readers import docx, html
from budget_reports.readers.errors import ReadError

CONVERT_TIMEOUT_SECONDS = 180
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

NEEDS_LIBREOFFICE = (
    "无法读取旧版 Word（.doc）文件：本机未安装 LibreOffice（找不到 soffice 命令）。"
    "请安装 LibreOffice，或用 Word/WPS 将该文件另存为 .docx 后再导入"
)


def read(path: Path, source_file: str) -> Document:
    with path.open("rb") as handle:
        head = handle.read(1024)
    if head.startswith(b"PK"):
        return docx.read(path, source_file, file_format="doc")
    if html.looks_like_html(head):
        return html.read(path, source_file)
    if head.startswith(b"{\\rtf"):
        return _converted(path, source_file, "RTF")
    if not head.startswith(_OLE_MAGIC):
        raise ReadError("不是有效的 Word（.doc）文件（文件头不是 Word 文档格式，可能已损坏或扩展名有误）")
    return _converted(path, source_file, "doc")


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _converted(path: Path, source_file: str, kind: str) -> Document:
    soffice = find_soffice()
    if soffice is None:
        raise ReadError(NEEDS_LIBREOFFICE)
    with tempfile.TemporaryDirectory(prefix="budget-doc-") as tmp:
        tmp_dir = Path(tmp)
        # A private profile, so a running LibreOffice (or a parallel conversion) does not block this one.
        command = [
            soffice,
            f"-env:UserInstallation={(tmp_dir / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "docx",
            "--outdir",
            str(tmp_dir / "out"),
            str(path),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=CONVERT_TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired as exc:
            message = f"LibreOffice 转换 {kind} 文件超时（超过 {CONVERT_TIMEOUT_SECONDS} 秒），文件可能已损坏"
            raise ReadError(message) from exc
        except OSError as exc:
            raise ReadError(f"无法运行 LibreOffice 转换 {kind} 文件：{exc}") from exc
        converted = tmp_dir / "out" / (path.stem + ".docx")
        if not converted.exists():
            raise ReadError(f"LibreOffice 未能将该 {kind} 文件转换为 .docx，文件可能已损坏；请用 Word/WPS 另存为 .docx")
        return docx.read(converted, source_file, file_format="doc")
