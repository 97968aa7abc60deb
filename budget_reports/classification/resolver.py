"""Resolve a classification line as a report writes it to its code, in the edition of the report's year.

Two inputs are handled:

- a name path written in prose, each piece followed by its level marker:
  ``一般公共服务支出（类）党委办公厅（室）及相关机构事务（款）行政运行（项）``, with short forms
  (``一般公共服务（类）``, ``住房改革（款）``), earlier names (``医疗卫生与计划生育（类）``) and,
  sometimes, code digits in the markers (``社会保障和就业支出（208类）``);
- a code printed by a table (``2080505``, or its parts ``208 05 05``) with the name as printed,
  possibly truncated or wrapped by the PDF table.

A name is matched to an official name (or an alias) exactly; shortened (the suffix 支出 or 事务
omitted, a bracketed part such as （室） left out); as a truncated prefix; or, last, as a near miss
(an obvious typo or two characters transposed, scored by rapidfuzz), which resolves the line and
is reported. A 项 name shared by many 款 (行政运行) is looked up under the 款 the path gives.
Nothing is guessed: when no single code fits, the code stays None and the reason (with the
candidates, when there are several) is returned as an ``Issue``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from rapidfuzz import fuzz

from budget_reports.classification.reference import (
    FUNCTION,
    SCHEME_LABELS,
    Edition,
    Entry,
    edition,
    nearest_edition_year,
)
from budget_reports.normalize import compact
from budget_reports.numbering import (
    CHINESE_BRACKET,
    CHINESE_COMMA,
    DIGIT_BRACKET,
    DIGIT_COMMA,
    DIGIT_DOT,
    DIGIT_HALF_BRACKET,
    Enumerators,
)

LEVELS = ("类", "款", "项")
CODE_LENGTH = {"类": 3, "款": 5, "项": 7}
LEVEL_OF_LENGTH = {3: "类", 5: "款", 7: "项"}
# A truncated name must keep at least this many characters to be matched as a prefix.
MIN_PREFIX_CHARS = 4
# A near miss: similarity (rapidfuzz ratio, 0–100) of the shortened forms (one wrong character in six
# scores 83, two in nine 78), for names long enough that
# one wrong character still leaves the name recognisable; shorter names match only by transposition.
NEAR_MISS_SCORE = 80.0
NEAR_MISS_MIN_CHARS = 6
TRANSPOSITION_MIN_CHARS = 4


class IssueKind(StrEnum):
    UNRESOLVED = "unresolved"  # no code (or more than one) fits a name
    CODE_UNKNOWN = "code_unknown"  # the printed code is not in the edition
    WRONG_PARENT = "wrong_parent"  # the code (or name) belongs under another parent than the one given
    NAME_MISMATCH = "name_mismatch"  # the printed name is not the code's name in the edition
    OUTDATED_NAME = "outdated_name"  # the name is the code's name in another edition only
    NEAR_MISS = "near_miss"  # the name is the code's name with a typo or characters transposed
    OTHER_CODES_NAME = "other_codes_name"  # the name printed beside a code is another code's name


@dataclass(frozen=True, slots=True)
class Issue:
    kind: IssueKind
    subject: str  # the piece of name or the code concerned
    expected: str | None = None
    actual: str | None = None
    detail: str = ""  # Chinese explanation


@dataclass(frozen=True, slots=True)
class Resolution:
    edition_year: int
    code: str | None = None
    chain: dict[str, Entry] = field(default_factory=dict)  # level -> resolved entry (类, 款, 项)
    issues: tuple[Issue, ...] = ()

    @property
    def resolved(self) -> bool:
        return self.code is not None

    def entry(self, level: str) -> Entry | None:
        return self.chain.get(level)


@dataclass(frozen=True, slots=True)
class Piece:
    level: str
    name: str
    code_hint: str | None = None  # digits written in the marker, e.g. 208 in （208类）


# ---------------------------------------------------------------- text forms

_MARKER = re.compile(r"\((\d*)\s*(类|款|项)\)")
# A name as written may carry the numbering of every level above it (``一、1.行政运行``): all of it goes.
# Names are compared compacted, so the half-width forms are the ones met here.
NUMBERING = Enumerators(
    DIGIT_DOT, DIGIT_COMMA, DIGIT_HALF_BRACKET, CHINESE_COMMA, DIGIT_BRACKET, CHINESE_BRACKET, repeated=True
)
_QUOTES = re.compile(r"[\"'“”‘’「」]")


@lru_cache(maxsize=65536)  # names repeat: every lookup compares with the same few thousand official names
def name_key(name: str) -> str:
    """The form names are compared in: full-width folded, no spaces, no quotes, no numbering."""
    key = _QUOTES.sub("", compact(name))
    return NUMBERING.without(key)


def _without_suffix(key: str) -> str:
    return key[:-2] if key.endswith("支出") and len(key) > 2 else key


_BRACKETED = re.compile(r"\([^)]*\)")
_GENERIC_SUFFIXES = ("支出", "事务")


@lru_cache(maxsize=65536)
def short_form(key: str) -> str:
    """A name as reports shorten it: bracketed parts and the generic suffixes 支出 / 事务 left out."""
    form = _BRACKETED.sub("", key)
    changed = True
    while changed:
        changed = False
        for suffix in _GENERIC_SUFFIXES:
            if form.endswith(suffix) and len(form) > len(suffix) + 1:
                form, changed = form[: -len(suffix)], True
    return form


@lru_cache(maxsize=65536)
def _unbracketed(key: str) -> str:
    return _BRACKETED.sub("", key)


def _transposed(written: str, official: str) -> bool:
    return (
        len(written) == len(official) >= TRANSPOSITION_MIN_CHARS
        and written != official
        and sorted(written) == sorted(official)
    )


def near_miss_score(written_key: str, official_key: str) -> float:
    """How close a written name is to an official one (0 when it is not a plausible slip of the pen)."""
    written, official = short_form(written_key), short_form(official_key)
    if _transposed(_unbracketed(written_key), _unbracketed(official_key)) or _transposed(written, official):
        return 95.0  # the same characters in another order: 其他城乡公共社区设施 for 其他城乡社区公共设施
    if min(len(written), len(official)) < NEAR_MISS_MIN_CHARS:
        return 0.0
    return fuzz.ratio(written, official, score_cutoff=NEAR_MISS_SCORE)


def split_path(name_as_written: str, level: str) -> list[Piece]:
    """Pieces of a name path; a name without level markers is one piece at ``level``."""
    text = NUMBERING.without(compact(name_as_written))
    pieces: list[Piece] = []
    start = 0
    for match in _MARKER.finditer(text):
        piece = text[start : match.start()]
        pieces.append(Piece(match.group(2), piece, match.group(1) or None))
        start = match.end()
    tail = text[start:]
    if not pieces:
        return [Piece(level, tail)] if tail else []
    if tail == "支出":  # 一般公共服务（类）支出: the suffix written after the marker
        last = pieces[-1]
        pieces[-1] = Piece(last.level, last.name + tail, last.code_hint)
    return [p for p in pieces if p.name or p.code_hint]


def normalize_code(code: str | None) -> str | None:
    """``208 05 05`` / ``2080505`` -> ``2080505``; None when there are no digits."""
    if code is None:
        return None
    digits = re.sub(r"\D", "", compact(code))
    return digits or None


# ---------------------------------------------------------------- name matching


class Match(StrEnum):
    EXACT = "exact"  # the official name, or it without the suffix 支出
    SHORTENED = "shortened"  # without 支出 / 事务 or a bracketed part (政府办公厅及相关机构事务)
    TRUNCATED = "truncated"  # a prefix of the official name (a cut table cell)
    ALIAS = "alias"  # a name the code has in another edition, or a documented variant
    NEAR_MISS = "near_miss"  # a typo or a transposition of the official name


# Best first: a name matching one entry exactly and another by a near miss is the exact one's.
MATCH_ORDER = (Match.EXACT, Match.SHORTENED, Match.TRUNCATED, Match.ALIAS, Match.NEAR_MISS)
SAME_NAME = (Match.EXACT, Match.SHORTENED, Match.TRUNCATED)


def _matches_name(key: str, official: str) -> Match | None:
    if key == official or _without_suffix(key) == _without_suffix(official):
        return Match.EXACT
    if short_form(key) == short_form(official) and short_form(key):
        return Match.SHORTENED
    if len(key) >= MIN_PREFIX_CHARS and official.startswith(key):
        return Match.TRUNCATED
    return None


def _plain_match(key: str, entry: Entry) -> Match | None:
    """Every kind of match but a near miss (cheap, and enough for almost every line)."""
    kind = _matches_name(key, name_key(entry.name))
    if kind is not None:
        return kind
    if any(_matches_name(key, name_key(alias)) for alias in entry.aliases):
        return Match.ALIAS
    return None


def match_kind(written: str, entry: Entry) -> Match | None:
    """How ``written`` matches ``entry``'s name, if it does."""
    key = name_key(written)
    if not key:
        return None
    kind = _plain_match(key, entry)
    if kind is None and near_miss_score(key, name_key(entry.name)):
        return Match.NEAR_MISS
    return kind


