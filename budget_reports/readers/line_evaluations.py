"""Self-evaluation tables (绩效自评表) in text extracted from a PDF: the project and its money by source.

Extractors write such a table's header block as loose lines: labels broken inside their narrow
cells (``专项`` / ``（项`` / ``目）`` / ``名称``), two cells' fragments interleaved on one baseline
(``主管部 实施单`` / ``<name> <name>`` / ``门 位``), a value printed between its label's pieces
(-layout), then one line per fund source with its figures (``本级财政资金 30 26.23 87%``).

The block is read by its labels (``evaluation_labels``): fragments are pieced together into the
labels they start, a value goes to the label whose cell it stands in (the i-th value of a line to
the i-th label still open), and the money columns are the column labels in the order they are
printed -- by position in -layout text, by reading order where no two labels were printed
interleaved. Where that order is unknown every order is tried. A fund line's figures are placed
in the columns when the labels leave one placement; else the table's arithmetic (执行率 = 执行数 /
预算数 as printed, 得分 <= 分值) must leave one, the same order for every line; a figure still not
pinned down is left out and reported (``AmbiguousCell``), never guessed.

The table is handed on as a grid in the shape the grid readers give (``项目名称 | name``, a header
row of money columns, one row per fund line), so ``extract.performance`` reads it like any other.
Only the header block is rebuilt: the goals and indicator lines stay text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations, permutations

from budget_reports.extract.performance import cells
from budget_reports.extract.performance.declared_targets import is_title as is_target_form
from budget_reports.extract.performance.department_wide import is_scoring
from budget_reports.extract.performance.projects import fund_column
from budget_reports.extract.performance.segment import PerfTable, is_title
from budget_reports.model import AmbiguousCell, Block, BlockKind, Cell, Table
from budget_reports.normalize import compact, printed_step
from budget_reports.readers import evaluation_labels as labels
from budget_reports.readers.linear_tables import LinearTable, SourceLine

# Lines from the title to the first fund line (project, departments, the money columns' header).
_HEAD_MAX_LINES = 40
# A title and labels at most this long, then the next page's title: the page cut the table's header.
_CUT_MAX_LINES = 16
_SECTION_WORDS = ("目标", "指标")
# Lines from the money block to the table's total score line (its indicators between).
_SCORE_MAX_LINES = 1000
# A total score is out of 100 (得分 <= 分值 <= 100).
_FULL_MARKS = 100
# Lines (blank ones included) a total's cells may take under its label, one cell per line.
_TOTAL_CELLS_MAX_LINES = 6
_MONEY_ROLES = frozenset({"budget_initial", "budget_final", "executed", "execution_rate_declared"})
_ROLES = _MONEY_ROLES | {"weight", "score"}
# A piece of a wrapped frame label (``（万``, ``元）``, ``总``) printed between fund lines.
_FRAGMENT_MAX_CHARS = 4
_TOKEN = re.compile(r"\S+")
_DIGIT = re.compile(r"\d")
_PERCENT_SIGN = ("%", "％")
_UNITS = frozenset({"万元", "元"})
# More columns than this are not tried in every order (6! = 720 orders).
_MAX_UNORDERED_COLUMNS = 6
_LABELS = labels.all_labels()
_VALUE_KINDS = (labels.NAME, labels.DEPARTMENT, labels.OTHER)
_ANY = tuple(_LABELS)
_COLUMNS = tuple(label for label, kind in _LABELS.items() if kind == labels.COLUMN)
_VALUES = tuple(label for label, kind in _LABELS.items() if kind in _VALUE_KINDS)
_FRAMES = tuple(label for label, kind in _LABELS.items() if kind == labels.FRAME)

Placement = tuple[int, ...]  # the column index of each figure of a fund line, in print order


@dataclass(slots=True)
class _Token:
    line: SourceLine
    x: int  # where it starts on its line (a position only in laid-out text)
    text: str
    key: str
    place: tuple[int, int] = (0, 0)  # (line of the block, index on that line)


@dataclass(slots=True)
class _Label:
    """A label being pieced together from its fragments, and the value printed in its cell."""

    key: str
    x: int
    pieces: list[tuple[int, int]] = field(default_factory=list)
    value: list[_Token] = field(default_factory=list)

    @property
    def kind(self) -> str | None:
        return _LABELS.get(self.key)

    def takes(self, fragment: str) -> bool:
        joined = self.key + fragment
        return any(label.startswith(joined) for label in _ANY)


@dataclass(slots=True)
class _Header:
    """What the header block gives: labelled values and the money columns, in print order."""

    values: dict[str, list[_Token]] = field(default_factory=dict)
    columns: list[_Label] = field(default_factory=list)
    interleaved: bool = False  # two column labels were printed piece by piece on the same lines


@dataclass(slots=True)
class _FundLine:
    index: int  # of its last line in the text's lines
    line: SourceLine
    label: _Token
    figures: list[_Token]  # its cells in print order, an explicit empty cell (``/``) included
    snippet: str
    wrapped: bool = False  # its figures continue on the lines after its label's


@dataclass(slots=True)
class _Read:
    table: LinearTable | None
    name: str | None
    cut_by_page: bool  # the header ran into the next page's title before any money: a repeated header


def with_evaluations(lines: list[SourceLine], tables: list[LinearTable], laid_out: bool) -> list[LinearTable]:
    """The tables, and the self-evaluation tables found in the lines between them, in order."""
    if not any("自评" in line.text or "评分" in line.text for line in lines):  # no 自评表 / 评分表: nothing to do
        return tables
    out: list[LinearTable] = []
    position = 0
    carried: str | None = None  # the name of a table whose money a page break cut off from its title
    last_read: str | None = None  # the name of the last table read, while no other one was left unread
    for table in [*tables, None]:
        end = table.start if table is not None else len(lines)
        i = position
        while i < end:
            text = lines[i].text
            if "评" not in text and "评" not in _next(lines, i, end):  # every title names 自评 or 评分
                i += 1
                continue
            title_lines = _title_lines(lines, i, end)
            if not title_lines:
                # A scoring table's total belongs to the evaluation printed before it: only when that
                # one was read.
                scoring = _scoring_total(lines, i, end, last_read is not None) if "表" in text else None
                if scoring is not None:
                    out.append(scoring)
                i = scoring.end if scoring is not None else i + 1
                continue
            read = _read_evaluation(lines, i, title_lines, end, laid_out)
            # A page that repeats, under another name, the header of a table begun on the page
            # before does not say whose money follows.
            known = carried is None or read.name == carried
            carried = read.name if read.cut_by_page else None
            if read.table is None or not known:
                if read.name != last_read:  # not a page repeating the last table's header
                    last_read = None
                i += title_lines
                continue
            out.append(read.table)
            last_read = read.name
            i = read.table.end
        if table is not None:
            out.append(table)
            position = table.end
    return out


def evaluation_lines(lines: list[SourceLine], laid_out: bool) -> set[tuple[int | None, int]]:
    """(page, line) of every line of the self-evaluation tables read here: a table printed on
    every page starts each page with the same title and labels, which are not running headers."""
    return {
        (line.page, line.line)
        for table in with_evaluations(lines, [], laid_out)
        for line in lines[table.start : table.end]
    }


def _next(lines: list[SourceLine], i: int, end: int) -> str:
    return lines[i + 1].text if i + 1 < end else ""


def _title_lines(lines: list[SourceLine], i: int, end: int) -> int:
    """How many lines the self-evaluation table title at ``i`` takes (a title may wrap once), else 0."""
    key = compact(lines[i].text)
    if _is_evaluation_title(key):
        return 1
    following = compact(_next(lines, i, end))
    if following and "表" in following and not _is_evaluation_title(following):
        return 2 if _is_evaluation_title(key + following) else 0
    return 0


def _is_evaluation_title(key: str) -> bool:
    return "自评表" in key and is_title(key) and not is_target_form(key)


def _read_evaluation(lines: list[SourceLine], start: int, title_lines: int, limit: int, laid_out: bool) -> _Read:
    header = _Header()
    reader = _LabelReader(header)
    funds: list[_FundLine] = []
    end = start + title_lines
    i, cut_by_page = end, False
    strays: list[_Token] = []
    head_lines = 0
    while i < limit and (funds or head_lines < _HEAD_MAX_LINES):
        line = lines[i]
        head_lines += bool(line.text.strip())
        if i > end and _title_lines(lines, i, limit):
            cut_by_page = not funds and line.page != lines[start].page and _header_only(lines[end:i])
            break
        tokens = _tokens(line, i - end)
        if not funds and header.values:
            paired = _paired_money(lines, i, limit, tokens)
            if paired is not None:
                return _paired_table(lines, start, end, header, paired)
        fund = _fund_line(i, line, tokens)
        broken = _broken_label(lines, i, limit, tokens) if funds and fund is None else None
        if broken is not None:
            funds.append(broken)
            i = broken.index
        elif fund is not None:
            funds.append(fund)
        elif funds and _continues(funds[-1], tokens, len(header.columns)):
            funds[-1] = _continued(funds[-1], i, line, tokens)
        elif funds and not _is_fragments(tokens):
            break
        elif not funds and header.columns and tokens and all(_is_figure(t) for t in tokens):
            strays += tokens  # figures above the money block: a cell wrapped away from its row
        elif not funds:
            reader.read(tokens)
        i += 1
    name_tokens = header.values.get(labels.NAME) or header.values.get(labels.DEPARTMENT)
    name = "".join(t.key for t in name_tokens) if name_tokens else None
    if not any(f.figures for f in funds) or not header.columns:
        return _Read(None, name, cut_by_page)  # no money block here (a mention), or its figures stand apart
    last = funds[-1].index
    wrapped = any(f.wrapped for f in funds)
    if _money_column_after(lines, last + 1, limit, header, _ROLES if wrapped else _MONEY_ROLES):
        return _Read(None, name, False)  # the header's columns were printed apart: the figures' columns are unknown
    unit = cells.money_unit_of(" ".join(line.text for line in lines[end:last]))
    title = lines[start:end]
    title_block = Block(BlockKind.HEADING, "".join(t.text.strip() for t in title), title[0].page, title[0].line)
    score = _score_line(lines, last + 1, limit)
    table, ambiguous = _grid(header, funds, unit, laid_out, score, strays)
    blocks = [title_block, Block(BlockKind.TABLE, "", table.page, table.line, table)]
    return _Read(LinearTable(start, last + 1, blocks, ambiguous), name, False)


def _money_column_after(
    lines: list[SourceLine], begin: int, limit: int, header: _Header, roles: frozenset[str]
) -> bool:
    """Whether the label of a column of ``roles`` the header lacks is printed after the money block
    (pdftotext's default text prints a table's columns as separate blocks, a row's cells one per
    line): then the figures' columns are unknown."""
    after = _Header()
    reader = _LabelReader(after)
    seen, i = 0, begin
    while i < limit and seen < _HEAD_MAX_LINES and not _title_lines(lines, i, limit):
        if lines[i].text.strip():
            reader.read(_tokens(lines[i], seen))
            seen += 1
        i += 1
    known = {fund_column(label.key) for label in header.columns}
    return any(fund_column(label.key) in roles - known for label in after.columns)


