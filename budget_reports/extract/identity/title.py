"""A report's identity as its title block prints it: kind, fiscal year and department.

The title block is the run of short lines before the body starts (``目录``, ``第一部分``, ``一、``);
its lines are joined, so a title broken anywhere (``…街道办事处 2025`` / ``年度部门决算``, a name over
two lines) reads as one. The forms, kinds and name endings are data in ``catalogue.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from budget_reports.extract.identity.catalogue import (
    DATE,
    LEADING_NOISE,
    LEVEL_QUALIFIERS,
    NAME_LABELS,
    NAME_QUALIFIERS,
    REPORT_KINDS,
    TITLE_FORMS,
    TRAILERS,
    UNIT_SUFFIXES,
    VERB_BEFORE_NAME,
)
from budget_reports.model import BlockKind, Document
from budget_reports.normalize import compact
from budget_reports.numbering import OUTLINE, PART, Enumerators

_BARE_YEAR = r"(?<![\d.,])(?P<year>20\d\d)(?![\d.,])"
_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
YEAR = r"(?P<year>20\d\d|二[〇零][〇零一二三四五六七八九]{2})年度?"
_NAME_CHARS = r"[\u4e00-\u9fff（）()“”〇]"
# The title block ends where the body's numbered outline or the contents (目录) begin.
_BODY_START = Enumerators(PART, *OUTLINE)
_CONTENTS = "目录"
_MARKERS = re.compile(r"\[(?:bookmark|image):[^\]]*\]")
_PLACEHOLDER = re.compile(r"[XＸ×]{1,}|某某")
# The cover's date of publication (二〇二五年九月 / 2025年9月), last under the name, on its own line or run
# into it: no part of the title.
_COVER_DATE = re.compile(rf"{DATE}$")
_TITLE_LINES = 8
_TITLE_LINE_CHARS = 60


@dataclass(frozen=True, slots=True)
class Title:
    kind: str | None = None
    year: int | None = None
    department: str | None = None


def title_lines(document: Document) -> list[str]:
    """The compact lines of the title block: before the body, the contents or the first table."""
    lines: list[str] = []
    for block in document.blocks:
        if block.kind is BlockKind.TABLE:
            break
        for raw in _source_lines(block.text, block.line_starts):
            line = _MARKERS.sub("", compact(raw))
            if not line:
                continue
            if _BODY_START.opens(line) or line.startswith(_CONTENTS) or len(lines) >= _TITLE_LINES:
                return lines
            running_text = line.endswith("。") or len(line) > _TITLE_LINE_CHARS
            line = re.sub(LEADING_NOISE, "", re.split(TRAILERS, line, maxsplit=1)[0])
            if line:
                lines.append(line[:_TITLE_LINE_CHARS])
            if running_text:
                return lines  # the title is over
    return lines


def _source_lines(text: str, starts: tuple[int, ...]) -> list[str]:
    if len(starts) > 1:
        bounds = [*starts[1:], len(text)]
        return [text[a:b] for a, b in zip(starts, bounds, strict=True)]
    return text.splitlines()


def read_title(text: str) -> Title:
    """Kind, year and department from a title's compact text (a joined title block, or a part heading)."""
    text = _COVER_DATE.sub("", text)
    kind_match = _kind_pattern().search(text)
    kind = year = None
    if kind_match:
        kind = REPORT_KINDS[int((kind_match.lastgroup or "k0")[1:])][0]
        before = re.search(rf"{YEAR}{LEVEL_QUALIFIERS}$", text[: kind_match.start()])
        year = parse_year(before.group("year")) if before else None
    if kind and year is None:
        # Elsewhere in the title (部门决算（2023年度）), or printed apart from its 年度 as some PDF text
        # extractors place it (``年度部门决算`` / ``2024``).
        anywhere = re.search(YEAR, text) or re.search(_BARE_YEAR, text)
        year = parse_year(anywhere.group("year")) if anywhere else None
    return Title(kind, year, _department(text))


def parse_year(written: str) -> int:
    return int(written.translate(_CN_DIGITS))


def _department(text: str) -> str | None:
    for form in _forms():
        for match in form.finditer(text):
            name = plausible_name(match.group("dept"))
            if name:
                return name
    return None


def plausible_name(written: str) -> str | None:
    """The name without cover furniture, if it ends like a budget unit and is not a template's XX."""
    name = re.sub(LEADING_NOISE, "", written)
    name = re.sub(rf"^(?:{YEAR})", "", name)
    name = re.sub(NAME_QUALIFIERS, "", re.sub(r"年度$", "", name))  # 财政局年度部门决算: the year's digits lost
    name = re.sub(r"关于$", "", name)  # 泸县财政局关于2024年度部门决算的说明
    # One unit under two names (泸县人民政府办公室（泸县人民政府外事办公室）): the first, as the title leads with it.
    alias = re.search(r"[（(](?P<alias>[^（）()]+)[）)]$", name)
    if alias and alias.group("alias").endswith(all_suffixes()) and name[: alias.start()].endswith(all_suffixes()):
        name = name[: alias.start()]
    if len(name) < 3 or _PLACEHOLDER.search(name) or name.startswith(("本", "我")) or "我" in name:
        return None
    if re.match(VERB_BEFORE_NAME, name):  # 现将我局2024年度部门整体支出绩效自评…: a cover letter's words
        return None
    if name.endswith("项目") and not _kind_pattern().search(name):
        return _organ_before_project(name)
    if _kind_pattern().search(name) or not name.endswith(all_suffixes()):
        return None
    return name


def _organ_before_project(name: str) -> str | None:
    """The department of a project's title (``泸县水利局农村饮水安全维修养护项目`` / ``2024年度项目支出绩效自评
    报告``): the longest part before the project that ends like an organ (局 / 办公室 / 人民政府 / 组织部 …). One
    character endings other than 局 and names of institutions (学校, 中心, 站) are left out: a project's own name
    often holds them (…大队办公楼建设项目, …学校食堂改造项目)."""
    ends = [i for i in range(3, len(name) - 3) if name[:i].endswith(_organ_suffixes())]
    return name[: max(ends)] if ends else None


@cache
def _organ_suffixes() -> tuple[str, ...]:
    organs = {s for group in ("党委机关", "政府机关") for s in UNIT_SUFFIXES[group] if len(s) > 1 or s == "局"}
    return tuple(sorted(organs, key=len, reverse=True))


@cache
def all_suffixes() -> tuple[str, ...]:
    return tuple(sorted({s for group in UNIT_SUFFIXES.values() for s in group}, key=len, reverse=True))


@cache
def _kind_pattern() -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<k{n}>{p})" for n, (_, p) in enumerate(REPORT_KINDS)))


@cache
def _any_kind() -> str:
    return "|".join(f"(?:{p})" for _, p in REPORT_KINDS)


@cache
def _forms() -> tuple[re.Pattern[str], ...]:
    parts = {
        "dept": rf"(?P<dept>{_NAME_CHARS}{{2,40}})",
        "year": YEAR,
        "level": LEVEL_QUALIFIERS,
        "kind": f"(?:{_any_kind()})",
        "label": f"(?:{'|'.join(NAME_LABELS)})",
    }
    return tuple(re.compile(form.format(**parts)) for form in TITLE_FORMS)
