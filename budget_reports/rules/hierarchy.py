"""`sum.hierarchy`: 项 add up to their 款, 款 (or, when no 款 line is given, 项) to their 类, 类 to the total.

Lines are compared within one fund type, one source (prose or a given table) and one top-level
section. A line's place in the tree comes from its code when every line of the group has one;
otherwise from the names written with （类）（款）（项）, and for a line that names only its own level
(``一般行政管理事务（项）`` after ``…组织事务（款）行政运行（项）``), from the line before it.

A table figure the reader could not place in one row (text that moved it off its row,
``extraction.ambiguous_cell``) belongs to one of several rows: a sum over those rows may miss a printed
part, so the 款 and 类 above them are not judged from the table, nor the table's 类 against its total
when the figure may be a 类's (``rules.sums`` does the same for economic classes).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from budget_reports.facts import ExpenditureLine, ExtractedReport, Finding, SourceKind, SummaryMetric
from budget_reports.model import Document
from budget_reports.normalize import compact, money_half_unit
from budget_reports.rules.base import fmt, fmt_sum, judge_sum, name_key, one_per_problem, sum_finding
from budget_reports.rules.extraction import codes_of_candidate_rows
from budget_reports.rules.grouping import MetricIndex
from budget_reports.rules.metrics import FUND_TOTAL
from budget_reports.rules.sections import Sections, Tables

RULE_ID = "sum.hierarchy"
LEVELS = ("类", "款", "项")
FIELDS = {
    "actual": "决算数",
    "budget_initial": "年初预算数",
    "budget_final": "全年预算数",
    "basic": "基本支出",
    "project": "项目支出",
}
_PARTS = re.compile(r"^(?:(?P<c>.*?)\(类\))?(?:(?P<k>.*?)\(款\))?(?:(?P<x>.*?)\(项\))?")


@dataclass(frozen=True, slots=True)
class Node:
    line: ExpenditureLine
    path: tuple[str, ...]  # keys of the 类, 款, 项 it belongs to, as deep as its level


def sum_hierarchy(report: ExtractedReport, document: Document) -> list[Finding]:
    sections = Sections(document)
    groups: dict[tuple, list[ExpenditureLine]] = defaultdict(list)
    for line in report.expenditure_function:
        if line.level in LEVELS:
            key = (line.fund_type, line.source_kind, line.source_table, sections.of(line.evidence))
            groups[key].append(line)
    unsure = unsure_function_codes(document)
    parents: list[tuple[Finding, str]] = []
    for lines in groups.values():
        place = where_read(lines[0])
        nodes = _place(lines)
        if lines[0].source_kind is SourceKind.TABLE:
            nodes = [n for n in nodes if not _may_miss_a_part(n, unsure)]
        parents.extend((f, place) for f in _check_children(nodes))
    # A 类 whose 项 miss it in several tables (or in a table and the prose) is one problem.
    same_line = one_per_problem(parents, lambda f: (f.rule_id, f.subject, f.expected, f.actual))
    return same_line + _check_totals(report, sections, Tables(document), unsure)


def unsure_function_codes(document: Document) -> set[str]:
    """The function-classification codes (2xx…) of the rows a table figure may be in when the reader
    could not tell which. (A figure whose row is known but not its column leaves that row's cell NULL,
    and a sum with a NULL part is not judged anyway.)"""
    return {code for code in codes_of_candidate_rows(document) if code[:1] == "2"}


def _may_miss_a_part(node: Node, unsure: set[str]) -> bool:
    """A 类 or 款 of a table that an unplaced figure may be a part of, or its own figure."""
    code = node.line.code
    return bool(code) and len(code) < 7 and any(other.startswith(code) for other in unsure)


def where_read(line: ExpenditureLine) -> str:
    """The table a line was read from, or 文字说明 for the prose."""
    if line.source_kind is SourceKind.TABLE:
        return line.source_table or "表格"
    return "文字说明"


def _place(lines: list[ExpenditureLine]) -> list[Node]:
    return [Node(line, path) for line, path in zip(lines, paths(lines), strict=True) if all(path)]


def paths(lines: list[ExpenditureLine]) -> list[tuple[str, ...]]:
    """The keys of the 类, 款 and 项 each line belongs to (as deep as its level; "" where unknown):
    codes when every line has one, else the names written, inheriting from the line before."""
    by_code = all(line.code for line in lines)
    result: list[tuple[str, ...]] = []
    previous: tuple[str, ...] = ()
    for line in lines:
        depth = LEVELS.index(line.level) + 1 if line.level in LEVELS else 0
        path = _code_path(line.code or "") if by_code else _name_path(line, previous)
        path = (path + ("",) * depth)[:depth]
        result.append(path)
        if path and all(path):
            previous = path
    return result


def _code_path(code: str) -> tuple[str, ...]:
    return tuple(code[:n] for n in (3, 5, 7) if len(code) >= n)


def _name_path(line: ExpenditureLine, previous: tuple[str, ...]) -> tuple[str, ...]:
    written = _PARTS.match(compact(line.name_as_written))
    parsed = written.group("c", "k", "x") if written else (None, None, None)
    own = (line.class_name, line.kuan_name, line.xiang_name)
    depth = LEVELS.index(line.level) + 1
    keys = [name_key(own[i] or parsed[i]) for i in range(3)]
    if not any(keys):  # a line written without level marks names its own level only
        keys[depth - 1] = name_key(line.name_as_written)
    # Levels above the line's own that the text leaves out come from the line before it.
    for i in range(depth - 1):
        if not keys[i] and i < len(previous) and keys[:i] == list(previous[:i]):
            keys[i] = previous[i]
    return tuple(keys[:depth])


def _check_children(nodes: list[Node]) -> list[Finding]:
    findings = []
    for parent in nodes:
        depth = len(parent.path)
        if depth == 3:
            continue
        children = [n for n in nodes if len(n.path) == depth + 1 and n.path[:depth] == parent.path]
        if not children and depth == 1:  # prose often lists a 类 and then its 项, without the 款
            children = [n for n in nodes if len(n.path) == 3 and n.path[0] == parent.path[0]]
        if children:
            findings.extend(_compare(parent.line, [c.line for c in children]))
    return findings


def _compare(parent: ExpenditureLine, children: list[ExpenditureLine]) -> list[Finding]:
    findings = []
    for field, label in FIELDS.items():
        total = column_value(parent, field)
        parts = [column_value(c, field) for c in children]
        if total is None or any(p is None for p in parts):
            continue
        summed = sum(parts, Decimal(0))
        verdict = judge_sum(summed - total, money_half_unit(total), len(parts))
        if verdict is not None:
            subject = display_name(parent)
            child_level = children[0].level
            expected = fmt_sum(summed, parts)
            message = (
                f"{subject}（{parent.level}）所属{len(children)}个{child_level}级科目{label}合计{expected}万元，"
                f"与{parent.level}级所列{fmt(total)}万元不符" + verdict.note(abs(summed - total))
            )
            findings.append(sum_finding(RULE_ID, verdict, subject, message, parent.evidence, expected, fmt(total)))
    return findings


def _check_totals(report: ExtractedReport, sections: Sections, tables: Tables, unsure: set[str]) -> list[Finding]:
    """The 类 lines of a fund type add up to that fund type's total expenditure.

    A table's lines are checked against the total printed in that same table (its 合计 row) when it
    has one: another table may print the same total over 类 figures rounded differently, and the
    finding must point at the table whose lines do not add up. The same miss (same sum, same total)
    in several tables is one finding naming them.
    """
    found: list[tuple[Finding, str]] = []
    index = MetricIndex(report, sections)
    for (fund_type, kind), lines in class_groups(report, sections):
        if kind is SourceKind.TABLE and any(len(code) == 3 for code in unsure):
            continue  # an unplaced figure may be a 类's, missing from its table's sum
        metric = FUND_TOTAL[fund_type]
        total = _own_total(index, tables, kind, metric, lines) or index.total_for(kind, metric, lines[0].evidence)
        if total is None or total.value is None:
            continue
        parts = [line.actual for line in lines if line.actual is not None]
        summed = sum(parts, Decimal(0))
        verdict = judge_sum(summed - total.value, money_half_unit(total.value), len(parts))
        if verdict is not None:
            expected = fmt_sum(summed, parts)
            where = f"{lines[0].source_table}中" if kind is SourceKind.TABLE and lines[0].source_table else ""
            message = (
                f"{where}{metric}所列{len(parts)}个类级科目决算数合计{expected}万元，与总数{fmt(total.value)}万元不符"
                + verdict.note(abs(summed - total.value))
            )
            finding = sum_finding(RULE_ID, verdict, metric, message, total.evidence, expected, fmt(total.value))
            found.append((finding, where_read(lines[0])))
    # The same 类 figures against the same total in several tables and the prose: one problem.
    return one_per_problem(found)


def _own_total(
    index: MetricIndex, tables: Tables, kind: SourceKind, metric: str, lines: list[ExpenditureLine]
) -> SummaryMetric | None:
    """The statement of ``metric`` printed in the table the lines were read from, if any."""
    if kind is not SourceKind.TABLE:
        return None
    table = tables.of(lines[0].evidence)
    if table is None:
        return None
    own = [s for s in index.statements(kind, metric) if tables.of(s.evidence) == table]
    return own[0] if own else None


def class_groups(
    report: ExtractedReport, sections: Sections
) -> list[tuple[tuple[str, SourceKind], list[ExpenditureLine]]]:
    """The 类 lines with an amount, by fund type, source (and table) and section: each a breakdown of
    its fund type's total."""
    groups: dict[tuple, list[ExpenditureLine]] = defaultdict(list)
    for line in report.expenditure_function:
        if line.level == "类" and line.actual is not None and line.fund_type in FUND_TOTAL:
            groups[(line.fund_type, line.source_kind, line.source_table, sections.of(line.evidence))].append(line)
    return [((fund_type, kind), lines) for (fund_type, kind, _, _), lines in groups.items()]


def display_name(line: ExpenditureLine) -> str:
    """The code if known, else the line's own name as written, without level marks."""
    if line.code:
        return line.code
    own = {"类": line.class_name, "款": line.kuan_name, "项": line.xiang_name}.get(line.level)
    if own:
        return compact(own)
    written = _PARTS.match(compact(line.name_as_written))
    part = written.group({"类": "c", "款": "k", "项": "x"}[line.level]) if written else None
    return part or re.sub(r"\((类|款|项)\)", "", compact(line.name_as_written))


SPLIT_COLUMNS = ("basic", "project")


def column_value(line: ExpenditureLine, field: str) -> Decimal | None:
    """A line's figure in one money column. A table row that prints its 合计 and one of 基本支出 /
    项目支出 leaves the other cell blank when nothing was spent there (Shanghai's tables do): 0."""
    value: Decimal | None = getattr(line, field)
    if value is not None or field not in SPLIT_COLUMNS or line.source_kind is not SourceKind.TABLE:
        return value
    printed = any(getattr(line, other) is not None for other in SPLIT_COLUMNS)
    return Decimal(0) if printed and line.actual is not None else None