@dataclass(slots=True)
class _PairedRow:
    """A row of the ``预算数： 5 执行数： 5`` layout: a label and its figure on each side."""

    label: _Token
    budget: _Token | None
    executed: _Token | None


def _paired_money(
    lines: list[SourceLine], i: int, limit: int, tokens: list[_Token]
) -> tuple[list[_PairedRow], int] | None:
    """The money block printed as label/figure pairs, budget left and execution right (``预算数： 5
    执行数： 5``, then ``其中：财政拨款 5 其中：财政拨款 5`` …), and the index after it. The rows under
    the total are read only where their labels and figures come in pairs of one label each side."""
    keys = [t.key.rstrip(":") for t in tokens]
    at = next((n for n, k in enumerate(keys) if k == labels.PAIRED_BUDGET), None)
    if at is None or keys[at + 2 : at + 3] != [labels.PAIRED_EXECUTED] or len(tokens) != at + 4:
        return None
    if not (_is_figure(tokens[at + 1]) and _is_figure(tokens[at + 3])):
        return None
    rows = [_PairedRow(tokens[at], tokens[at + 1], tokens[at + 3])]
    stream: list[_Token] = []
    j = i + 1
    while j < limit:
        following = _tokens(lines[j], 0)
        if following and not all(_in_pairs(t) for t in following):
            break
        stream += following
        j += 1
    groups = _label_groups(stream)
    if groups is None or len(groups) % 2:
        return rows, i + 1
    for left, right in zip(groups[::2], groups[1::2], strict=True):
        if left[0].key != right[0].key:
            return rows[:1], i + 1
        rows.append(_PairedRow(left[0], left[1], right[1]))
    last = max(n for n in range(i, j) if _tokens(lines[n], 0))
    return rows, last + 1