def find_by_name(written: str, candidates: list[Entry]) -> list[Entry]:
    """Candidates the name fits, best kind of match only (an exact match beats a prefix, an alias or a
    near miss; among near misses, the closest ones). Near misses are scored only when nothing else fits."""
    key = name_key(written)
    if not key:
        return []
    by_kind: dict[Match, list[Entry]] = {}
    for entry in candidates:
        kind = _plain_match(key, entry)
        if kind is not None:
            by_kind.setdefault(kind, []).append(entry)
    for kind in MATCH_ORDER:
        if kind in by_kind:
            return by_kind[kind]
    scores = {e.code: near_miss_score(key, name_key(e.name)) for e in candidates}
    best = max(scores.values(), default=0.0)
    return [e for e in candidates if best and scores[e.code] == best]


# ---------------------------------------------------------------- resolution


def resolve(
    name_as_written: str,
    level: str,
    fiscal_year: int | None,
    code: str | None = None,
    context: Resolution | None = None,
    scheme: str = FUNCTION,
) -> Resolution:
    """Resolve one line. ``context`` is the previous line's resolution (prose lists give the 类 once)."""
    ed = edition(scheme, nearest_edition_year(scheme, fiscal_year))
    pieces = split_path(name_as_written, level)
    printed = normalize_code(code) or _code_from_hints(pieces)
    if printed:
        return _resolve_code(ed, printed, pieces, level)
    return _resolve_path(ed, pieces, level, context)


