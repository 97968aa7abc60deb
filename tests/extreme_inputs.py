"""Hostile and extreme input files, generated from the sample reports at test time (none is committed)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SEED_DIR

SEED = SEED_DIR / "000_1ca1b4d95d915062.txt"
ROW = "<tr><td>2010101</td><td>行政运行</td><td>352.70</td></tr>"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def wide_html(path: Path, rows: int = 200_000) -> Path:
    """A web page of about 12 MB that is one table of ``rows`` rows."""
    with path.open("w", encoding="utf-8") as out:
        out.write("<html><body><h2>一般公共预算财政拨款支出决算表</h2><table>")
        out.write(ROW * rows)
        out.write("</table></body></html>")
    return path


def deep_html(path: Path, depth: int = 100_000) -> Path:
    """A page whose one paragraph sits ``depth`` elements deep."""
    path.write_text(
        "<html><body>" + "<div>" * depth + "<p>本年支出合计516.82万元。</p>" + "</div>" * depth + "</body></html>",
        encoding="utf-8",
    )
    return path


def one_line_text(path: Path, megabytes: float) -> Path:
    """A real report with its line breaks lost, repeated to about ``megabytes`` MB: one long line."""
    line = seed_text().replace("\n", " ").encode("utf-8")
    copies = max(1, round(megabytes * 1024 * 1024 / len(line)))
    with path.open("wb") as out:
        for _ in range(copies):
            out.write(line)
    return path


def gbk_with_stray_bytes(path: Path) -> Path:
    """A real report in GBK with a few stray bytes at the end (an interrupted download)."""
    path.write_bytes(seed_text().encode("gbk", errors="ignore") + b"\xff\x81")
    return path


def deep_docx(path: Path, depth: int = 300) -> Path:
    """A Word document whose one paragraph sits in tables nested ``depth`` deep."""
    import zipfile

    import docx

    docx.Document().save(path)
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    cell = "<w:p><w:r><w:t>本年支出合计516.82万元。</w:t></w:r></w:p>"
    nested = "<w:tbl><w:tr><w:tc>" * depth + cell + "</w:tc></w:tr></w:tbl>" * depth
    body = parts["word/document.xml"].decode("utf-8").replace("<w:body>", "<w:body>" + nested, 1)
    parts["word/document.xml"] = body.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path