def _in_pairs(token: _Token) -> bool:
    return token.key in ("其中", "其中:") or labels.fund_source(token.key) is not None or _is_figure(token)


def _label_groups(stream: list[_Token]) -> list[tuple[_Token, _Token | None]] | None:
    """``其中:`` ``财政拨款`` ``5`` … as (label, its figure or None) in order; None if a figure has no label."""
    groups: list[tuple[_Token, _Token | None]] = []
    pending: _Token | None = None  # a ``其中：`` waiting for its label on the next line
    for token in stream:
        if token.key in ("其中", "其中:"):
            pending = token
        elif labels.fund_source(token.key) is not None:
            if pending is not None:
                token = _Token(token.line, pending.x, pending.text + token.text, pending.key + token.key, token.place)
                pending = None
            groups.append((token, None))
        elif groups and groups[-1][1] is None and pending is None:
            groups[-1] = (groups[-1][0], token)
        else:
            return None
    return groups


def _paired_table(
    lines: list[SourceLine], start: int, end: int, header: _Header, paired: tuple[list[_PairedRow], int]
) -> _Read:
    rows_read, after = paired
    rows: list[list[Cell]] = _value_rows(header)
    for n, row in enumerate(rows_read):
        where = {"page": row.label.line.page, "line": row.label.line.line}
        left = row.label.text if n else labels.PAIRED_BUDGET + "："
        right = row.label.text if n else labels.PAIRED_EXECUTED + "："
        texts = ["项目预算执行情况（万元）" if n == 0 else "", left, _text(row.budget), right, _text(row.executed)]
        rows.append([Cell(0, c, text, **where) for c, text in enumerate(texts)])
    table = _table(rows)
    title = lines[start:end]
    title_block = Block(BlockKind.HEADING, "".join(t.text.strip() for t in title), title[0].page, title[0].line)
    blocks = [title_block, Block(BlockKind.TABLE, "", table.page, table.line, table)]
    name_tokens = header.values.get(labels.NAME) or header.values.get(labels.DEPARTMENT)
    name = "".join(t.key for t in name_tokens) if name_tokens else None
    return _Read(LinearTable(start, after, blocks, []), name, False)


