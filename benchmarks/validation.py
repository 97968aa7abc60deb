"""Error-injection benchmark of the validation rules: ``make eval`` → ``docs/validation-benchmark.md``.

For every real report of the list below, and for the corpus PDFs written as text by each extractor
(``text_serializations``: pdftotext default, -layout and -raw, pypdfium2, pdfplumber, PyMuPDF), each family of
errors is injected at known places, one at a time (``injection_sites``), and the changed report goes
through the real pipeline (``injection``). Per family: recall (the injected error is reported, by a
rule of the family, at the changed figure or naming it or a total it belongs to) and false alarms
(any other new error-level finding). An injection into a figure the changed text no longer lets the
reader place (a text that drops empty cells places a figure by its row's sums, which the change
breaks) is counted apart as "not read", not as a miss. The unmodified reports' own error-level
findings are listed too, each with why it is a genuine breach of the report. Everything is drawn
from a fixed random seed: the same run each time.

    python -m benchmarks.validation [--per-family 12] [--no-doc]
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.budget_columns import LAYOUTS, with_budget_columns
from benchmarks.injection import (
    Site,
    false_alarms,
    is_hit,
    new_findings,
    not_read,
    placed_in_text,
    read,
    run_clean,
    run_injected,
)
from benchmarks.injection_places import line_text, paragraph_span
from benchmarks.injection_sites import FAMILIES
from budget_reports.facts import ExtractedReport, Finding, Severity
from budget_reports.runs import PROJECT_ROOT
from budget_reports.text_serializations import SERIALIZERS, write_serialization

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
    "prose_budget": "a 项's 年初预算/全年预算 raised in the prose or in the table's budget column, or a completion "
    "rate stated without its budget lowered by 3–20 points (reports given a table of budget columns)",
}
DOC = PROJECT_ROOT / "docs" / "validation-benchmark.md"
CORPUS = PROJECT_ROOT / "tests" / "data" / "corpus"


@dataclass(frozen=True, slots=True)
class Benchmarked:
    """A report the benchmark injects into: a real file, or a corpus PDF's text as an extractor wrote it."""

    path: Path
    origin: str  # the real report: the file's name, or the PDF's for its text
    serializer: str | None = None  # the extractor that wrote a PDF's text
    layout: str | None = None  # the budget columns of the table a report was given (``budget_columns``)

    @property
    def label(self) -> str:
        if self.serializer is not None:
            return f"{self.origin} as {self.serializer} text"
        if self.layout is not None:
            return f"{self.origin} with {self.layout} budget columns"
        return self.origin

    @property
    def original(self) -> bool:
        return self.serializer is None and self.layout is None


# The real reports the benchmark injects into: the seeds (Word-exported text), the corpus PDFs and
# the corpus budget report as text extracted from its PDF.
ORIGINALS: tuple[Benchmarked, ...] = tuple(
    Benchmarked(path, path.name)
    for path in (
        *sorted((PROJECT_ROOT / "data" / "raw").glob("*.txt")),
        *sorted(CORPUS.glob("*.pdf")),
        *sorted(CORPUS.glob("*.txt")),
    )
)


def serialized(folder: Path) -> list[Benchmarked]:
    """Each corpus PDF written as text by each extractor, into ``folder``."""
    return [
        Benchmarked(write_serialization(pdf, serializer, folder / serializer), pdf.name, serializer)
        for pdf in sorted(CORPUS.glob("*.pdf"))
        for serializer in SERIALIZERS
    ]


def with_columns(folder: Path) -> list[Benchmarked]:
    """Each seed given a 一般公共预算财政拨款支出决算表 in each layout of budget columns, into ``folder``."""
    reports = []
    for seed in (r for r in ORIGINALS if r.path.parent.name == "raw"):
        for layout in LAYOUTS:
            path = with_budget_columns(seed.path, layout, folder / layout.name)
            if path is not None:
                reports.append(Benchmarked(path, seed.origin, layout=layout.name))
    return reports


# Error-level findings of the unmodified reports that are the reports' own mistakes: (report, rule_id,
# subject) → why; a PDF's text keeps its PDF's breaches. Any other error-level finding on a clean
# report counts as not genuine.
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


# Error-level findings of a PDF's text that its PDF does not have: (PDF, extractor, rule_id, subject) →
# why. None is a genuine breach: each comes from text the extractor wrote out of reading order, so the
# reader pairs a figure with the wrong line (the pins of tests/test_text_serializations.py).
MISREAD_IN_TEXT: dict[tuple[str, str | None, str, str], str] = {
    # None at present: every serialization of the corpus PDFs gives only the PDF's own error findings.
}