def _code_from_hints(pieces: list[Piece]) -> str | None:
    hints = [p.code_hint for p in pieces]
    if not pieces or any(h is None for h in hints):
        return None
    code = "".join(h for h in hints if h)
    return code if len(code) == CODE_LENGTH[pieces[-1].level] else None


def _chain_of(ed: Edition, code: str) -> dict[str, Entry]:
    chain: dict[str, Entry] = {}
    for length, lvl in LEVEL_OF_LENGTH.items():
        entry = ed.get(code[:length]) if len(code) >= length else None
        if entry is not None:
            chain[lvl] = entry
    return chain


def _resolve_code(ed: Edition, code: str, pieces: list[Piece], level: str) -> Resolution:
    """A printed code: look it up, fill its parents, check the printed name(s) against the edition."""
    entry = ed.get(code)
    if entry is None:
        issue = Issue(
            IssueKind.CODE_UNKNOWN,
            subject=code,
            actual=code,
            detail=f"编码 {code} 不在 {ed.year} 年版{scheme_label(ed.scheme)}科目中",
        )
        chain = _chain_of(ed, code)
        return Resolution(ed.year, code=code, chain=chain, issues=(issue,))
    chain = _chain_of(ed, code)
    issues: list[Issue] = []
    if entry.level != level:
        issues.append(
            Issue(
                IssueKind.WRONG_PARENT,
                subject=code,
                expected=entry.level,
                actual=level,
                detail=f"编码 {code} 是{entry.level}级科目，报告列为{level}",
            )
        )
    for piece in pieces:
        target = chain.get(piece.level)
        if target is None or not piece.name:
            continue
        issue = _name_issue(piece.name, target, ed)
        if issue is not None:
            issues.append(issue)
    return Resolution(ed.year, code=code, chain=chain, issues=tuple(issues))


