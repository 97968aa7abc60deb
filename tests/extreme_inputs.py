"""Hostile and extreme input files, generated from the sample reports at test time (none is committed)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import duckdb

from budget_reports.runs import Paths, build, stage_reports
from budget_reports.worker_pool import Limits
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


def _row_values(i: int) -> tuple[str, str, str]:
    """A plausible, varying table row (a 项 code, a name, an amount), so the file compresses like a real one."""
    return f"{2010101 + i % 997 * 100}", f"项目{i}", f"{i * 37 % 100000 / 100:.2f}"


def long_table_docx(path: Path, rows: int = 200_000) -> Path:
    """A Word document holding one table of ``rows`` rows of three cells."""
    cell = "<w:tc>" + paragraph_xml("{}") + "</w:tc>"
    row = "<w:tr>" + cell * 3 + "</w:tr>"
    table = "<w:tbl>" + "".join(row.format(*_row_values(i)) for i in range(rows)) + "</w:tbl>"
    return docx_with_body(path, paragraph_xml("一般公共预算财政拨款支出决算表") + table)


def big_xlsx(path: Path, rows: int = 200_000) -> Path:
    """A workbook whose one sheet holds ``rows`` rows of a code, a name and an amount."""
    text = '<c r="{col}{{r}}" t="inlineStr"><is><t>{{}}</t></is></c>'
    cells = f'<row r="{{r}}">{text.format(col="A")}{text.format(col="B")}<c r="C{{r}}"><v>{{}}</v></c></row>'
    data = "".join(cells.format(*_row_values(i), r=i + 1) for i in range(rows))
    return _xlsx_with_sheet_data(path, data)


def deep_xlsx(path: Path, depth: int = 100_000) -> Path:
    """A workbook whose one cell holds rich text nested ``depth`` elements deep."""
    data = (
        '<row r="1"><c r="A1" t="inlineStr"><is>' + "<r>" * depth + "<t>合计</t>" + "</r>" * depth + "</is></c></row>"
    )
    return _xlsx_with_sheet_data(path, data)


def xlsx_bomb(path: Path) -> Path:
    """A few hundred KB that claim (and would expand to) 300 MB of sheet XML."""
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as entry:
            for _ in range(300):
                entry.write(b"<row/>" * (1 << 17))
    return path


def _xlsx_with_sheet_data(path: Path, sheet_data: str) -> Path:
    import zipfile

    import openpyxl

    openpyxl.Workbook().save(path)
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    start, end = sheet.index("<sheetData"), sheet.index("</worksheet>")
    sheet = sheet[:start] + f"<sheetData>{sheet_data}</sheetData>" + sheet[end:]
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def pdf_of_pages(path: Path, contents: list[bytes]) -> Path:
    """A PDF with one page per content stream (Helvetica text, A4), written object by object."""
    pages = len(contents)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(pages))
        + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, content in enumerate(contents):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % (5 + 2 * i)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    with path.open("wb") as out:
        out.write(b"%PDF-1.4\n")
        offsets = []
        for number, body in enumerate(objects, start=1):
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
        out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
        out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return path


def _text_lines(lines: list[str]) -> bytes:
    ops = [b"BT /F1 10 Tf"] + [
        b"1 0 0 1 50 %d Tm (%s) Tj" % (800 - 12 * n, line.encode("ascii")) for n, line in enumerate(lines)
    ]
    return b"\n".join([*ops, b"ET"])


def many_pages_pdf(path: Path, pages: int = 3_000) -> Path:
    """A PDF of ``pages`` pages, each a few lines of table rows as text."""
    contents = [
        _text_lines(["  ".join(_row_values(p * 40 + n)).replace("项目", "item") for n in range(40)])
        for p in range(pages)
    ]
    return pdf_of_pages(path, contents)


def huge_stream_pdf(path: Path, segments: int = 500_000) -> Path:
    """A one-page PDF whose content stream draws ``segments`` short ruling lines (a grid gone wild) and a
    line of text: tens of MB in one stream."""
    strokes = b"\n".join(
        b"%d %d m %d %d l S" % (50 + i % 500, 50 + i // 500 % 700, 51 + i % 500, 50 + i // 500 % 700)
        for i in range(segments)
    )
    return pdf_of_pages(path, [strokes + b"\n" + _text_lines(["2010101  352.70"])])


def stage_and_load(raw: Path, warehouse: Path, limits: Limits) -> dict:
    """Stage ``raw`` with ``limits`` and build the warehouse: the staging result, each file's
    (report_id, parse_status, error_message), the summary metrics per report, and ``raw``."""
    paths = Paths(raw, warehouse)
    stage = stage_reports(paths, limits)
    with duckdb.connect(str(build(paths).duckdb_path), read_only=True) as con:
        rows = con.execute("SELECT source_file, report_id, parse_status, error_message FROM reports").fetchall()
        reports = {source: (report_id, status, message or "") for source, report_id, status, message in rows}
        metrics = dict(con.execute("SELECT report_id, count(*) FROM summary_metrics GROUP BY 1").fetchall())
    return {"stage": stage, "reports": reports, "metrics": metrics, "raw": raw}


def run_beside_seed(base: Path, generated: Mapping[str, Callable[[Path], object]], limits: Limits) -> dict:
    """One run over a raw folder holding a sample report (``seed.txt``) and each generated file (name →
    the function writing it): ``stage_and_load``'s result, so a test sees the seed loaded beside them."""
    raw = base / "raw"
    raw.mkdir()
    shutil.copy(SEED, raw / "seed.txt")
    for name, generate in generated.items():
        generate(raw / name)
    return stage_and_load(raw, base / "warehouse", limits)