def _text(token: _Token | None) -> str:
    return token.text if token is not None and not cells.is_blank(token.text) else ""


def _header_only(block: list[SourceLine]) -> bool:
    """Whether the lines after a title hold its header's labels and values only: a short block with
    no goal or indicator section (``年度总体目标``, ``一级指标``), which a table's last page would show."""
    texts = [line.text for line in block if line.text.strip()]
    return len(texts) <= _CUT_MAX_LINES and not any(word in text for text in texts for word in _SECTION_WORDS)


def _tokens(line: SourceLine, row: int) -> list[_Token]:
    out: list[_Token] = []
    for match in _TOKEN.finditer(line.text):
        key = labels.PERCENT_NOTE.sub("", compact(match.group()))
        if out and out[-1].key in ("其中", "其中:"):  # ``其中： 财政拨款``: one label
            previous = out.pop()
            out.append(_Token(line, previous.x, previous.text + match.group(), previous.key + key, previous.place))
        elif key:
            out.append(_Token(line, match.start(), match.group(), key, (row, len(out))))
    return out


def _is_fragments(tokens: list[_Token]) -> bool:
    """Pieces of the frame's wrapped labels (``（万``, ``元）``, ``项目资金（``), not a cell's content."""
    return all(
        (len(t.key) <= _FRAGMENT_MAX_CHARS and not _DIGIT.search(t.key))
        or any(t.key in f for f in _FRAMES)
        or labels.POINTS_NOTE.match(t.key)
        for t in tokens
    )


