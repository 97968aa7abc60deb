"""Read a user's local codes: provincial or local classification codes and aliases the package lacks.

The file is a UTF-8 CSV (path in the environment variable ``BUDGET_LOCAL_CODES``) with a header:

    scheme,code,name,aliases,first_edition,last_edition

- ``scheme``: function (default when empty), economic, economic_gov or income;
- ``code``: 3, 5 or 7 digits; a code the reference lacks is added under its parent (the code
  without its last two digits, which must exist in the reference or the same file);
- ``name``: the code's name; for a code the reference knows, the name becomes an alias;
- ``aliases``: other names, separated by ``|``;
- ``first_edition`` / ``last_edition``: years the row is valid (empty: every edition).

A malformed file stops the run with a message naming the file and line: a silently ignored
local code would make every line printing it look wrong.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

REQUIRED_COLUMNS = ("code", "name")
_CODE = re.compile(r"\d{3}(\d{2}){0,2}")
_YEAR = re.compile(r"(19|20)\d\d")


class LocalCodesError(ValueError):
    """The local-codes file cannot be used as it is."""


@dataclass(frozen=True, slots=True)
class LocalRow:
    scheme: str
    code: str
    name: str
    aliases: tuple[str, ...]
    first_edition: int | None
    last_edition: int | None
    line: int  # line in the file, for messages


def read_local_codes(path: Path) -> list[LocalRow]:
    """The rows of the file, checked; raises LocalCodesError with the file and line on any problem."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise LocalCodesError(f"无法读取本地科目文件 {path}：{exc}") from exc
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise LocalCodesError(f"本地科目文件 {path} 缺少列：{', '.join(missing)}（需要 scheme,code,name,aliases,...）")
    rows = []
    for number, record in enumerate(reader, start=2):
        rows.append(_row(path, number, {k: (v or "").strip() for k, v in record.items() if k is not None}))
    return rows


def _row(path: Path, line: int, record: dict[str, str]) -> LocalRow:
    where = f"本地科目文件 {path} 第 {line} 行"
    code = record.get("code", "")
    if not _CODE.fullmatch(code):
        raise LocalCodesError(f"{where}：编码“{code}”应为 3、5 或 7 位数字")
    name = record.get("name", "")
    if not name:
        raise LocalCodesError(f"{where}：编码 {code} 没有名称")
    years = []
    for column in ("first_edition", "last_edition"):
        value = record.get(column, "")
        if value and not _YEAR.fullmatch(value):
            raise LocalCodesError(f"{where}：{column}“{value}”不是年份")
        years.append(int(value) if value else None)
    return LocalRow(
        scheme=record.get("scheme") or "function",
        code=code,
        name=name,
        aliases=tuple(a.strip() for a in record.get("aliases", "").split("|") if a.strip()),
        first_edition=years[0],
        last_edition=years[1],
        line=line,
    )