def _name_issue(written: str, entry: Entry, ed: Edition) -> Issue | None:
    kind = match_kind(written, entry)
    if kind in SAME_NAME:
        return None
    # Another code's own name beats a near miss: 高等职业教育 beside 2050302 (中等职业教育) is 2050305's name.
    other = _other_codes_name(written, entry, ed)
    if other is not None:
        return other
    if kind is Match.NEAR_MISS:
        detail = f"“{written}”与 {ed.year} 年版科目 {entry.code}“{entry.name}”不一致（疑为笔误或字序颠倒）"
        return _name_differs(IssueKind.NEAR_MISS, entry, written, detail)
    if kind is Match.ALIAS:
        detail = f"“{written}”不是 {ed.year} 年版科目 {entry.code} 的名称（应为“{entry.name}”）"
        return _name_differs(IssueKind.OUTDATED_NAME, entry, written, detail)
    detail = f"科目 {entry.code} 在 {ed.year} 年版中名为“{entry.name}”，报告写作“{written}”"
    return _name_differs(IssueKind.NAME_MISMATCH, entry, written, detail)


def _name_differs(kind: IssueKind, entry: Entry, written: str, detail: str) -> Issue:
    """An issue about the name written for ``entry``: its official name expected, the written one actual."""
    return Issue(kind, subject=entry.code, expected=entry.name, actual=written, detail=detail)


def _other_codes_name(written: str, entry: Entry, ed: Edition) -> Issue | None:
    owners = [e for e in find_by_name(written, ed.children(None, entry.level)) if e.code != entry.code]
    if len(owners) != 1 or match_kind(written, owners[0]) not in (*SAME_NAME, Match.ALIAS):
        return None
    owner = owners[0].code
    detail = f"编码 {entry.code} 旁写的“{written}”是 {ed.year} 年版科目 {owner} 的名称；{entry.code} 应为“{entry.name}”"
    return _name_differs(IssueKind.OTHER_CODES_NAME, entry, written, detail)


def _resolve_path(ed: Edition, pieces: list[Piece], level: str, context: Resolution | None) -> Resolution:
    """Names only: resolve each piece under the one above it."""
    if not pieces:
        issue = Issue(IssueKind.UNRESOLVED, subject="", detail="没有科目名称")
        return Resolution(ed.year, issues=(issue,))
    chain: dict[str, Entry] = {}
    issues: list[Issue] = []
    first_level = pieces[0].level
    # A path that starts below 类 (a list continuing the previous line) inherits that line's parents.
    if context is not None and first_level != "类":
        for lvl in LEVELS[: LEVELS.index(first_level)]:
            inherited = context.entry(lvl)
            if inherited is not None:
                chain[lvl] = inherited
    for piece in pieces:
        parent = _parent_in_chain(chain, piece.level)
        entry, issue = _resolve_piece(ed, piece, parent, explicit_parent=_has_written_parent(pieces, piece))
        if issue is not None:
            issues.append(issue)
        if entry is None:
            break
        chain[piece.level] = entry
        differs = _name_issue(piece.name, entry, ed)
        if differs is not None and differs.kind in (IssueKind.OUTDATED_NAME, IssueKind.NEAR_MISS):
            issues.append(differs)
        # Drop inherited entries below this one (a new 款 invalidates the previous line's 项).
        for lower in LEVELS[LEVELS.index(piece.level) + 1 :]:
            chain.pop(lower, None)
    target = chain.get(level)
    blocking = [i for i in issues if i.kind in (IssueKind.UNRESOLVED, IssueKind.WRONG_PARENT)]
    if target is None or blocking:
        if not blocking:
            issues.append(
                Issue(
                    IssueKind.UNRESOLVED,
                    subject=pieces[-1].name,
                    detail=f"未写出{level}级科目名称",
                )
            )
        kept = {lvl: e for lvl, e in chain.items() if LEVELS.index(lvl) < LEVELS.index(level)}
        return Resolution(ed.year, code=None, chain=kept, issues=tuple(issues))
    return Resolution(ed.year, code=target.code, chain=_chain_of(ed, target.code), issues=tuple(issues))