def _is_figure(token: _Token) -> bool:
    text = token.text
    return cells.is_blank(text) or cells.money(text.rstrip("%％")) is not None


def _fund_line(index_of_line: int, line: SourceLine, tokens: list[_Token]) -> _FundLine | None:
    """A line of the money block: frame fragments, a fund source, its figures, maybe a reason's text."""
    for index, token in enumerate(tokens):
        if labels.fund_source(token.key) is None:
            continue
        if not _is_fragments(tokens[:index]):
            return None
        after = tokens[index + 1 :]
        count = next((n for n, t in enumerate(after) if not _is_figure(t)), len(after))
        if count == 0 and after:
            return None  # text after the label: prose that names a fund, not a line of figures
        return _FundLine(index_of_line, line, token, after[:count], line.text.strip())
    return None


def _broken_label(lines: list[SourceLine], i: int, limit: int, tokens: list[_Token]) -> _FundLine | None:
    """A fund line whose label wraps onto the next line (``财政专户管理资`` / ``金 0.00 0.00 …``)."""
    if len(tokens) != 1 or i + 1 >= limit:
        return None
    following = _tokens(lines[i + 1], tokens[0].place[0] + 1)
    if not following or labels.fund_source(tokens[0].key + following[0].key) is None:
        return None
    head, first = tokens[0], following[0]
    label = _Token(head.line, head.x, head.text + first.text, head.key + first.key, head.place)
    return _fund_line(i + 1, lines[i + 1], [label, *following[1:]])


def _continues(fund: _FundLine, tokens: list[_Token], columns: int) -> bool:
    """A line of figures only after a fund line short of figures: its row wrapped (``416.39`` / ``万元 10 …``)."""
    figures = tokens[1:] if tokens and tokens[0].key in _UNITS else tokens
    return bool(figures) and len(fund.figures) + len(figures) <= columns and all(_is_figure(t) for t in figures)


def _continued(fund: _FundLine, index: int, line: SourceLine, tokens: list[_Token]) -> _FundLine:
    figures = list(fund.figures)
    if tokens[0].key in _UNITS and figures:  # the unit of the figure the line break cut
        last = figures[-1]
        figures[-1] = _Token(last.line, last.x, last.text + tokens[0].text, last.key + tokens[0].key, last.place)
        tokens = tokens[1:]
    return _FundLine(index, fund.line, fund.label, figures + tokens, f"{fund.snippet} {line.text.strip()}", True)


def _score_line(lines: list[SourceLine], begin: int, limit: int, least: int = 2) -> list[_Token] | None:
    """The table's total score line (``合计 100 95.5``: at least ``least`` numbers) before the next
    performance table's title; a ``合计`` alone on its line takes the lines of numbers under it."""
    for i in range(begin, min(limit, begin + _SCORE_MAX_LINES)):
        text = lines[i].text
        if "表" in text and is_title(compact(text)):
            return None
        tokens = _tokens(lines[i], 0)
        if not tokens or tokens[0].key not in labels.TOTAL_LABELS:
            continue
        if len(tokens) == 1:
            tokens += _numbers_below(lines, i + 1, limit)
        scores = [cells.number(t.text) for t in tokens[1:]]
        if len(scores) >= least and all(_is_score(n) for n in scores) and scores[-1] <= scores[0]:  # type: ignore[operator]
            return tokens
    return None