@dataclass
class Outcome:
    site: Site
    document: Benchmarked
    hit: bool
    unread: bool = False  # the changed figure is not read from the changed text (never also a hit)
    alarms: list[Finding] = field(default_factory=list)
    at_pdf: bool = False  # a PDF's injection made at the same figure of its text
    placed: bool = True  # False: the text prints the figure nowhere on its page, or on several lines alike


def sites_of(report: Benchmarked, clean: ExtractedReport, per_family: int) -> dict[str, list[Site]]:
    document = read(report.path)
    chosen: dict[str, list[Site]] = {}
    for family, finder in FAMILIES.items():
        rng = random.Random(f"{RANDOM_SEED}:{report.label}:{family}")
        unique: dict[tuple, Site] = {}
        for _ in range(PASSES):  # a report with few places gets other amounts at the same places
            unique |= {(s.page, s.line, s.old, s.new): s for s in finder(clean, document, rng)}
            if len(unique) >= per_family:
                break
        chosen[family] = rng.sample(list(unique.values()), min(per_family, len(unique)))
    return chosen


Baseline = dict[Benchmarked, list[Finding]]


def run(per_family: int) -> tuple[list[Outcome], Baseline]:
    outcomes: list[Outcome] = []
    baseline: Baseline = {}
    pdf_sites: dict[str, list[Site]] = {}
    with tempfile.TemporaryDirectory() as work:
        generated = [*serialized(Path(work) / "texts"), *with_columns(Path(work) / "columns")]
        for report in (*ORIGINALS, *generated):
            clean = run_clean(report.path)
            baseline[report] = [f for f in clean.findings if f.severity is Severity.ERROR]
            sites = [site for chosen in sites_of(report, clean, per_family).values() for site in chosen]
            if report.path.suffix == ".pdf":
                pdf_sites[report.origin] = sites
            for site in sites:
                outcome = _injected(report, clean, site, Path(work))
                if outcome is not None:
                    outcomes.append(outcome)
            if report.serializer is not None:  # the PDF's own places, found again in its text
                outcomes += _at_pdf_places(report, clean, pdf_sites.get(report.origin, []), Path(work))
    return outcomes, baseline


def _injected(
    report: Benchmarked, clean: ExtractedReport, site: Site, work: Path, at_pdf: bool = False
) -> Outcome | None:
    injected = run_injected(report.path, site, work)
    if injected is None:
        return None
    found = new_findings(clean, injected)
    hit = any(is_hit(site, f) for f in found)
    unread = not hit and not_read(site, clean, injected, found)
    return Outcome(site, report, hit, unread, false_alarms(site, found), at_pdf)


def _at_pdf_places(report: Benchmarked, clean: ExtractedReport, sites: list[Site], work: Path) -> list[Outcome]:
    """The PDF's injections made at the same figures of its text. One the text prints nowhere on its page,
    or on several lines alike, is not placed; one at a place the family's finder does not list for the
    text (the text does not read the figure there, or not what the family compares it with: the other
    table, the table row of a prose figure) and not found is not read."""
    pdf = read(CORPUS / report.origin)
    text = report.path.read_text(encoding="utf-8")
    document = read(report.path)
    readable = {
        family: {(s.page, s.line, s.old) for s in finder(clean, document, random.Random(RANDOM_SEED))}
        for family, finder in FAMILIES.items()
    }
    outcomes = []
    for site in sites:
        placed = placed_in_text(site, line_text(pdf, site.page, site.line) or "", text)
        span = paragraph_span(document, placed.page, placed.line) if placed is not None else None
        if placed is not None and span is not None:  # findings about it cite the text's own paragraph
            placed = dataclasses.replace(placed, first_line=span[0], last_line=max(span[1], placed.last_line or 0))
        outcome = _injected(report, clean, placed, work, at_pdf=True) if placed is not None else None
        if placed is None or outcome is None:
            outcomes.append(Outcome(site, report, False, False, [], True, placed=False))
            continue
        if not outcome.hit and (placed.page, placed.line, placed.old) not in readable[site.family]:
            outcome.unread = True
        outcomes.append(outcome)
    return outcomes


