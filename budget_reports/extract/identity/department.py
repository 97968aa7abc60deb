"""The department's full name and short form as the running text writes them, when no title names it.

The full name is the most frequent full form in the text (so every report of a department that prints
its name the same way gets the same name); the short form is the one the running text uses
(``市直机关工委下属二级单位…``).
"""

from __future__ import annotations

import re
from collections import Counter

from budget_reports.extract.identity.catalogue import DATE, VERB_BEFORE_NAME
from budget_reports.extract.identity.region import NO_REGION, locate, place_prefix
from budget_reports.extract.identity.title import plausible_name

_PARTY_NAME = re.compile(
    r"(?:中国共产党|中共)[\u4e00-\u9fff]{2,14}?"
    r"(?:工作委员会|委员会组织部|委员会办公室|委员会宣传部|委组织部|委办公室|委宣传部|委统战部|委员会|组织部|办公室|宣传部|统战部)"
)
# A government organ, a street office or town government (…区人民政府…街道办事处), a court or procuratorate.
_GOVERNMENT_NAME = re.compile(
    r"[\u4e00-\u9fff]{2,4}(?:省|市|自治区)(?:[\u4e00-\u9fff]{1,4}(?:市|区|县|州))?(?:人民政府)?"
    r"[\u4e00-\u9fff]{0,10}?(?:街道办事处|乡人民政府|镇人民政府|人民法院|人民检察院|局|委员会|办公室|厅|中心|院|馆)"
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
_GOVERNMENT_BEFORE_OFFICE = re.compile(r"^[省市区县旗]?人民政府(?=.+(?:街道办事处|镇人民政府|乡人民政府)$)")


def most_frequent_name(text: str) -> str | None:
    candidates = Counter(_PARTY_NAME.findall(text))
    if not candidates:
        candidates = Counter(_GOVERNMENT_NAME.findall(text))
    if not candidates:
        return None
    short = _short_candidates(text, None)
    best_short = short.most_common(1)[0][0] if short else ""

    def rank(name: str) -> tuple[int, int, int]:
        return candidates[name], int(abbreviates(best_short, name)), len(name)

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
    if "我" in name or re.match(VERB_BEFORE_NAME, name):
        return False  # 现将我局2024年度部门整体支出绩效…: the words before a pronoun, no name
    return not full or (len(name) < len(full) and abbreviates(name, full))


def short_form(text: str, full: str | None) -> str | None:
    found = _short_candidates(text, full)
    if found:
        return found.most_common(1)[0][0]
    if not full:
        return None
    derived = _strip_place(full)
    # The derived form must stand on its own somewhere (区委组织部共有编制), not only inside the full name.
    # It follows punctuation or a whole date (2023年区委组织部), not a stray digit (普陀2024区财政局).
    standalone = re.search(rf"(?:^|[\n，,。；;：:、）)]|\d年度?){re.escape(derived)}", text.replace(full, ""))
    return derived if derived != full and standalone else None


def _strip_place(name: str) -> str:
    """``中共广元市昭化区委组织部`` -> ``区委组织部``: the last place keeps its 市/区/县 (市委, 区委)."""
    for prefix in _PREFIXES:
        name = name.removeprefix(prefix)
    prefix = place_prefix(name)
    places = [p for p in (locate(prefix) if prefix else NO_REGION) if p]
    for n, place in enumerate(places):
        bare = re.sub(r"(省|市|自治区|区|县)$", "", place)
        last = n == len(places) - 1 or (not name.startswith(place) and not name.startswith(bare))
        for form in (bare,) if last else (place, bare):
            if form and name.startswith(form):
                name = name[len(form) :]
                break
    # …区人民政府元坝街道办事处 -> 元坝街道办事处: a street office is named without the government it belongs to.
    return _GOVERNMENT_BEFORE_OFFICE.sub("", name)


def abbreviates(short: str, name: str) -> bool:
    """A short form takes its characters from the full name (市直机关工委 from …市直属机关工作委员会)."""
    return bool(short) and set(short) <= set(name)


# The closing signature: the reporting unit's name, then the date (泸县教育局 / 2025年3月20日), on lines of
# their own or run together as a PDF's text may join them.
_SIGNER = r"[\u4e00-\u9fff（）()]{3,40}"
_SIGNATURE = re.compile(rf"^(?P<name>{_SIGNER}?)?(?P<date>{DATE})$")
_SIGNATURE_PASSAGES = 6  # how far from the end a letter signs


def signed_name(texts: list[str]) -> str | None:
    """The name a report (a cover letter to the finance bureau) is signed with, from its last passages'
    compact texts: what names the department when no title does (关于2024年度…的报告 / 区财政局：…)."""
    last = len(texts) - 1
    for i in range(last, max(last - _SIGNATURE_PASSAGES, -1), -1):
        signed = _SIGNATURE.match(texts[i])
        if signed is None:
            continue
        name = signed.group("name") or (texts[i - 1] if i > 0 else "")
        return plausible_name(name) if re.fullmatch(_SIGNER, name) else None  # a name alone, no sentence
    return None