def _numbers_below(lines: list[SourceLine], begin: int, limit: int) -> list[_Token]:
    """The cells of the lines of numbers under a total's label (one cell per line)."""
    out: list[_Token] = []
    for line in lines[begin : min(limit, begin + _TOTAL_CELLS_MAX_LINES)]:
        tokens = _tokens(line, 0)
        if tokens and not all(cells.number(t.text) is not None for t in tokens):
            break
        out += tokens
    return out


def _is_score(number: Decimal | None) -> bool:
    return number is not None and 0 <= number <= _FULL_MARKS


def _scoring_total(lines: list[SourceLine], at: int, limit: int, owner_read: bool) -> LinearTable | None:
    """A scoring table's (评分表) total score, for the evaluation before it: its indicator lines are
    not read from text, so the grid holds its level header and its ``合计`` line only. When the
    evaluation before it was not read, the score is reported, not given to another one."""
    key = compact(lines[at].text)
    if not (is_title(key) and is_scoring(PerfTable(key, None))):
        return None
    total = _score_line(lines, at + 1, limit, least=1)
    if total is None:
        return None
    index = next(i for i in range(at + 1, limit) if lines[i] is total[0].line)
    end = next(i for i in range(index, limit) if lines[i] is total[-1].line) + 1
    if not owner_read:
        line = total[0].line
        score = total[-1].text
        title = compact(lines[at].text)
        unplaced = AmbiguousCell(line.page, line.line, score, total[0].text, (f"{title}/得分",), line.text.strip())
        return LinearTable(index, end, [], [unplaced])
    where = {"page": total[0].line.page, "line": total[0].line.line}
    rows = [[Cell(0, 0, "")], [Cell(1, 0, "一级指标")], [Cell(2, n, t.text, **where) for n, t in enumerate(total)]]
    table = Table(tuple(c for row in rows for c in row), 3, len(total), **where)
    title = Block(BlockKind.HEADING, lines[at].text.strip(), lines[at].page, lines[at].line)
    return LinearTable(index, end, [title, Block(BlockKind.TABLE, "", table.page, table.line, table)], [])


class _LabelReader:
    """Pieces labels together from the header block's tokens and gives each value to its label."""

    def __init__(self, header: _Header) -> None:
        self.header = header
        self.open: list[_Label] = []  # labels whose cell may still print fragments or its value

    def read(self, tokens: list[_Token]) -> None:
        value_index = 0
        for token in tokens:
            label = next((o for o in self.open if o.takes(token.key)), None)
            if label is not None:
                label.key += token.key
                label.pieces.append(token.place)
            elif _starts(token.key, _ANY):
                self._close_done()
                if _starts(token.key, _COLUMNS) and any(o.kind is None and _starts(o.key, _COLUMNS) for o in self.open):
                    self.header.interleaved = True  # two columns' labels printed piece by piece, mixed
                self.open.append(_Label(token.key, token.x, [token.place]))
            else:
                takers = [
                    o for o in self.open if o.kind in _VALUE_KINDS or (o.kind is None and _starts(o.key, _VALUES))
                ]
                if takers:
                    takers[min(value_index, len(takers) - 1)].value.append(token)
                value_index += 1
            self._record()

    def _close_done(self) -> None:
        """Labels complete and no longer growing leave: a new label's cell starts."""
        self.open = [o for o in self.open if o.kind is None or (o.kind in _VALUE_KINDS and not o.value)]

    def _record(self) -> None:
        for label in self.open:
            kind = label.kind
            if kind == labels.COLUMN and all(c is not label for c in self.header.columns):
                self.header.columns.append(label)
            elif kind in _VALUE_KINDS and label.value:
                self.header.values.setdefault(kind, label.value)


def _starts(key: str, known: tuple[str, ...]) -> bool:
    return any(label.startswith(key) for label in known)


