"""All rules over the corpus PDFs (Shanghai, 2024), read from ../shared/corpus (skipped without it).

The 普陀区财政局 report prints its four 类 as 2106.66 + 326.72 + 60.99 + 445.69 = 2940.06 against a
total of 2940.05, 一般公共服务支出 as 71.73% of it (2106.66 / 2940.05 = 71.65%), and its 财政拨款收入支出
总计 as 0.3万元 in the prose against 2961.68 in the table. The template is
the finance bureau's blank model: its XX placeholders must all be reported, and nothing else wrong.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache

import pytest

from budget_reports import extract, rules
from budget_reports.facts import ExtractedReport, ParseStatus, ReportInfo, Severity
from budget_reports.readers import read_document
from tests.conftest import corpus_file
from tests.test_rules_seeds import Known, _matches

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"
TEMPLATE = "shanghai-final-accounts-template-2024.pdf"


def _classes(r: ExtractedReport) -> bool:
    return sum(ln.level == "类" and ln.share_pct_declared is not None for ln in r.expenditure_function) >= 2


KNOWN = [
    Known(
        PUTUO, Severity.ERROR, "sum.hierarchy", frozenset({"一般公共预算财政拨款支出"}), _classes, "四个类合计2940.06"
    ),
    Known(
        PUTUO, Severity.ERROR, "share.declared", frozenset({"一般公共服务支出", "201"}), _classes, "71.73%，应为71.65%"
    ),
    # Page 21 prints 财政拨款收入支出总计0.3万元 (text layer and rendering alike); the 财政拨款收入支出决算总表
    # prints 总计 2,961.68. A slip of the document, not of the reading.
    Known(
        PUTUO,
        Severity.ERROR,
        "consistency.prose_table",
        frozenset({"财政拨款收支总计"}),
        lambda r: any(m.metric == "财政拨款收支总计" and m.value is not None for m in r.summary_metrics),
        "财政拨款收入支出总计写为0.3万元，表中为2961.68万元",
    ),
]


@cache
def run(name: str) -> ExtractedReport:
    path = corpus_file(name)
    info = ReportInfo(name[:16], name, "0" * 64, "pdf", ParseStatus.OK, "test", datetime(2024, 1, 1), 1)
    result = ExtractedReport(report=info)
    document = read_document(path, name)
    for extractor in extract.EXTRACTORS:
        extractor(document, result)
    for rule in rules.RULES:
        result.findings.extend(rule(result, document))
    return result


@pytest.mark.parametrize("name", [PUTUO, TEMPLATE])
def test_errors_are_only_the_known_breaches(name: str) -> None:
    errors = [f for f in run(name).findings if f.severity is Severity.ERROR]
    unexpected = [f for f in errors if not any(_matches(k, f) for k in KNOWN if k.seed == name)]
    assert unexpected == [], "\n".join(f"{f.rule_id} {f.subject}: {f.message}" for f in unexpected)


@pytest.mark.parametrize("known", KNOWN, ids=lambda k: f"{k.rule_id}-{sorted(k.subjects)[0]}")
def test_each_known_breach_is_reported(known: Known) -> None:
    result = run(known.seed)
    if not known.needs(result):
        pytest.skip(f"facts not extracted yet: {known.what}")
    found = [f for f in result.findings if _matches(known, f)]
    assert found, known.what
    assert found[0].evidence.page == 21


def test_the_template_reports_its_placeholders() -> None:
    findings = run(TEMPLATE).findings
    placeholders = [f for f in findings if f.rule_id == "template.placeholder"]
    assert len(placeholders) > 50
    assert all(set(f.subject) <= set("XxＸｘ") for f in placeholders)  # 上海市 XX 局, XXXXXXXX 项目 …
    assert all(f.evidence.page is not None for f in placeholders)
