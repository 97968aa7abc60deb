"""`year.consistency`: the years the report writes agree with its fiscal year.

Checked phrases: the report's own title words (``2023年度部门决算``, ``2023年部门整体支出绩效``) and
its year-end dates (``截至2023年12月31日``) name the fiscal year (a budget's, the year before: what the
department held when it was drawn up); its comparisons (``与2022年相比``,
``比2022年度增加``) name the year before; a closing date line (``2022年5月18日``) is in the fiscal year
or the next. Titles of other documents (in 《》) are skipped. A warning: usually text carried over
from another year's report, which misleads the reader but changes no figure.

The fiscal year is the report's own (``ReportInfo.fiscal_year``) when the identity extractor found
it, else the year its headings give (``第二部分 2023年度部门决算情况说明``), else the year most
often written as ``N年度``.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from budget_reports.facts import ExtractedReport, Finding, Severity
from budget_reports.model import BlockKind, Document
from budget_reports.rules.base import finding
from budget_reports.rules.text import evidence_at, original, prose
from budget_reports.stages import is_budget_report

RULE_ID = "year.consistency"
_QUOTED = re.compile(r"《[^《》]*》")
# (pattern whose first group is a year, allowed offsets from the fiscal year, what the phrase is)
_CHECKS = (
    (re.compile(r"(\d{4})\s*年度?\s*(?:部门|单位)(?:决算|整体支出绩效)"), (0,), "报告年度"),
    (re.compile(r"截[至止]\s*(\d{4})\s*年\s*12\s*月(?:31日|底|末)"), (0,), "年末时点"),
    (
        re.compile(r"(?:与|较|比)\s*(\d{4})\s*年度?(?:相比|增加|减少|增长|下降|持平|无变化|的|,|，|\d)"),
        (-1,),
        "对比年度",
    ),
    (re.compile(r"^(\d{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$"), (0, 1), "落款日期"),
)
# A budget, published at the start of its year, states what the department held at the end of the year
# before (截至2025年12月31日 in a 2026 budget): the latest year-end there is.
_BUDGET_OFFSETS = {"年末时点": (-1,)}
_TITLE_YEAR = re.compile(r"(\d{4})\s*年度?\s*(?:部门|单位)?(?:决算|整体支出绩效)")
_ANY_YEAR = re.compile(r"(\d{4})\s*年度")


def fiscal_year(report: ExtractedReport, document: Document) -> int | None:
    if report.report.fiscal_year is not None:
        return report.report.fiscal_year
    headings = Counter(
        int(m.group(1))
        for block, text in prose(document)
        if block.kind is BlockKind.HEADING
        for m in _TITLE_YEAR.finditer(text)
    )
    if headings:
        return headings.most_common(1)[0][0]
    years = Counter(int(m.group(1)) for _, text in prose(document) for m in _ANY_YEAR.finditer(text))
    return years.most_common(1)[0][0] if years else None


def year_consistency(report: ExtractedReport, document: Document) -> list[Finding]:
    year = fiscal_year(report, document)
    if year is None:
        return []
    budget = is_budget_report(report.report.report_kind)
    findings: dict[tuple, Finding] = {}
    repeats: dict[tuple, int] = {}
    for block, text in prose(document):
        unquoted = _QUOTED.sub(lambda q: "□" * len(q.group(0)), text)  # keep offsets, hide quoted titles
        for pattern, offsets, what in _CHECKS:
            if budget:
                offsets = _BUDGET_OFFSETS.get(what, offsets)
            for match in pattern.finditer(unquoted):
                written = int(match.group(1))
                allowed = [year + o for o in offsets]
                if written in allowed:
                    continue
                expected = "或".join(str(a) for a in allowed)
                evidence = evidence_at(document, block, match.start(), match.end())
                message = f"{what}写为{written}年，与报告所属的{year}年度不符（应为{expected}年）"
                # One finding per sentence part and wrong year: a sentence naming the report twice is one slip.
                problem = (id(block), what, written)
                repeats[problem] = repeats.get(problem, 0) + 1
                findings.setdefault(
                    problem,
                    finding(
                        RULE_ID,
                        Severity.WARNING,
                        original(block, match.start(), match.end()).strip(),
                        message,
                        evidence,
                        expected,
                        str(written),
                    ),
                )
    return [_counted(f, repeats[problem]) for problem, f in findings.items()]


def _counted(f: Finding, times: int) -> Finding:
    return f if times == 1 else dataclasses.replace(f, message=f"{f.message}，同一段落共{times}处")
