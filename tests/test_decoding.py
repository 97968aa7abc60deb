"""The decoding test set: a real report in every encoding Chinese reports use, with and without a BOM,
clean and with stray bytes, in traditional characters as Big5, and files mixing two encodings. Each is
read as the right text, or marked partial with the byte ranges it could not decode; never a wrong
encoding reported as ok."""

from __future__ import annotations

import codecs
import random
import re
from pathlib import Path

import opencc
import pytest

from budget_reports.facts import ParseStatus
from budget_reports.file_hashes import file_sha256
from budget_reports.ingest import RawFile, process_file
from budget_reports.readers.decode import OK_SHARE, TEXT_SHARE, decode, plausible_share
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
    "big5": ("cp950", b"", b"\xff"),  # the report in traditional characters, as Hong Kong or Taiwan write it
}
TRADITIONAL_CODECS = ("cp950",)
TO_TRADITIONAL = opencc.OpenCC("s2tw")  # Taiwan's standard forms, all of them in Big5


def _seed_text(codec: str, seed: Path = SEED) -> str:
    text = seed.read_text(encoding="utf-8")
    if codec in TRADITIONAL_CODECS:
        text = TO_TRADITIONAL.convert(text)
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


@pytest.mark.parametrize("name", [name for name, (codec, _, _) in ENCODINGS.items() if codec not in TRADITIONAL_CODECS])
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
        ("gbk", ["utf-8", "utf-16-le", "utf-16-be"]),  # as Big5: test_gbk_misread_as_big5_loses_to_gbk
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


def test_big5_report_is_loaded_with_its_traditional_text_never_failed(tmp_path: Path) -> None:
    for seed in SEED_FILES:
        text = _seed_text("cp950", seed)
        path = tmp_path / f"{seed.stem}-big5.txt"
        path.write_bytes(text.encode("cp950"))
        decoded = decode(path.read_bytes())
        assert decoded.text == text and decoded.encoding == "cp950" and decoded.lost == []
        result = process_file(RawFile(path, path.name, file_sha256(path), path.stat().st_size))
        assert result.report.parse_status is not ParseStatus.FAILED, result.report.error_message
        assert "字节位置" not in (result.report.error_message or "")


def test_traditional_text_is_plausible_and_big5_misread_is_not() -> None:
    text = _seed_text("cp950")
    assert plausible_share(text) > 0.99  # in UTF-8 too: traditional characters are report text
    data = text.encode("cp950")
    for other in ("utf-8", "gb18030", "utf-16-le", "utf-16-be"):
        assert plausible_share(data.decode(other, errors="replace")) < TEXT_SHARE, other


def test_gbk_misread_as_big5_loses_to_gbk() -> None:
    # GBK's everyday hanzi sit where Big5 keeps its everyday ones, so GBK read as Big5 is a text of real
    # but random traditional characters: less plausible than text (under OK_SHARE, never ok), far less
    # than the right reading, which is the one chosen.
    text = _seed_text("gbk")
    data = text.encode("gbk")
    assert plausible_share(data.decode("cp950", errors="replace")) < OK_SHARE
    assert decode(data).encoding == "gb18030" and decode(data).text == text


# Files mixing two encodings: a paragraph pasted in from a file in another encoding. The paragraph is one
# of the report's own, so the whole text is known.
MIXES = [("gbk", "utf-8"), ("utf-8", "gbk"), ("gb18030", "cp950"), ("cp950", "utf-8")]


def _mixed(main: str, pasted: str, seed: Path) -> tuple[bytes, str, tuple[int, int]]:
    """The seed in ``main`` with its longest line re-encoded in ``pasted``; the text and the line's byte span."""
    script = "cp950" if "cp950" in (main, pasted) else main  # one script for the whole text
    lines = _seed_text(script, seed).encode(pasted, errors="ignore").decode(pasted).split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i].encode("utf-8")))
    head = "".join(f"{line}\n" for line in lines[:longest]).encode(main)
    middle = lines[longest].encode(pasted)
    tail = "".join(f"\n{line}" for line in lines[longest + 1 :]).encode(main)
    return head + middle + tail, "\n".join(lines), (len(head), len(head) + len(middle))


@pytest.mark.parametrize(("main", "pasted"), MIXES)
@pytest.mark.parametrize("seed", SEED_FILES, ids=[seed.stem for seed in SEED_FILES])
def test_a_paragraph_pasted_in_another_encoding_is_read_with_its_own(main: str, pasted: str, seed: Path) -> None:
    data, text, (start, end) = _mixed(main, pasted, seed)
    decoded = decode(data)
    assert decoded.text == text and decoded.bad_count == 0 and decoded.lost == []
    as_read = {"gbk": "gb18030"}  # GBK is read with its superset
    assert decoded.encoding == as_read.get(main, main)
    assert decoded.other_lines == ((start, end, as_read.get(pasted, pasted)),)
    assert f"{start}–{end - 1} 按 {as_read.get(pasted, pasted)}" in decoded.label


@pytest.mark.parametrize(("main", "pasted"), MIXES)
def test_a_mixed_file_with_stray_bytes_is_partial_with_their_positions(main: str, pasted: str) -> None:
    data, text, _ = _mixed(main, pasted, SEED)
    stray_at = data.index(b"\n", len(data) // 3) + 1  # between two characters
    decoded = decode(data[:stray_at] + b"\xff" + data[stray_at:])
    assert decoded.text.replace("\ufffd", "") == text
    assert decoded.bad_ranges == ((stray_at, stray_at + 1),) and str(stray_at) in decoded.lost[0]
