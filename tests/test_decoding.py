"""The decoding test set: a real report in every encoding Chinese reports use, with and without a BOM,
clean and with stray bytes. Each is read as the right text, or marked partial with the byte ranges
it could not decode; never a wrong encoding reported as ok."""

from __future__ import annotations

import codecs
import random
import re
from pathlib import Path

import pytest

from budget_reports.facts import ParseStatus
from budget_reports.file_hashes import file_sha256
from budget_reports.ingest import RawFile, process_file
from budget_reports.readers.decode import OK_SHARE, decode, plausible_share
from budget_reports.readers.errors import ReadError
from tests.conftest import SEED_FILES

SEED = SEED_FILES[0]
# (codec, BOM written in front, bytes of one stray unit that this codec cannot decode)
ENCODINGS = {
    "utf-8": ("utf-8", b"", b"\xff"),
    "utf-8-bom": ("utf-8", codecs.BOM_UTF8, b"\xff"),
    "gbk": ("gbk", b"", b"\xff"),
    "gb18030": ("gb18030", b"", b"\x80"),
    "utf-16-le": ("utf-16-le", b"", b"\x00\xdc"),  # a lone low surrogate
    "utf-16-le-bom": ("utf-16-le", codecs.BOM_UTF16_LE, b"\x00\xdc"),
    "utf-16-be": ("utf-16-be", b"", b"\xdc\x00"),
    "utf-16-be-bom": ("utf-16-be", codecs.BOM_UTF16_BE, b"\xdc\x00"),
}


def _seed_text(codec: str) -> str:
    text = SEED.read_text(encoding="utf-8")
    return text.encode(codec, errors="ignore").decode(codec)  # GBK lacks a few of GB18030's characters


def _with_stray_bytes(text: str, codec: str, bom: bytes, stray: bytes, rng: random.Random) -> tuple[bytes, list[int]]:
    """The text encoded, with a stray unit inserted between characters at three places and a
    truncated last character (one byte cut off the end); returns the bytes and the stray offsets."""
    cuts = sorted(rng.sample(range(1, len(text) - 1), 3))
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    data, offsets = bytearray(bom), []
    for i, piece in enumerate(pieces):
        if i:
            offsets.append(len(data))
            data += stray
        data += piece.encode(codec)
    return bytes(data[:-1]), offsets


@pytest.mark.parametrize("name", ENCODINGS)
def test_clean_text_is_read_exactly_and_ok(name: str) -> None:
    codec, bom, _ = ENCODINGS[name]
    text = _seed_text(codec)
    decoded = decode(bom + text.encode(codec))
    assert decoded.text.removeprefix("\ufeff") == text
    assert decoded.bad_count == 0 and decoded.lost == []
    assert decoded.plausible_share >= OK_SHARE


@pytest.mark.parametrize("name", ENCODINGS)
def test_stray_bytes_are_replaced_and_reported_by_position(name: str) -> None:
    codec, bom, stray = ENCODINGS[name]
    text = _seed_text(codec)
    data, offsets = _with_stray_bytes(text, codec, bom, stray, random.Random(name))
    decoded = decode(data)
    # Everything but the stray bytes and the truncated last character reads as the original text.
    assert re.sub("\ufffd+", "", decoded.text).removeprefix("\ufeff") == text[:-1]
    starts = [start for start, _ in decoded.bad_ranges]
    assert all(any(s <= offset < e for s, e in decoded.bad_ranges) for offset in offsets), (offsets, starts)
    assert decoded.lost and "无法解码" in decoded.lost[0] and str(offsets[0]) in decoded.lost[0]


@pytest.mark.parametrize("name", ENCODINGS)
def test_a_report_with_stray_bytes_is_loaded_partial_with_its_figures(name: str, tmp_path: Path) -> None:
    codec, bom, stray = ENCODINGS[name]
    data, _ = _with_stray_bytes(_seed_text(codec), codec, bom, stray, random.Random(name))
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    result = process_file(RawFile(path, path.name, file_sha256(path), len(data)))
    assert result.report.parse_status is ParseStatus.PARTIAL
    assert "字节位置" in result.report.error_message
    assert len(result.summary_metrics) > 10  # the rest of the report is read


def test_the_declared_charset_of_a_page_loses_to_the_bytes() -> None:
    text = _seed_text("gbk")
    assert decode(text.encode("gbk"), declared="utf-8").text == text  # GBK declared as UTF-8
    assert decode(text.encode("utf-8"), declared="gb2312").text == text  # UTF-8 declared as GB2312


@pytest.mark.parametrize(
    ("codec", "wrong"),
    [
        ("gbk", ["utf-8", "utf-16-le", "utf-16-be", "big5"]),
        ("utf-8", ["gb18030", "utf-16-le", "utf-16-be", "latin-1"]),
        ("utf-16-le", ["utf-8", "gb18030", "utf-16-be"]),
        ("utf-16-be", ["utf-8", "gb18030", "utf-16-le"]),
    ],
)
def test_a_wrong_encoding_reads_as_implausible_text(codec: str, wrong: list[str]) -> None:
    text = _seed_text("gbk")
    data = text.encode(codec)
    assert plausible_share(text) > 0.99
    for other in wrong:
        assert plausible_share(data.decode(other, errors="replace")) < 0.6, other


def test_random_bytes_are_refused_not_read_as_noise() -> None:
    with pytest.raises(ReadError, match="不是"):
        decode(random.Random(1).randbytes(50_000))


def test_half_noise_is_partial_never_ok() -> None:
    text = _seed_text("gb18030")
    rng = random.Random(5)
    noise = bytes(rng.choice(range(0x81, 0xFF)) for _ in range(len(text.encode("gb18030")) // 4))
    decoded = decode(text.encode("gb18030") + noise)
    assert decoded.plausible_share < OK_SHARE
    assert any("像报告文字" in problem for problem in decoded.lost)
