"""Error-injection benchmark of the validation rules: ``make eval`` → ``docs/validation-benchmark.md``.

For every real report of the list below, each family of errors is injected at known places, one at
a time (``injection_sites``), and the changed report goes through the real pipeline
(``injection``). Per family: recall (the injected error is reported, by a rule of the family, at the
changed figure or naming it or a total it belongs to) and false alarms (any other new error-level
finding). The unmodified reports' own error-level findings are listed too, each with why it is a
genuine breach of the report. Everything is drawn from a fixed random seed: the same run each time.

    python -m benchmarks.validation [--per-family 12] [--no-doc]
"""

from __future__ import annotations

import argparse
import random
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.injection import Site, false_alarms, is_hit, new_findings, read, run_clean, run_injected
from benchmarks.injection_sites import FAMILIES
from budget_reports.facts import Finding, Severity
from budget_reports.runs import PROJECT_ROOT

RANDOM_SEED = 20261203
PASSES = 3
# What each family injects, for the page.
FAMILY_WHAT = {
    "sum": "a part of a printed sum (项/款 under its parent, economic line, metric part) raised by 1–50 万元",
    "prose_figure": "a prose figure a table prints too (classification line by code, metric) raised",
    "table_figure": "a classification line printed in two tables raised in one of them",
    "direction": "a direction word (大于/小于, 增加/减少, 增长/下降) flipped where the figures beside it settle it",
    "zero_base": "the base of a declared rate set to 0: budget under a completion rate, prior year under a growth "
    "rate, a total its parts declare shares of",
    "three_public": "an economic 三公 line (30212/30217/30231/31013) raised above its item's 三公 决算",
    "name": "a 类 name replaced by its outdated name (卫生健康支出 → 医疗卫生与计划生育支出, 巩固脱贫… → 扶贫)",
}
DOC = PROJECT_ROOT / "docs" / "validation-benchmark.md"
# The real reports the benchmark injects into: the seeds (Word-exported text), the corpus PDFs and
# the corpus budget report as text extracted from its PDF.
DOCUMENTS: tuple[Path, ...] = (
    *sorted((PROJECT_ROOT / "data" / "raw").glob("*.txt")),
    *sorted((PROJECT_ROOT / "tests" / "data" / "corpus").glob("*.pdf")),
    *sorted((PROJECT_ROOT / "tests" / "data" / "corpus").glob("*.txt")),
)
# Error-level findings of the unmodified reports that are the reports' own mistakes: (file, rule_id,
# subject) → why. Any other error-level finding on a clean report counts as not genuine.
GENUINE: dict[tuple[str, str, str], str] = {
    ("001_8af6c6b53bb795b2.txt", "sum.fund_types", "财政拨款支出"): (
        "line 113: 财政拨款支出516.82 against 一般公共预算444.76 + 政府性基金71.73 = 516.49 (0.33 off, beyond rounding)"
    ),
    ("002_f4d5f3929f6a2ae3.txt", "sum.breakdown", "公务用车保有量"): "10 vehicles, listed 轿车1 + 越野车1 + 小型车1",
    ("002_f4d5f3929f6a2ae3.txt", "zero_base.growth", "因公出国（境）费"): (
        "line 91: 20.12万元, 增加20.12万元, 增长100%: the prior year was 0, no growth rate exists"
    ),
    ("003_397564467219909d.txt", "share.declared", "其他收入"): "line 32: 其他收入8元 (万元 elsewhere) 占1.63%",
    ("004_127aded49d8bfbe3.txt", "sum.budget_expenditure", "全年预算支出"): (
        "line 135: 年初预算支出664.57 + 预算调整支出247.69 = 912.26, 全年预算支出 written 770.35"
    ),
    ("004_127aded49d8bfbe3.txt", "completion.pct", "东西部协作人才交流项目"): "全年预算35, 执行35, 执行率 written 0",
    ("shanghai-putuo-finance-bureau-2024-final.pdf", "share.declared", "201"): (
        "p. 21: 一般公共服务支出 占71.73%, 2106.66 / 2940.05 = 71.65%"
    ),
    ("shanghai-putuo-finance-bureau-2024-final.pdf", "consistency.prose_table", "财政拨款收支总计"): (
        "p. 21: 财政拨款收入支出总计0.3万元 in the prose, 2,961.68 in the 财政拨款收入支出决算总表"
    ),
}


@dataclass
class Outcome:
    site: Site
    document: str
    hit: bool
    alarms: list[Finding] = field(default_factory=list)


