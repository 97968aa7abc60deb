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


BEFORE_DEEP = "一、收入支出决算总体情况说明"
DEEP_TEXT = "本年支出合计516.82万元。"
AFTER_DEEP = "二、收入决算情况说明"


def deep_docx(path: Path, levels: int) -> Path:
    """A Word document whose body XML nests ``levels`` elements deep (rounded up to whole tables): one
    paragraph inside tables nested in each other, between a paragraph before and one after."""
    # w:document, w:body, then three levels a table (w:tbl, w:tr, w:tc), then w:p, w:r, w:t.
    tables = -(-(levels - 5) // 3)
    nested = "<w:tbl><w:tr><w:tc>" * tables + paragraph_xml(DEEP_TEXT) + "</w:tc></w:tr></w:tbl>" * tables
    return docx_with_body(path, paragraph_xml(BEFORE_DEEP) + nested + paragraph_xml(AFTER_DEEP))


def paragraph_xml(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def docx_with_body(path: Path, body_xml: str) -> Path:
    """A Word document (python-docx's blank one) whose body starts with ``body_xml`` (``w:`` elements)."""
    import zipfile

    import docx

    docx.Document().save(path)
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    body = parts["word/document.xml"].decode("utf-8").replace("<w:body>", "<w:body>" + body_xml, 1)
    parts["word/document.xml"] = body.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path
