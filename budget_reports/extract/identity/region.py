"""The region chain (province / city / county) of a department, from cpca's administrative-division table.

A name is located by the places it starts with (``成都市武侯区``人民政府玉林街道办事处), never by a place
word inside the unit's own name (玉林街道 is not 玉林市).
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from functools import cache

from budget_reports.extract.identity.catalogue import ORGANIZATION_PREFIXES, PLACE_SUFFIXES

Region = tuple[str | None, str | None, str | None]
NO_REGION: Region = (None, None, None)
_MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")
# cpca's names for a province's groups of counties, not places of their own.
_GENERIC_CITIES = ("市辖区", "县", "省直辖县级行政区划")
_GENERIC_COUNTIES = ("市辖区", "城区", "矿区", "郊区")
_PLACES = re.compile(rf"^(?:[\u4e00-\u9fff]{{1,8}}?{PLACE_SUFFIXES})+")


def place_prefix(name: str) -> str:
    """``中共广元市昭化区委组织部`` -> ``广元市昭化区``: the places a name starts with ('' if none)."""
    for prefix in sorted(ORGANIZATION_PREFIXES, key=len, reverse=True):
        if name.startswith(prefix):
            name = name[len(prefix) :]
            break
    match = _PLACES.match(name)
    return match.group() if match else ""


def region_of_name(name: str) -> Region:
    prefix = place_prefix(name)
    return locate(prefix) if prefix else NO_REGION


def region(department: str | None, title: list[str], texts: list[str]) -> Region:
    """The department's region; a county printed alone (普陀区…) takes its chain from a title line that names
    it in full (上海市普陀区2026年区级部门预算); with no place in the name, the title, then the text."""
    own = region_of_name(department) if department else NO_REGION
    for line in title:
        chain = region_of_name(line)
        if own[0] is None and chain[0]:
            return chain
        if own[2] and chain[2] == own[2] and len(place_prefix(line)) > len(place_prefix(department or "")):
            return chain
    if own[0]:
        return own
    for text in texts:
        chain = locate(text)
        # A county whose name several cities share takes the place of a text naming it in full only.
        if chain[0] and (own[2] is None or chain[2] == own[2]):
            return chain
    return own


@cache
def locate(text: str) -> Region:
    cpca = _cpca()
    # cpca's own one-address reader (pinned 0.5.5): transform() would import pandas for a one-row frame.
    reader = getattr(cpca, "_get_one_addr", None)
    row = reader(text, False, {}) if reader else cpca.transform([text]).iloc[0].to_dict()
    province, city, county = (_clean(row.get(col)) for col in ("省", "市", "区"))
    if city in _GENERIC_CITIES and county is None and province and province[:2] not in text:
        # Only the generic word matched: 县委宣传部 / 某某县 are no place of 重庆市 (its counties' "县").
        return NO_REGION
    if county in _shared_county_names() and not _named_above(text, province, city):
        # 鼓楼区 alone is in 南京, 福州, 徐州 and 开封: cpca would pick the first; the county stays, its place
        # is not guessed (城区 / 矿区 / 郊区 alone are words, not places).
        return NO_REGION if county in _GENERIC_COUNTIES else (None, None, county)
    if city in _GENERIC_CITIES:
        city = province if city == "市辖区" else None  # a municipality's districts belong to the city itself
    if city is None and province in _MUNICIPALITIES:
        city = province  # a municipality's own departments are the city's too (上海市红十字会)
    return province, city, county


def _named_above(text: str, province: str | None, city: str | None) -> bool:
    """Whether the text names the province or the city the county was put in (上海市普陀区, 舟山普陀区)."""
    return any(place and _short(place) in text for place in (province, city) if place not in _GENERIC_CITIES)


def _short(place: str) -> str:
    return place[:2] if len(place) > 2 else place


@cache
def _shared_county_names() -> frozenset[str]:
    """County-level names that several cities have (朝阳区, 鼓楼区, 普陀区, 江北区 …)."""
    counts = Counter(info.name for info in _cpca().ad_2_addr_dict.values() if info.rank == info.RANK_COUNTY)
    return frozenset(name for name, n in counts.items() if n > 1)


def _clean(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


@cache
def _cpca():  # imported on first use: loading the division table takes a moment
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # cpca loads its data through the deprecated pkg_resources
        import cpca

    return cpca