def sites_of(path: Path, per_family: int) -> dict[str, list[Site]]:
    clean = run_clean(path)
    document = read(path)
    chosen: dict[str, list[Site]] = {}
    for family, finder in FAMILIES.items():
        rng = random.Random(f"{RANDOM_SEED}:{path.name}:{family}")
        unique: dict[tuple, Site] = {}
        for _ in range(PASSES):  # a report with few places gets other amounts at the same places
            unique |= {(s.page, s.line, s.old, s.new): s for s in finder(clean, document, rng)}
            if len(unique) >= per_family:
                break
        chosen[family] = rng.sample(list(unique.values()), min(per_family, len(unique)))
    return chosen


def run(per_family: int) -> tuple[list[Outcome], dict[str, list[Finding]]]:
    outcomes: list[Outcome] = []
    baseline: dict[str, list[Finding]] = {}
    with tempfile.TemporaryDirectory() as work:
        for path in DOCUMENTS:
            clean = run_clean(path)
            baseline[path.name] = [f for f in clean.findings if f.severity is Severity.ERROR]
            for sites in sites_of(path, per_family).values():
                for site in sites:
                    injected = run_injected(path, site, Path(work))
                    if injected is None:
                        continue
                    found = new_findings(clean, injected)
                    hit = any(is_hit(site, f) for f in found)
                    outcomes.append(Outcome(site, path.name, hit, false_alarms(site, found)))
    return outcomes, baseline


def render(outcomes: list[Outcome], baseline: dict[str, list[Finding]], per_family: int) -> str:
    by_family: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_family[outcome.site.family].append(outcome)
    out = [
        "# Validation benchmark: injected errors",
        "",
        "Produced by `make eval` (`python -m benchmarks.validation`), which rewrites this page. Each family",
        "of errors is injected, one change at a time, into the real reports below at places found from their",
        "clean extraction; the changed report goes through the real pipeline (text files are changed and read",
        "again by `ingest.process_file`; a PDF's document model is changed where the figure is printed and",
        "then extracted and validated by `ingest.analyse`). **Recall**: the change is reported by a rule of its",
        "family, at the changed figure or naming it or a total it belongs to. **False alarms**: any other new",
        "error-level finding. Seeded (`RANDOM_SEED` = " + str(RANDOM_SEED) + f"), at most {per_family} places per",
        "family and report.",
        "",
        "Reports: " + ", ".join(f"`{p.name}`" for p in DOCUMENTS) + ".",
        "",
        "| family | what is injected | injections | found | recall | false alarms |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for family in FAMILIES:
        done = by_family.get(family, [])
        hits = sum(o.hit for o in done)
        recall = f"{100 * hits / len(done):.1f}%" if done else "—"
        what = FAMILY_WHAT[family]
        alarms = sum(len(o.alarms) for o in done)
        out.append(f"| `{family}` | {what} | {len(done)} | {hits} | {recall} | {alarms} |")
    missed = [o for o in outcomes if not o.hit]
    alarmed = [o for o in outcomes if o.alarms]
    if missed:
        out += [
            "",
            "## Injections not found",
            "",
            "| report | family | page | line | change |",
            "| --- | --- | ---: | ---: | --- |",
        ]
        out += [
            f"| {o.document} | {o.site.family} | {o.site.page or ''} | {o.site.line} | {o.site.what} |" for o in missed
        ]
    if alarmed:
        out += ["", "## False alarms", "", "| report | injection | finding |", "| --- | --- | --- |"]
        for o in alarmed:
            out += [f"| {o.document} | {o.site.what} | `{f.rule_id}` {f.subject}: {f.message} |" for f in o.alarms]
    unknown = sum((name, f.rule_id, f.subject) not in GENUINE for name, found in baseline.items() for f in found)
    total = sum(len(found) for found in baseline.values())
    out += [
        "",
        "## Error-level findings on the unmodified reports",
        "",
        f"{total} error-level findings on {len(baseline)} reports; {unknown} of them not a known breach of its report.",
        "",
        "| report | rule_id | subject | page | line | genuine? |",
        "| --- | --- | --- | ---: | ---: | --- |",
    ]
    for name, findings in baseline.items():
        for f in findings:
            why = GENUINE.get((name, f.rule_id, f.subject), "**not a known breach**")
            out.append(
                f"| {name} | `{f.rule_id}` | {f.subject} | {f.evidence.page or ''} | {f.evidence.line or ''} | {why} |"
            )
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--per-family", type=int, default=12, help="injection places per family and report")
    parser.add_argument("--no-doc", action="store_true", help="do not rewrite docs/validation-benchmark.md")
    args = parser.parse_args()
    outcomes, baseline = run(args.per_family)
    page = render(outcomes, baseline, args.per_family)
    print(page)
    if not args.no_doc:
        DOC.write_text(page, encoding="utf-8")


if __name__ == "__main__":
    main()
