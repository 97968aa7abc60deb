"""Bad input through the real pipeline: each bad file becomes a failed `reports` row with a message a user
understands, the seed beside it is read as if alone, and the run completes."""

from __future__ import annotations

import os
import random
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from budget_reports.contract import VIEWS
from budget_reports.runs import Paths, build, stage_reports
from tests.conftest import SEED_DIR

SEED = SEED_DIR / "000_1ca1b4d95d915062.txt"
FACT_VIEWS = [v.name for v in VIEWS if "report_id" in v.column_names and v.name != "reports"]


def _run(raw: Path, warehouse: Path) -> dict[str, tuple]:
    """Stage and build; return the `reports` rows by source_file, with the seed's fact counts."""
    paths = Paths(raw, warehouse)
    stage_reports(paths)
    result = build(paths)
    with duckdb.connect(str(result.duckdb_path), read_only=True) as con:
        rows = con.execute(
            "SELECT source_file, report_id, parse_status, error_message, file_size_bytes FROM reports"
        ).fetchall()
        by_file = {r[0]: r[1:] for r in rows}
        seed_id = by_file[SEED.name][0]
        counts = {
            v: con.execute(f'SELECT count(*) FROM "{v}" WHERE report_id = ?', [seed_id]).fetchone()[0]
            for v in FACT_VIEWS
        }
    return {**by_file, "__seed_counts__": counts}


@pytest.fixture(scope="module")
def seed_alone(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("seed-alone")
    (base / "raw").mkdir()
    shutil.copy(SEED, base / "raw")
    return _run(base / "raw", base / "warehouse")


def _zip_bomb(path: Path) -> None:
    """A few hundred KB that claim (and would expand to) 300 MB of XML."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as entry:
            chunk = b" " * (1 << 20)
            for _ in range(300):
                entry.write(chunk)


def _corrupt_xlsx(path: Path) -> None:
    """A real zip with the parts of a workbook, whose sheet XML is garbage."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "收入支出决算总表"
    book.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts["xl/workbook.xml"] = b"<workbook><sheets><sheet name=" + bytes(range(256)) * 4
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def _newer_zip_version(path: Path) -> None:
    """A real workbook whose central directory says its first part needs zip version 6.9 to extract."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "收入支出决算总表"
    book.save(path)
    data = bytearray(path.read_bytes())
    entry = data.index(b"PK\x01\x02")  # the first central directory header
    data[entry + 6 : entry + 8] = (69).to_bytes(2, "little")  # "version needed to extract"
    path.write_bytes(bytes(data))


def _sparse(path: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)


def _binary_doc(path: Path) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))


BAD_FILES: dict[str, tuple[str, Callable[[Path], None], list[str]]] = {
    "empty": ("空文件.txt", lambda p: p.touch(), ["文件为空"]),
    "docx-not-zip": (
        "报告.docx",
        lambda p: p.write_text("这只是改了扩展名的文本", encoding="utf-8"),
        ["不是有效的 DOCX 文件"],
    ),
    "docx-zip-bomb": ("炸弹.docx", _zip_bomb, ["压缩炸弹", "已拒绝读取"]),
    "binary-txt": ("乱码.txt", lambda p: p.write_bytes(random.Random(1).randbytes(100_000)), ["不是", "文本"]),
    "huge": ("巨大.txt", _sparse, ["文件过大", "200 MB", "上限 100 MB"]),
    "unsupported": ("报告.wps", lambda p: p.write_bytes(b"WPS"), ["不支持的文件格式“.wps”"]),
    "broken-symlink": ("失效链接.docx", lambda p: p.symlink_to(p.parent / "不存在.docx"), ["链接已失效"]),
    "symlink-loop": ("循环链接.txt", lambda p: p.symlink_to(p), ["循环指向自身的链接"]),
    "directory": ("文件夹.docx", lambda p: p.mkdir(), ["是一个文件夹而不是文件"]),
    "fifo": ("管道.txt", lambda p: os.mkfifo(p), ["不是普通文件"]),
    "corrupt-xlsx": ("损坏.xlsx", _corrupt_xlsx, ["XLSX 文件已损坏"]),
    "xlsx-newer-zip": ("新版压缩.xlsx", _newer_zip_version, ["XLSX 文件使用了无法读取的 ZIP 格式", "6.9"]),
    "binary-doc": ("旧版.doc", _binary_doc, ["LibreOffice", "另存为 .docx"]),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_bad_file_fails_alone_and_the_seed_beside_it_is_read(
    case: str, tmp_path: Path, seed_alone: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    name, make, expected = BAD_FILES[case]
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))  # no LibreOffice, whatever this machine has
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED, raw)
    make(raw / name)
    rows = _run(raw, tmp_path / "warehouse")
    _, status, message, _ = rows[name]
    assert status == "failed"
    for part in expected:
        assert part in message, message
    assert rows[SEED.name][1:3] == ("ok", None)
    assert rows["__seed_counts__"] == seed_alone["__seed_counts__"]


def test_oversize_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    _sparse(raw / "巨大.txt")
    rows = _run_without_seed(raw, tmp_path)
    report_id, status, _, size = rows["巨大.txt"]
    assert (status, size) == ("failed", 200 * 1024 * 1024)
    assert report_id.startswith("unread-"), "its id comes from its name and size: the content was never read"


def _run_without_seed(raw: Path, tmp_path: Path) -> dict[str, tuple]:
    paths = Paths(raw, tmp_path / "warehouse")
    stage_reports(paths)
    result = build(paths)
    with duckdb.connect(str(result.duckdb_path), read_only=True) as con:
        rows = con.execute("SELECT source_file, report_id, parse_status, error_message, file_size_bytes FROM reports")
        return {r[0]: r[1:] for r in rows.fetchall()}


def test_malformed_html_beside_the_seed_is_read_as_far_as_it_goes(tmp_path: Path, seed_alone: dict) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED, raw)
    (raw / "网页.html").write_text(
        "<html><body><h2>一、收入支出决算总体情况说明<p>2021年度收、支总计516.82万元。"
        "<table><tr><td>项目<td>决算数</tr><tr><td>合计<td>516.82</td></td>",
        encoding="gbk",
    )
    rows = _run(raw, tmp_path / "warehouse")
    assert rows["网页.html"][1] == "ok"
    assert rows[SEED.name][1:3] == ("ok", None)
    assert rows["__seed_counts__"] == seed_alone["__seed_counts__"]


def test_hidden_entries_stay_skipped_and_plain_folders_are_walked(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "2023").mkdir(parents=True)
    (raw / ".cache").mkdir()
    shutil.copy(SEED, raw / "2023" / SEED.name)
    (raw / ".~lock.报告.docx#").write_text("lock", encoding="utf-8")
    (raw / ".cache" / "x.txt").write_text("缓存", encoding="utf-8")
    rows = _run_without_seed(raw, tmp_path)
    assert list(rows) == [f"2023/{SEED.name}"]
    assert rows[f"2023/{SEED.name}"][1] == "ok"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_file_without_read_permission(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    locked = raw / "无权限.txt"
    shutil.copy(SEED, locked)
    locked.chmod(0)
    try:
        rows = _run_without_seed(raw, tmp_path)
    finally:
        locked.chmod(0o644)
    assert rows["无权限.txt"][1:3] == ("failed", "无法读取文件：没有读取权限")