def render(outcomes: list[Outcome], baseline: Baseline, per_family: int) -> str:
    originals = [o for o in outcomes if o.document.original]
    texts = [o for o in outcomes if o.document.serializer is not None and not o.at_pdf]
    at_pdf = [o for o in outcomes if o.at_pdf]
    columns = [o for o in outcomes if o.document.layout is not None]
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
        "Reports: " + ", ".join(f"`{r.label}`" for r in baseline if r.original) + ".",
        "",
        "| family | what is injected | injections | found | recall | false alarms |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for family, done in _by_family(originals).items():
        hits = sum(o.hit for o in done)
        alarms = sum(len(o.alarms) for o in done)
        recall = _pct(hits, len(done))
        out.append(f"| `{family}` | {FAMILY_WHAT[family]} | {len(done)} | {hits} | {recall} | {alarms} |")
    out += _columns_section(columns)
    out += _text_section(texts)
    out += _pdf_places_section(at_pdf)
    out += _misses_and_alarms(outcomes)
    out += _baseline_section(baseline)
    return "\n".join(out) + "\n"


def _by_family(outcomes: list[Outcome]) -> dict[str, list[Outcome]]:
    by_family: dict[str, list[Outcome]] = {family: [] for family in FAMILIES}
    for outcome in outcomes:
        by_family[outcome.site.family].append(outcome)
    return by_family


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def _columns_section(columns: list[Outcome]) -> list[str]:
    layouts = ", ".join(f"{layout.name} ({' / '.join(h for h, _ in layout.columns)})" for layout in LAYOUTS)
    out = [
        "",
        "## Reports given a table of budget columns",
        "",
        "No report we hold prints 年初预算 / 调整预算 (全年预算) beside 决算 in a table. Each seed is given a",
        "一般公共预算财政拨款支出决算表 in each layout real tables use (`benchmarks/budget_columns.py`: "
        + layouts
        + "),",
        "its rows the 项 its prose describes with the figures the prose states, appended to its own text, and",
        "every family is injected into it as above.",
        "",
        "| family | injections | found | recall | false alarms |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for family, done in _by_family(columns).items():
        hits = sum(o.hit for o in done)
        alarms = sum(len(o.alarms) for o in done)
        out.append(f"| `{family}` | {len(done)} | {hits} | {_pct(hits, len(done))} | {alarms} |")
    return out


def _text_section(texts: list[Outcome]) -> list[str]:
    serializers = list(dict.fromkeys(o.document.serializer for o in texts))
    out = [
        "",
        "## The corpus PDFs as text",
        "",
        "Each corpus PDF written as text by " + ", ".join(f"`{s}`" for s in SERIALIZERS) + " (pages separated",
        "by form feeds, but for pdf.js's copy, `budget_reports/text_serializations.py`), each text injected into",
        "like the reports above,",
        "at places found from its own clean extraction. **Not read**: the change lands on a figure the changed",
        "text no longer lets the reader place (the changed line no longer gives the new figure, or it is",
        "reported as `extraction.ambiguous_cell`: text that drops empty cells places a figure by its row's sums,",
        "which the change breaks; see the pins of `tests/test_text_serializations.py`). Those are counted apart,",
        "not as misses: **recall** is found / (injections − not read).",
        "",
        "| family | injections | found | not read | recall | false alarms |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for family, done in _by_family(texts).items():
        hits, unread = sum(o.hit for o in done), sum(o.unread for o in done)
        alarms = sum(len(o.alarms) for o in done)
        out.append(f"| `{family}` | {len(done)} | {hits} | {unread} | {_pct(hits, len(done) - unread)} | {alarms} |")
    out += [
        "",
        "Per extractor: found / injections read (not read), false alarms.",
        "",
        "| extractor | " + " | ".join(f"`{f}`" for f in FAMILIES) + " | false alarms |",
        "| --- | " + " | ".join("---:" for _ in FAMILIES) + " | ---: |",
    ]
    for serializer in serializers:
        mine = [o for o in texts if o.document.serializer == serializer]
        cells = []
        for done in _by_family(mine).values():
            unread = sum(o.unread for o in done)
            cells.append(f"{sum(o.hit for o in done)}/{len(done) - unread}" + (f" ({unread})" if unread else ""))
        alarms = sum(len(o.alarms) for o in mine)
        out.append(f"| `{serializer}` | " + " | ".join(cells) + f" | {alarms} |")
    return out


def _pdf_places_section(at_pdf: list[Outcome]) -> list[str]:
    out = [
        "",
        "### The PDF's own places in its texts",
        "",
        "The injections made into each corpus PDF, made again at the same figure of each of its texts (the line",
        "of the same page printing it once). **Not placed**: the text prints it nowhere on that page on one line",
        "(a phrase split over lines, a figure written apart from its words) or on several lines alike. **Not",
        "read**: the unchanged text does not read there what the family checks (the family's finder, run on the",
        "text's own extraction, does not list the place: the figure, or what it is compared with — the other",
        "table, the table row of a prose figure — is not read; see the pins of `tests/test_text_serializations.py`),",
        "or the changed text no longer gives the figure. Neither counts as a miss: **recall** is found /",
        "(injections − not placed − not read).",
        "",
        "| extractor | family | injections | not placed | not read | found | missed | recall | false alarms |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for serializer in dict.fromkeys(o.document.serializer for o in at_pdf):
        mine = [o for o in at_pdf if o.document.serializer == serializer]
        for family, done in _by_family(mine).items():
            if not done:
                continue
            unplaced = sum(not o.placed for o in done)
            unread, hits = sum(o.unread for o in done), sum(o.hit for o in done)
            missed = len(done) - unplaced - unread - hits
            recall = _pct(hits, len(done) - unplaced - unread)
            alarms = sum(len(o.alarms) for o in done)
            out.append(
                f"| `{serializer}` | `{family}` | {len(done)} | {unplaced} | {unread} | {hits} | {missed} | {recall} "
                f"| {alarms} |"
            )
    total = len(at_pdf)
    unplaced, unread = sum(not o.placed for o in at_pdf), sum(o.unread for o in at_pdf)
    hits = sum(o.hit for o in at_pdf)
    out += [
        "",
        f"In all: {total} injections, {unplaced} not placed, {unread} not read, {hits} found, "
        f"{total - unplaced - unread - hits} missed.",
    ]
    return out


def _misses_and_alarms(outcomes: list[Outcome]) -> list[str]:
    out: list[str] = []
    missed = [o for o in outcomes if not o.hit and not o.unread and o.placed]
    unread = [o for o in outcomes if o.unread and not o.at_pdf]  # the PDF's places: counted in their table
    alarmed = [o for o in outcomes if o.alarms]
    for title, chosen in (("Injections not found", missed), ("Injections not read", unread)):
        if not chosen:
            continue
        out += ["", f"## {title}", "", "| report | family | page | line | change |"]
        out += ["| --- | --- | ---: | ---: | --- |"]
        out += [
            f"| {o.document.label} | {o.site.family} | {o.site.page or ''} | {o.site.line} | {o.site.what} |"
            for o in chosen
        ]
    if alarmed:
        out += ["", "## False alarms", "", "| report | injection | finding |", "| --- | --- | --- |"]
        for o in alarmed:
            out += [
                f"| {o.document.label} | {o.site.what} | `{f.rule_id}` {f.subject}: {f.message} |" for f in o.alarms
            ]
    return out


def _why(report: Benchmarked, f: Finding) -> str | None:
    return GENUINE.get((report.origin, f.rule_id, f.subject)) or (
        MISREAD_IN_TEXT.get((report.origin, report.serializer, f.rule_id, f.subject))
    )


def _baseline_section(baseline: Baseline) -> list[str]:
    found = [(report, f) for report, findings in baseline.items() for f in findings]
    unknown = sum(_why(report, f) is None for report, f in found)
    misread = sum((r.origin, r.serializer, f.rule_id, f.subject) in MISREAD_IN_TEXT for r, f in found)
    originals = [(r, f) for r, f in found if r.original]
    generated = len(found) - len(originals)
    out = [
        "",
        "## Error-level findings on the unmodified reports",
        "",
        f"{len(originals)} error-level findings on the {sum(r.original for r in baseline)} real files and "
        f"{generated} on the {sum(not r.original for r in baseline)} texts and reports made from them; "
        f"{misread} of the texts' findings are misreadings of text written out of reading order",
        "(not genuine, each listed with why);",
        f"{unknown} not explained.",
        "",
        "| report | rule_id | subject | page | line | genuine? |",
        "| --- | --- | --- | ---: | ---: | --- |",
    ]
    for report, findings in baseline.items():
        for f in findings:
            why = _why(report, f) or "**not a known breach**"
            page, line = f.evidence.page or "", f.evidence.line or ""
            out.append(f"| {report.label} | `{f.rule_id}` | {f.subject} | {page} | {line} | {why} |")
    return out


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
