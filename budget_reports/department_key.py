"""One key per department across its reports, whatever way each report prints the name.

A budget report may print ``上海市普陀区城市管理行政执法局`` where the final accounts print
``普陀区城市管理行政执法局``; a party organ may be ``中国共产党…`` or ``中共…``. The key is the
name without its leading place names, spaces and quotation marks (a party committee's organ in its
short form), behind the province, city and
county the identity step located, so two departments of the same name in different places differ.
"""

from __future__ import annotations

import re

from budget_reports.normalize import compact

_QUOTES = re.compile(r"[“”\"‘’'「」『』]")
_PARTY = ("中国共产党", "中共")
_PLACE_SUFFIX = re.compile(r"(?:省|市|自治区|自治州|地区|盟|区|县|旗)$")
# A party committee's organs, written in full or short (中国共产党X市委员会组织部 / 中共X市委组织部).
_PARTY_ORGANS = re.compile(r"委员会(?=组织部|宣传部|统战部|办公室|政法委员会|机构编制委员会办公室)")


def department_key(department: str | None, province: str | None, city: str | None, county: str | None) -> str | None:
    """``上海市|上海市|普陀区|城市管理行政执法局``; None when the department is unknown."""
    if not department:
        return None
    name = _QUOTES.sub("", compact(department))
    party = name.startswith(_PARTY)
    for prefix in _PARTY:
        name = name.removeprefix(prefix)
    name = _without_places(name, [p for p in (province, city, county) if p])
    if party:
        name = _PARTY_ORGANS.sub("委", name)
    bare = ("中共" if party else "") + name
    return "|".join([province or "", city or "", county or "", bare])


def _without_places(name: str, places: list[str]) -> str:
    """The name with every leading place name (full ``普陀区`` or bare ``普陀``) taken off."""
    forms = sorted({f for p in places for f in (p, _PLACE_SUFFIX.sub("", p)) if f}, key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        for form in forms:
            # Keep a name that is only a place plus a one-character organ (区委 must stay 区委).
            if name.startswith(form) and len(name) - len(form) >= 2:
                name = name[len(form) :]
                changed = True
                break  # the longest forms first again (普陀区 before 普陀)
    return name