def _orders(header: _Header, laid_out: bool) -> list[tuple[int, ...]]:
    """The orders the money columns may stand in, as indices of ``header.columns``."""
    columns = header.columns
    count = len(columns)
    if laid_out:
        return [tuple(sorted(range(count), key=lambda n: columns[n].x))]
    if not header.interleaved or count > _MAX_UNORDERED_COLUMNS:
        return [tuple(range(count))]
    # Pieces of two labels printed on one line stand in the columns' order.
    before = {
        (a, b)
        for a in range(count)
        for b in range(count)
        if any(pa[0] == pb[0] and pa[1] < pb[1] for pa in columns[a].pieces for pb in columns[b].pieces)
    }
    return [order for order in permutations(range(count)) if _keeps(order, before)]


def _keeps(order: tuple[int, ...], before: set[tuple[int, int]]) -> bool:
    at = {column: n for n, column in enumerate(order)}
    return all(at[a] < at[b] for a, b in before)


def _grid(
    header: _Header,
    funds: list[_FundLine],
    unit: str,
    laid_out: bool,
    score: list[_Token] | None,
    strays: list[_Token],
) -> tuple[Table, list[AmbiguousCell]]:
    """The table as a grid: labelled values, the money columns' header, the fund lines, the total score.
    A figure printed away from the fund lines belongs to one of their cells: then none is placed."""
    names = [label.key for label in header.columns]
    roles = [fund_column(name) for name in names]
    orders = [] if strays else _orders(header, laid_out)
    placed, ambiguous = _placements(funds, roles, names, unit, orders)
    ambiguous += [
        AmbiguousCell(t.line.page, t.line.line, t.text, "", tuple(names), t.line.text.strip()) for t in strays
    ]
    rows = _value_rows(header)
    unit_label = "项目资金（元）" if unit == "元" else "项目资金（万元）"
    rows.append([Cell(0, 0, unit_label), Cell(0, 1, ""), *(Cell(0, 2 + i, n) for i, n in enumerate(names))])
    for fund, values in zip(funds, placed, strict=True):
        where = {"page": fund.line.page, "line": fund.line.line}
        row = [Cell(0, 0, "", **where), Cell(0, 1, fund.label.text, **where)]
        rows.append(row + [Cell(0, 2 + i, values.get(i, ""), **where) for i in range(len(names))])
    if score is not None:
        where = {"page": score[0].line.page, "line": score[0].line.line}
        rows.append([Cell(0, i, t.text, **where) for i, t in enumerate(score)])
    return _table(rows), ambiguous


def _value_rows(header: _Header) -> list[list[Cell]]:
    """``项目名称 | name`` and ``主管部门 | department``, as the header prints them."""
    rows: list[list[Cell]] = []
    for kind in (labels.NAME, labels.DEPARTMENT):
        tokens = header.values.get(kind)
        if tokens:
            where = {"page": tokens[0].line.page, "line": tokens[0].line.line}
            rows.append([Cell(0, 0, kind), Cell(0, 1, "".join(t.text for t in tokens), **where)])
    return rows


def _table(rows: list[list[Cell]]) -> Table:
    """The rows as a grid, placed where its money block is printed."""
    grid = tuple(Cell(r, c.col, c.text, page=c.page, line=c.line) for r, row in enumerate(rows) for c in row)
    width = max(len(row) for row in rows)
    money = next((c for row in rows for c in row if c.col == 2 and c.line is not None), rows[-1][-1])
    return Table(grid, len(rows), width, page=money.page, line=money.line)


