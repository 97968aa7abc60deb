"""Property-based fuzzing of the readers and the normalizers (Hypothesis), on generated and mutated input.

For every input: no exception escapes but ``ReadError`` (a clear refusal), no figure is invented (every
figure read is printed in the input), and each input finishes within the profile's deadline. ``make
test`` runs a brief profile; ``make fuzz`` (``HYPOTHESIS_PROFILE=fuzz``) runs the long one and its size
and result are recorded in ``docs/robustness.md``.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections import Counter
from dataclasses import fields
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from tempfile import TemporaryDirectory

import docx
import opencc
import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budget_reports.extract.performance.values import parse_value
from budget_reports.facts import ExtractedReport, ParseStatus
from budget_reports.file_hashes import file_sha256
from budget_reports.ingest import RawFile, process_file
from budget_reports.model import Document
from budget_reports.normalize import normalize_text, parse_cn_integer, parse_decimal, parse_percent, to_wanyuan
from budget_reports.readers import ReadError, read_document
from budget_reports.readers.decode import decode_text
from tests.conftest import SEED_FILES, corpus_file
from tests.test_evidence import FIGURES, is_printed, printed_numbers, printed_year_months

# A deadline per input far above any real report's time: it catches quadratic blow-ups, not slowness.
settings.register_profile(
    "ci",
    max_examples=12,
    deadline=timedelta(seconds=60),
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz",
    max_examples=400,
    deadline=timedelta(seconds=60),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SEED_BYTES = [seed.read_bytes() for seed in SEED_FILES]
TEMPLATE_PDF = corpus_file("shanghai-final-accounts-template-2024.pdf").read_bytes()

# Text that looks like a report: numbers with and without separators, units, headings, table cells.
_FRAGMENTS = [
    "一、收入支出决算总体情况说明",
    "2021年度收、支总计516.82万元。",
    "与上年相比减少97.74万元，下降16%。",
    "一般公共服务支出（类）",
    "行政运行（项）",
    "\t2010101",
    "\t352.70",
    "\t1,234.56",
    "\t",
    "",
    "三公经费支出12.5万元",
    "占67.57%",
    "（一）",
    "２９４０．０５",
    "\f",
    "[bookmark: x]",
]


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` with a few bytes overwritten, inserted, deleted, or its end cut off."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["overwrite", "insert", "delete", "truncate"]))
        # A position independent of the length, so that inputs built twice (timestamps) draw alike.
        at = draw(st.integers(0, 1 << 24)) % max(len(data), 1)
        chunk = draw(st.binary(min_size=1, max_size=16))
        if kind == "overwrite":
            data[at : at + len(chunk)] = chunk
        elif kind == "insert":
            data[at:at] = chunk
        elif kind == "delete":
            del data[at : at + len(chunk)]
        else:
            del data[max(at, 1) :]
    return bytes(data)


def _read(data: bytes, suffix: str) -> Document | None:
    """Read ``data`` as a file; None for a clear refusal. Any other exception fails the property."""
    with TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        try:
            return read_document(path, path.name)
        except ReadError as exc:
            assert str(exc), "a refusal says why"
            return None


def _process(data: bytes, suffix: str) -> tuple[ExtractedReport, str]:
    """The whole per-report step on ``data``, and the text a person would check its figures against."""
    with TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        result = process_file(RawFile(path, path.name, file_sha256(path), len(data)))
        try:
            text = decode_text(data)[0]
        except ReadError:
            text = ""
    status = result.report.parse_status
    assert status in (ParseStatus.OK, ParseStatus.PARTIAL, ParseStatus.FAILED)
    if status is not ParseStatus.OK:
        assert result.report.error_message
    return result, text


def _invented(result: ExtractedReport, text: str) -> list[str]:
    """Figures of ``result`` printed nowhere in ``text``."""
    numbers, months = printed_numbers(text), printed_year_months(text)
    invented = []
    for view, columns in FIGURES.items():
        for fact in getattr(result, view):
            row = {f.name: getattr(fact, f.name) for f in fields(fact)}
            for column in columns:
                value = row.get(column)
                if value is None or is_printed(value, numbers) or value in months:
                    continue
                invented.append(f"{view}.{column} = {value}")
    return invented


@given(st.binary(max_size=8192))
def test_text_reader_on_arbitrary_bytes(data: bytes) -> None:
    document = _read(data, ".txt")
    if document is not None and document.blocks:
        assert all(isinstance(block.text, str) for block in document.blocks)


@given(st.data())
def test_mutated_report_never_gets_an_invented_figure(data: st.DataObject) -> None:
    original = data.draw(st.sampled_from(SEED_BYTES))
    result, text = _process(data.draw(mutated(original)), ".txt")
    if result.report.parse_status is ParseStatus.FAILED:
        assert not _invented(result, "")  # a failed report has no figures at all
    assert not _invented(result, text)


@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=200), st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_generated_report_text(lines: list[str], encoding: str) -> None:
    text = "\n".join(lines)
    result, _ = _process(text.encode(encoding), ".txt")
    assert not _invented(result, text)


def _html_node(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    tags = st.sampled_from(["div", "p", "span", "h2", "td", "tr", "table", "tbody", "b", "li", "script"])
    spans = st.sampled_from(["", ' rowspan="2"', ' colspan="3"', ' rowspan="999999"', ' colspan="x"'])
    return st.builds(lambda tag, span, inner: f"<{tag}{span}>{''.join(inner)}</{tag}>", tags, spans, st.lists(children))


_HTML = st.recursive(st.sampled_from([*_FRAGMENTS, "<br>", "<td>", "</tr>", "&nbsp;", "<!-- x -->"]), _html_node)


@given(st.lists(_HTML, max_size=8), st.booleans())
def test_html_reader_on_generated_and_broken_pages(parts: list[str], cut: bool) -> None:
    page = "<html><body>" + "".join(parts)
    page = page[: len(page) // 2] if cut else page + "</body></html>"
    document = _read(page.encode("utf-8"), ".html")
    if document is None:
        return
    # No digit made up or repeated: a tag may join two numbers (``1</tr>2`` reads ``12``), as a browser does.
    read = _digits("".join(block.text for block in document.blocks))
    assert read <= _digits(page), read - _digits(page)


def _digits(text: str) -> Counter[str]:
    return Counter(char for char in normalize_text(text) if char.isdigit())


def _docx_bytes(paragraphs: list[str], rows: list[list[str]]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text.replace("\f", ""))
    if rows:
        width = max(len(row) for row in rows) or 1
        table = document.add_table(rows=len(rows), cols=width)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text.replace("\f", "")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_CELLS = st.lists(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=4), max_size=5)


@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=10), _CELLS, st.data())
def test_docx_reader_on_generated_and_mutated_documents(
    paragraphs: list[str], rows: list[list[str]], data: st.DataObject
) -> None:
    original = _docx_bytes(paragraphs, rows)
    document = _read(original, ".docx")
    assert document is not None  # a well-formed document is read
    _read(data.draw(mutated(original)), ".docx")
    _read(_zip_with_damaged_part(original, data.draw(st.integers(0, 2**16))), ".docx")


def _zip_with_damaged_part(original: bytes, seed: int) -> bytes:
    """The same package with one part's XML cut in half: the zip is valid, its content is not."""
    source = zipfile.ZipFile(io.BytesIO(original))
    names = [n for n in source.namelist() if n.endswith(".xml")]
    victim = names[seed % len(names)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            target.writestr(name, content[: len(content) // 2] if name == victim else content)
    return buffer.getvalue()


@given(_CELLS, st.lists(st.decimals(min_value=-(10**9), max_value=10**9, places=2), max_size=6), st.data())
def test_xlsx_reader_on_generated_and_mutated_workbooks(
    rows: list[list[str]], amounts: list[Decimal], data: st.DataObject
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append([text.replace("\f", "").strip() or None for text in row])
    sheet.append([float(a) for a in amounts])
    buffer = io.BytesIO()
    book.save(buffer)
    original = buffer.getvalue()
    document = _read(original, ".xlsx")
    assert document is not None
    written = printed_numbers("\n".join(_FRAGMENTS)) | set(amounts) | {-a for a in amounts}
    for block in document.blocks:
        for number in printed_numbers(normalize_text(block.text)):
            assert number in written or any(number == abs(a) for a in amounts), (number, block.text)
    _read(data.draw(mutated(original)), ".xlsx")
    _read(_zip_with_damaged_part(original, data.draw(st.integers(0, 2**16))), ".xlsx")


@settings(max_examples=max(3, settings.default.max_examples // 4))
@given(st.data())
def test_pdf_reader_on_mutated_pdfs(data: st.DataObject) -> None:
    _read(data.draw(mutated(TEMPLATE_PDF)), ".pdf")


# The normalizers: any text gives a value or None, never an exception; a printed number reads exactly.


@given(st.text(max_size=40))
def test_normalizers_on_any_text(text: str) -> None:
    for parse in (parse_decimal, parse_percent, parse_cn_integer, parse_value):
        parse(text)


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2), st.booleans(), st.booleans())
def test_printed_amounts_read_exactly(value: Decimal, separators: bool, full_width: bool) -> None:
    printed = f"{value:,.2f}" if separators else f"{value:.2f}"
    if full_width:
        printed = printed.translate(str.maketrans("0123456789.,-", "０１２３４５６７８９．，－"))
    assert parse_decimal(printed) == value
    assert to_wanyuan(value, "元") * 10000 == value  # exact, no float on the way


_CN_DIGITS = "零一二三四五六七八九"


def _in_chinese(number: int) -> str:
    """A whole number below 100,000 as it is written in Chinese (一万零五百, 十二, 三百零四)."""
    if number == 0:
        return "零"
    parts, zero = [], False
    for unit_value, unit in ((10000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // unit_value % 10 if unit_value < 10000 else number // 10000
        if digit:
            if zero:
                parts.append("零")
            parts.append(("" if unit == "十" and digit == 1 and not parts else _CN_DIGITS[digit]) + unit)
            zero = False
        elif parts:
            zero = True
    return "".join(parts)


@given(st.integers(0, 99_999))
def test_chinese_numerals_read_exactly(number: int) -> None:
    assert parse_cn_integer(_in_chinese(number)) == number


@given(st.integers(2000, 2099), st.integers(1, 12), st.sampled_from(["", "前", "底"]))
def test_year_months_read_as_yyyymm(year: int, month: int, suffix: str) -> None:
    parsed = parse_value(f"{year}年{month}月{suffix}")
    assert parsed is not None and parsed.unit == "年月" and parsed.value == Decimal(f"{year}{month:02d}")


@given(st.lists(st.tuples(st.sampled_from(_FRAGMENTS), st.sampled_from(["utf-8", "gb18030", "big5"])), max_size=120))
def test_generated_report_text_in_mixed_encodings(lines: list[tuple[str, str]]) -> None:
    # Each line in its own encoding, as when paragraphs are pasted from several files; Big5 lines in
    # traditional characters where the fragment has them.
    encoded = [_traditional(text) if encoding == "big5" else text for text, encoding in lines]
    data = b"\n".join(
        text.encode("cp950" if encoding == "big5" else encoding, errors="ignore")
        for text, (_, encoding) in zip(encoded, lines, strict=True)
    )
    result, _ = _process(data, ".txt")
    assert not _invented(result, "\n".join(encoded))


_TO_TRADITIONAL = opencc.OpenCC("s2tw")  # loading its dictionaries costs more than converting


def _traditional(text: str) -> str:
    return _TO_TRADITIONAL.convert(text)
