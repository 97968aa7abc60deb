"""Who reports, for which year, what kind of report: the ``reports`` row's descriptive columns.

- ``report_kind``, ``fiscal_year`` and ``department`` from the title block (``上海市普陀区财政局`` /
  ``2024年度部门决算``, however its lines break), else from the part headings (``第一部分 …概况``,
  ``第二部分 2021年度部门决算情况说明``), the department else from the closing signature (a cover letter's
  ``泸县教育局`` / ``2025年3月20日``), else from the running text (the most frequent full name and ``N年度``);
- ``department_short``: the form the running text uses (``市直机关工委``);
- ``province`` / ``city`` / ``county`` from the places the name starts with, else the title, else the
  text, with cpca's administrative-division table;
- ``money_unit``: 元 when the report labels its amounts so, else 万元.
"""

from __future__ import annotations

import re
from collections import Counter

from budget_reports.extract.identity.department import abbreviates, most_frequent_name, short_form, signed_name
from budget_reports.extract.identity.region import region, region_of_name
from budget_reports.extract.identity.title import Title, read_title, title_lines
from budget_reports.extract.prose.sentences import Passage, passages
from budget_reports.facts import ExtractedReport
from budget_reports.model import Document
from budget_reports.numbering import PART, Enumerators

_YUAN_LABEL = re.compile(r"(?:金额)?单位[：:]\s*元(?!\w)")
_PART_HEADING = Enumerators(PART)
_UNIT_KINDS = ("单位决算", "单位预算")
_BARE_YEAR = re.compile(r"(?<![\d.,])(20\d\d)(?![\d.,])")


def extract(document: Document, result: ExtractedReport) -> None:
    info = result.report
    prose = passages(document)
    cover = title_lines(document)
    title = _title(cover, prose)
    info.report_kind = info.report_kind or title.kind
    info.fiscal_year = info.fiscal_year or title.year or _most_common_year(prose)
    full_text = "\n".join(p.text for p in prose)
    department = _department(title.department or signed_name([p.text for p in prose]), full_text)
    short = short_form(full_text, department)
    if short is None and title.department and title.department != department:
        short = title.department  # the title printed the short form (市直机关工委2021年度…)
    info.department = info.department or department or short
    info.department_short = info.department_short or short
    province, city, county = region(info.department, cover, [p.text for p in prose[:40]])
    info.province = info.province or province
    info.city = info.city or city
    info.county = info.county or county
    if info.report_kind in _UNIT_KINDS and info.unit_label is None:
        info.unit_label = info.department
    if info.money_unit is None:
        all_text = "\n".join(b.text for b in document.blocks)
        info.money_unit = "元" if _YUAN_LABEL.search(all_text) else "万元"


def _title(cover: list[str], prose: list[Passage]) -> Title:
    """The cover's title, its gaps filled from the part headings in order."""
    found = [read_title("".join(cover))] if cover else []
    found += [read_title(p.text) for p in prose if p.heading and _PART_HEADING.opens(p.text)]
    kind = next((t.kind for t in found if t.kind), None)
    year = next((t.year for t in found if t.kind and t.year), None)
    department = next((t.department for t in found if t.department), None)
    return Title(kind, year, department)


def _department(from_title: str | None, text: str) -> str | None:
    """A title's name when it names the place (a full name); a short one stands for the full form it abbreviates."""
    if from_title and region_of_name(from_title)[0]:
        return from_title
    frequent = most_frequent_name(text)
    if from_title is None:
        return frequent
    return frequent if frequent and abbreviates(from_title, frequent) else from_title


def _most_common_year(prose: list[Passage]) -> int | None:
    years = Counter(int(y) for p in prose for y in re.findall(r"(20\d\d)年度", p.text))
    if not years:
        # Some PDF text extractors print every year apart from its 年度 (``2024`` / ``年度部门决算``).
        years = Counter(int(y) for p in prose for y in _BARE_YEAR.findall(p.text))
    return years.most_common(1)[0][0] if years else None