def _placements(
    funds: list[_FundLine], roles: list[str | None], names: list[str], unit: str, orders: list[tuple[int, ...]]
) -> tuple[list[dict[int, str]], list[AmbiguousCell]]:
    """Each fund line's figures by column, and the figures left unplaced.

    The labels place a line's figures when every column order allowed gives it one reading. Else
    each order must give every line a reading its arithmetic holds; a line's figures are placed
    when the orders left give it one reading."""
    by_order = [[_fits(f.figures, order, roles, unit) for f in funds] for order in orders]
    chosen = _agreed(funds, by_order)
    if any(c is None for n, c in enumerate(chosen) if funds[n].figures):
        checked = [
            [[p for p in fits if _adds_up(p, roles, funds[n].figures)] for n, fits in enumerate(order)]
            for order in by_order
        ]
        viable = [o for o in checked if all(fits for fits in o)]
        chosen = _agreed(funds, viable)
    placed: list[dict[int, str]] = []
    ambiguous: list[AmbiguousCell] = []
    for fund, placement in zip(funds, chosen, strict=True):
        # Cells gathered from several lines were put in a row by reading order alone: the row's
        # arithmetic must hold too.
        if placement is not None and fund.wrapped and not _adds_up(placement, roles, fund.figures):
            placement = None
        if placement is None:
            ambiguous += [_ambiguous(fund, f, names) for f in fund.figures if not cells.is_blank(f.text)]
            placed.append({})
        else:
            placed.append({column: f.text for f, column in zip(fund.figures, placement, strict=True)})
    return placed, ambiguous


def _fits(figures: list[_Token], order: tuple[int, ...], roles: list[str | None], unit: str) -> list[Placement]:
    """Placements of the figures, in print order, into columns taken in ``order`` (empty cells absent)."""
    return [
        chosen
        for chosen in combinations(order, len(figures))
        if all(_may_stand(figure, roles[column], unit) for figure, column in zip(figures, chosen, strict=True))
    ]


def _may_stand(figure: _Token, role: str | None, unit: str) -> bool:
    text = figure.text
    if cells.is_blank(text):
        return True
    if role == "execution_rate_declared":
        return cells.percent(text) is not None
    if text.endswith(_PERCENT_SIGN) or role is None:
        return False
    if role in ("weight", "score"):
        return cells.number(text) is not None
    return cells.money(text, unit) is not None


def _adds_up(placement: Placement, roles: list[str | None], figures: list[_Token]) -> bool:
    """The line's own arithmetic: 执行率 = 执行数 / 预算数 (to the rate's printed digits; both printed
    where a rate is), 得分 <= 分值."""
    values: dict[str, Decimal] = {}
    for figure, column in zip(figures, placement, strict=True):
        role = roles[column]
        value = cells.percent(figure.text) if role == "execution_rate_declared" else cells.money(figure.text)
        if role is not None and value is not None:
            values[role] = value
    rate, executed = values.get("execution_rate_declared"), values.get("executed")
    base = values.get("budget_final", values.get("budget_initial"))
    if rate is not None and (executed is None or base is None):
        return False  # a rate is printed from the row's execution and budget, never without them
    if rate is not None and executed is not None and base and not _rounds_to(executed / base * 100, rate):
        return False
    return not ("score" in values and "weight" in values and values["score"] > values["weight"])


def _rounds_to(exact: Decimal, printed: Decimal) -> bool:
    """Whether ``printed`` is ``exact`` rounded to the digits it prints."""
    return abs(exact - printed) <= printed_step(printed) / 2


def _agreed(funds: list[_FundLine], by_order: list[list[list[Placement]]]) -> list[Placement | None]:
    """Per line, its placement where all the orders give it one reading; None elsewhere."""
    results: list[Placement | None] = []
    for n, fund in enumerate(funds):
        options = {p for order in by_order for p in order[n]}
        readings = {_reading(fund, p) for p in options}
        results.append(next(iter(options)) if len(readings) == 1 else None)
    return results


def _reading(fund: _FundLine, placement: Placement) -> tuple[tuple[int, str], ...]:
    """What a placement reads (two equal figures swapped, or empty cells moved, read the same)."""
    pairs = zip(placement, fund.figures, strict=True)
    return tuple(sorted((c, f.text) for c, f in pairs if not cells.is_blank(f.text)))


def _ambiguous(fund: _FundLine, figure: _Token, names: list[str]) -> AmbiguousCell:
    return AmbiguousCell(
        page=fund.line.page,
        line=fund.line.line,
        figure=figure.text,
        row=fund.label.text,
        candidates=tuple(names),
        snippet=fund.snippet,
    )