def _has_written_parent(pieces: list[Piece], piece: Piece) -> bool:
    return any(LEVELS.index(p.level) < LEVELS.index(piece.level) for p in pieces[: pieces.index(piece)])


def _parent_in_chain(chain: dict[str, Entry], level: str) -> Entry | None:
    for lvl in reversed(LEVELS[: LEVELS.index(level)]):
        if lvl in chain:
            return chain[lvl]
    return None


def _resolve_piece(
    ed: Edition, piece: Piece, parent: Entry | None, explicit_parent: bool
) -> tuple[Entry | None, Issue | None]:
    level_entries = ed.children(None, piece.level)
    under = find_by_name(piece.name, [e for e in level_entries if e.code.startswith(parent.code)]) if parent else []
    near_under = bool(under) and match_kind(piece.name, under[0]) is Match.NEAR_MISS
    if under and not near_under:
        return (under[0], None) if len(under) == 1 else (None, _ambiguous(piece, under))
    anywhere = find_by_name(piece.name, level_entries)
    if parent is not None and explicit_parent and len(anywhere) == 1 and _belongs_elsewhere(ed, piece, anywhere[0]):
        other = anywhere[0]
        expected_parent = other.code[: len(parent.code)]
        return None, Issue(
            IssueKind.WRONG_PARENT,
            subject=piece.name,
            expected=expected_parent,
            actual=parent.code,
            detail=f"“{piece.name}”（{other.code}）不属于“{parent.name}”（{parent.code}），应属于 {expected_parent}",
        )
    if under:  # only near misses under the written parent
        return (under[0], None) if len(under) == 1 else (None, _ambiguous(piece, under))
    if parent is not None and explicit_parent and len(anywhere) == 1:
        # Found elsewhere, but not proof the written parent is wrong: the reference may lack it there.
        other = anywhere[0]
        return None, Issue(
            IssueKind.UNRESOLVED,
            subject=piece.name,
            detail=f"{ed.year} 年版科目“{parent.name}”（{parent.code}）下没有名为“{piece.name}”的{piece.level}级科目；"
            f"参考科目表中只有 {other.code}（属于 {other.parent_code}）有此名称",
        )
    if len(anywhere) == 1:
        return anywhere[0], None
    if len(anywhere) > 1:
        return None, _ambiguous(piece, anywhere)
    where = f"“{parent.name}”下" if parent is not None else ""
    return None, Issue(
        IssueKind.UNRESOLVED,
        subject=piece.name,
        detail=f"{ed.year} 年版科目{where}没有名为“{piece.name}”的{piece.level}级科目",
    )


def _belongs_elsewhere(ed: Edition, piece: Piece, other: Entry) -> bool:
    """Whether a name found only under another parent proves the written parent wrong. 项 lists are
    the least complete part of the reference, so for a 项 it takes its own name (shortened or cut, not
    an alias or a near miss) that also names its 款: 其他税收事务支出 is 税收事务's, wherever written,
    while 专项业务 may be a 项 the reference lacks under the 款 the report gives."""
    kind = match_kind(piece.name, other)
    if piece.level != "项":
        return kind is not Match.NEAR_MISS
    own_kuan = ed.get(other.parent_code)
    names_kuan = own_kuan is not None and short_form(name_key(own_kuan.name)) in name_key(piece.name)
    return kind in SAME_NAME and names_kuan


def _ambiguous(piece: Piece, found: list[Entry]) -> Issue:
    codes = "、".join(f"{e.code} {e.name}" for e in sorted(found, key=lambda e: e.code)[:6])
    return Issue(
        IssueKind.UNRESOLVED,
        subject=piece.name,
        detail=f"“{piece.name}”可对应多个{piece.level}级科目（{codes}），未写明上级科目，无法确定",
    )


def scheme_label(scheme: str) -> str:
    return SCHEME_LABELS[scheme]
