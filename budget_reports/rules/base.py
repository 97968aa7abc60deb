"""Shared pieces of the rules: tolerant comparisons, printing of computed figures, finding construction.

Every figure a rule compares was printed rounded. A money amount in 万元 is taken to be exact to at
least 0.01 (reports drop trailing zeros: ``27.3万元`` is 27.30); a count is exact; a percentage is
exact to its last printed digit (``占86%`` is anything from 85.5 to 86.5). How far each may be off
is ``normalize``'s (``money_half_unit``, ``half_step``, ``coarser_half_unit``), shared with
the readers.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from budget_reports.facts import Finding, Severity
from budget_reports.model import Evidence
from budget_reports.normalize import CENT, compact, printed_step

HALF_CENT = Decimal("0.005")
HUNDRED = Decimal(100)
# Floor of every percentage tolerance: 0.01 percentage point (a declared 28.13% for 28.1357% is fine).
PCT_FLOOR = Decimal("0.01")


def fmt(value: Decimal | None) -> str:
    """A number as a report prints it: no exponent, no trailing zeros beyond the printed ones."""
    if value is None:
        return "未列示"
    text = format(value, "f")
    return "0" if text in ("-0", "-0.00") else text


def fmt_sum(value: Decimal, parts: Iterable[Decimal]) -> str:
    """A computed sum printed with as many decimals as its most precise addend."""
    exponents = [p.as_tuple().exponent for p in parts]
    places = -min((e for e in exponents if isinstance(e, int)), default=0)
    return fmt(value.quantize(Decimal(1).scaleb(-max(places, 0))))


def fmt_pct(value: Decimal, like: Decimal) -> str:
    """A computed percentage rounded to the precision of the declared one it is compared with."""
    step = min(printed_step(like), CENT)
    return fmt(value.quantize(step))


ROUNDING_SUFFIX = ".rounding"


@dataclass(frozen=True, slots=True)
class SumVerdict:
    """How a printed total that misses the sum of its n printed addends is judged.

    Reports produced in 元 round each figure to 0.01 万元 on its own, so n addends may miss their
    total by up to n × half a unit: such a miss is ``info`` (rule id suffixed ``.rounding``, the
    message saying rounding can explain it); a larger one is an ``error``.
    """

    severity: Severity
    tolerance: Decimal  # the difference rounding alone can explain
    rounding: bool

    def rule_id(self, rule_id: str) -> str:
        return rule_id + ROUNDING_SUFFIX if self.rounding else rule_id

    def note(self, difference: Decimal) -> str:
        if not self.rounding:
            return ""
        allowed = fmt(self.tolerance.normalize())
        return f"（相差{fmt(difference)}，不超过各项分别四舍五入可能造成的{allowed}，可能是四舍五入所致）"


def sum_finding(
    rule_id: str, verdict: SumVerdict, subject: str, message: str, evidence: Evidence, expected: str, actual: str
) -> Finding:
    """A sum's finding as its verdict makes it: ``info`` under ``rule_id.rounding``, or an ``error``."""
    return finding(
        verdict.rule_id(rule_id), verdict.severity, subject, message, evidence, expected, actual, verdict.tolerance
    )


def judge_sum(difference: Decimal, half_unit: Decimal, addends: int, exact: bool = False) -> SumVerdict | None:
    """None when a total and the sum of its ``addends`` printed parts agree at the total's precision
    (``half_unit``); else the verdict. ``exact``: whole counts, which no rounding excuses."""
    difference = abs(difference)
    if difference <= half_unit:
        return None
    allowance = max(addends, 1) * half_unit
    if not exact and difference <= allowance:
        return SumVerdict(Severity.INFO, allowance, True)
    return SumVerdict(Severity.ERROR, half_unit if exact else allowance, False)


def ratio_range(
    numerator: Decimal, denominator: Decimal, half_num: Decimal, half_den: Decimal
) -> tuple[Decimal, Decimal]:
    """Every value 100 × a / b can take when a and b are known only to ± their half units."""
    num, den = abs(numerator), abs(denominator)
    low_den = den - half_den
    low = max(num - half_num, Decimal(0)) / (den + half_den) * HUNDRED
    high = (num + half_num) / low_den * HUNDRED if low_den > 0 else Decimal("Infinity")
    return low, high


class PctCheck:
    """How far a declared percentage is from what the printed inputs allow.

    ``ok``: some inputs within their rounding give a ratio that rounds to the declared figure
    (± half its last digit, at least ± 0.01). ``near``: off by no more than one unit of the declared
    figure's last digit (a rounding pushed to make a breakdown total 100, a truncation): a warning.
    Anything further is an error.
    """

    def __init__(self, declared: Decimal, low: Decimal, high: Decimal) -> None:
        self.tolerance = max(printed_step(declared) / 2, PCT_FLOOR)
        wide = max(printed_step(declared), PCT_FLOOR)
        value = abs(declared)
        self.ok = value + self.tolerance >= low and value - self.tolerance <= high
        self.near = value + wide >= low and value - wide <= high

    @property
    def severity(self) -> Severity | None:
        if self.ok:
            return None
        return Severity.WARNING if self.near else Severity.ERROR


def check_pct(
    declared: Decimal, numerator: Decimal, denominator: Decimal, half_num: Decimal, half_den: Decimal
) -> PctCheck:
    return PctCheck(declared, *ratio_range(numerator, denominator, half_num, half_den))


def finding(
    rule_id: str,
    severity: Severity,
    subject: str,
    message: str,
    evidence: Evidence,
    expected: str | None = None,
    actual: str | None = None,
    tolerance: Decimal | None = None,
) -> Finding:
    return Finding(rule_id, severity, subject, message, evidence, expected, actual, tolerance)


def place_label(name: str, evidence: Evidence) -> str:
    """Where a finding was made, for a message: ``支出决算表（第10页第15行）``."""
    if evidence.line is None:
        return name
    page = f"第{evidence.page}页" if evidence.page is not None else ""
    return f"{name}（{page}第{evidence.line}行）"


def _problem(f: Finding) -> Hashable:
    return (f.rule_id, f.expected, f.actual)


def one_per_problem(
    found: Iterable[tuple[Finding, str]], problem: Callable[[Finding], Hashable] = _problem
) -> list[Finding]:
    """Findings of one problem made in several places folded into one.

    ``found`` pairs each finding with the place it was made (a table's name, 文字说明). The same sum
    missed in three tables (the 类 adding to 2940.06 against a total of 2940.05 in the 支出决算表, the
    一般公共预算财政拨款支出决算表 and the prose) is one problem: one finding at the earliest place,
    its message naming the others. ``problem`` says which findings are the same problem (by default:
    same rule, same expected and same actual figure).
    """
    groups: dict[Hashable, list[tuple[Finding, str]]] = {}
    for item in found:
        groups.setdefault(problem(item[0]), []).append(item)
    folded = []
    for group in groups.values():
        group.sort(key=lambda item: (item[0].evidence.page or 0, item[0].evidence.line or 0))
        first = group[0][0]
        others = list(dict.fromkeys(place_label(place, f.evidence) for f, place in group[1:]))
        if others:
            first = dataclasses.replace(first, message=f"{first.message}；{'、'.join(others)}同样如此")
        folded.append(first)
    return folded


_LEVEL_MARK = re.compile(r"[（(](类|款|项)[）)]")


def name_key(name: str | None) -> str:
    """A classification or income name reduced for matching: 一般公共服务（类）支出 ~ 一般公共服务支出."""
    if not name:
        return ""
    key = _LEVEL_MARK.sub("", compact(name))
    return key[:-2] if key.endswith("支出") and len(key) > 2 else key
