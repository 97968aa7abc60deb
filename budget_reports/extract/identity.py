"""Who reports, for which year, what kind of report: the ``reports`` row's descriptive columns.

- ``report_kind`` and ``fiscal_year`` from the title or part headings (``第二部分 2021年度部门决算情况说明``,
  ``市直机关工委2021年度部门整体支出绩效自评报告``);
- ``department``: the full name as printed (``中国共产党泸州市直属机关工作委员会``), the most frequent
  full form in the text, so every report of a department that prints its name the same way gets
  the same name; ``department_short``: the form the running text uses (``市直机关工委``);
- ``province`` / ``city`` / ``county`` from the name (``泸州`` -> 四川省 泸州市), else from the text,
  with cpca's administrative-division table;
- ``money_unit``: 元 when the report labels its amounts so, else 万元.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from functools import cache

from budget_reports.extract.prose.sentences import Passage, passages
from budget_reports.facts import ExtractedReport
from budget_reports.model import Document

# What a budget title runs on into when nothing ends it: the end, the 主管部门 line, a sentence or
# table title (``…部门预算预算主管部门：…``, ``…部门预算2026年收入预算…``, ``…部门预算表1部门收支总表``).
_AFTER_BUDGET_TITLE = r"$|(?:预算)?主管部门|编制(?:单位|部门)|20\d\d年|(?:附)?表\d|目录"
_KINDS = (
    ("部门整体支出绩效自评", re.compile(r"部门整体支出绩效(?:自评|评价)(?:报告)?$|部门整体支出绩效自评报告")),
    ("项目支出绩效自评", re.compile(r"项目(?:支出)?绩效自评报告$")),
    ("单位决算", re.compile(r"单位决算(?:情况说明|公开)?$|单位决算情况说明")),
    ("部门决算", re.compile(r"部门决算(?:情况说明|公开)?$|部门决算情况说明|部门决算情况$")),
    # Budget reports: ``上海市普陀区2026年区级部门预算``, ``XX局2026年部门预算公开``, ``2026年单位预算``.
    ("单位预算", re.compile(rf"单位预算(?:公开|编制说明|情况说明)?(?={_AFTER_BUDGET_TITLE})")),
    ("部门预算", re.compile(rf"部门预算(?:公开|编制说明|情况说明)?(?={_AFTER_BUDGET_TITLE})")),
)
_YEAR = re.compile(r"(20\d\d)年度?")
_PARTY_NAME = re.compile(
    r"(?:中国共产党|中共)[\u4e00-\u9fff]{2,14}?"
    r"(?:工作委员会|委员会组织部|委员会办公室|委员会宣传部|委组织部|委办公室|委宣传部|委统战部|委员会|组织部|办公室|宣传部|统战部)"
)
_GOVERNMENT_NAME = re.compile(
    r"[\u4e00-\u9fff]{2,4}(?:省|市|自治区)(?:[\u4e00-\u9fff]{1,4}(?:市|区|县|州))?"
    r"[\u4e00-\u9fff]{1,10}?(?:局|委员会|办公室|厅|中心|院|馆)"
)
# A short form starts after punctuation or after a whole date (``2021年``, ``2024年度``): never inside
# one, or ``上海市XX局2024年度无机关运行经费支出`` would make ``年度无`` a department.
_SHORT_CONTEXT = re.compile(
    r"(?:^|[\n，,。；;：:、）)]|\d年度|\d年(?!度))(?P<s>[\u4e00-\u9fff]{2,10}?)"
    r"(?:下属二级|机关运行经费|政府采购支出总额|共有车辆|20\d\d年度?部门整体支出绩效)"
)
# A short form names an organ: it ends like one (工委, 组织部, 办公室, 财政局 ...).
_ORGAN_END = re.compile(r"[委部局办室会院厅所站馆处队团社校司]$|中心$")
_PRONOUNS = {"本部门", "本单位", "我部", "我单位", "我局", "我委", "我会", "部门", "单位"}
_PREFIXES = ("中国共产党", "中共")
_YUAN_LABEL = re.compile(r"(?:金额)?单位[：:]\s*元(?!\w)")


def extract(document: Document, result: ExtractedReport) -> None:
    info = result.report
    prose = passages(document)
    kind, year = _kind_and_year(prose)
    info.report_kind = info.report_kind or kind
    info.fiscal_year = info.fiscal_year or year or _most_common_year(prose)
    full_text = "\n".join(p.text for p in prose)
    department = _department(full_text)
    short = _short_form(full_text, department)
    info.department = info.department or department or short
    info.department_short = info.department_short or short
    province, city, county = _region(info.department, [p.text for p in prose[:40]])
    info.province = info.province or province
    info.city = info.city or city
    info.county = info.county or county
    if info.report_kind == "单位决算" and info.unit_label is None:
        info.unit_label = info.department
    if info.money_unit is None:
        all_text = "\n".join(b.text for b in document.blocks)
        info.money_unit = "元" if _YUAN_LABEL.search(all_text) else "万元"


def _kind_and_year(prose: list[Passage]) -> tuple[str | None, int | None]:
    # The title (first lines) or a part heading names the report; the first that matches wins.
    heads = [p.text for p in prose[:6]] + [p.text for p in prose if p.heading and "部分" in p.text]
    for text in heads:
        for kind, pattern in _KINDS:
            if pattern.search(text):
                year = _YEAR.search(text)
                return kind, int(year.group(1)) if year else None
    return None, None


def _most_common_year(prose: list[Passage]) -> int | None:
    years = Counter(int(y) for p in prose for y in re.findall(r"(20\d\d)年度", p.text))
    return years.most_common(1)[0][0] if years else None


def _department(text: str) -> str | None:
    candidates = Counter(_PARTY_NAME.findall(text))
    if not candidates:
        candidates = Counter(_GOVERNMENT_NAME.findall(text))
    if not candidates:
        return None
    short = _short_candidates(text, None)
    best_short = short.most_common(1)[0][0] if short else ""

    def rank(name: str) -> tuple[int, int, int]:
        return candidates[name], int(_abbreviates(best_short, name)), len(name)

    return max(candidates, key=rank)


def _short_candidates(text: str, full: str | None) -> Counter[str]:
    found = Counter(m.group("s") for m in _SHORT_CONTEXT.finditer(text))
    for name in list(found):
        if not _plausible_short(name, full):
            del found[name]
    return found


def _plausible_short(name: str, full: str | None) -> bool:
    if name in _PRONOUNS or name == full or not _ORGAN_END.search(name) or name.startswith(("年", "度")):
        return False
    return not full or (len(name) < len(full) and _abbreviates(name, full))


def _short_form(text: str, full: str | None) -> str | None:
    found = _short_candidates(text, full)
    if found:
        return found.most_common(1)[0][0]
    if not full:
        return None
    derived = _strip_place(full)
    # The derived form must stand on its own somewhere (区委组织部共有编制), not only inside the full name.
    standalone = re.search(rf"(?:^|[\n，,。；;：:、）)\d年]){re.escape(derived)}", text.replace(full, ""))
    return derived if derived != full and standalone else None


def _strip_place(name: str) -> str:
    """``中共广元市昭化区委组织部`` -> ``区委组织部``: the last place keeps its 市/区/县 (市委, 区委)."""
    for prefix in _PREFIXES:
        name = name.removeprefix(prefix)
    places = [p for p in _region(name, []) if p]
    for n, place in enumerate(places):
        bare = re.sub(r"(省|市|自治区|区|县)$", "", place)
        last = n == len(places) - 1 or (not name.startswith(place) and not name.startswith(bare))
        for form in (bare,) if last else (place, bare):
            if form and name.startswith(form):
                name = name[len(form) :]
                break
    return name


def _abbreviates(short: str, name: str) -> bool:
    """A short form takes its characters from the full name (市直机关工委 from …市直属机关工作委员会)."""
    return bool(short) and set(short) <= set(name)


def _region(name: str | None, texts: list[str]) -> tuple[str | None, str | None, str | None]:
    for text in ([name] if name else []) + texts:
        province, city, county = _locate(text)
        if province:
            return province, city, county
    return None, None, None


@cache
def _locate(text: str) -> tuple[str | None, str | None, str | None]:
    cpca = _cpca()
    # cpca's own one-address reader (pinned 0.5.5): transform() would import pandas for a one-row frame.
    reader = getattr(cpca, "_get_one_addr", None)
    row = reader(text, False, {}) if reader else cpca.transform([text]).iloc[0].to_dict()
    province, city, county = (_clean(row.get(col)) for col in ("省", "市", "区"))
    if city in ("市辖区", "县", "省直辖县级行政区划"):
        city = province if city == "市辖区" else None  # a municipality's districts belong to the city itself
    return province, city, county


def _clean(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


@cache
def _cpca():  # imported on first use: loading the division table takes a moment
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # cpca loads its data through the deprecated pkg_resources
        import cpca

    return cpca
