"""Self-evaluation tables (绩效自评表) in text extracted from a PDF: the project and its money by source.

A table is found by its title (``…自评表``, wrapped once at most); its header block (project,
department, money columns) is read by ``evaluation_header`` and its money block (one row per fund
source, or label/figure pairs) by ``evaluation_money``. The table is handed on as a grid in the
shape the grid readers give (``项目名称 | name``, a header row of money columns, one row per fund
line, the ``合计`` score line), so ``extract.performance`` reads it like any other; a 评分表's
``合计`` gives its evaluation's score. Only the header and money blocks are rebuilt: the goals and
indicator lines stay text.

Where the text does not say whose figures these are, nothing is read: a page repeating another
table's header before the money, a header whose columns are printed after the money block
(pdftotext's default mode), a scoring total whose evaluation was not read (reported instead).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from budget_reports.extract.performance import cells
from budget_reports.extract.performance.declared_targets import is_title as is_target_form
from budget_reports.extract.performance.department_wide import is_basic_data, is_scoring
from budget_reports.extract.performance.projects import fund_column
from budget_reports.extract.performance.segment import PerfTable, is_title
from budget_reports.model import AmbiguousCell, Block, BlockKind, Cell, Table
from budget_reports.normalize import compact
from budget_reports.numbering import CHINESE_COMMA, PART, Enumerators
from budget_reports.readers import evaluation_labels as labels
from budget_reports.readers.evaluation_header import (
    Header,
    LabelReader,
    Token,
    column_orders,
    is_figure,
    is_fragments,
    tokens_of,
)
from budget_reports.readers.evaluation_money import (
    FundLine,
    PairedRow,
    broken_label,
    continued,
    continues,
    fund_line,
    in_row_order,
    is_reason,
    paired_money,
    placements,
    with_reason,
)
from budget_reports.readers.line_basic_data import read_basic_data
from budget_reports.readers.linear_tables import LinearTable, SourceLine, not_read_table
from budget_reports.readers.passed_over_titles import MIN_UNREAD_FIGURES, table_figures
from budget_reports.readers.printed_numbers import is_page_number
from budget_reports.readers.unread_indicators import (
    NOT_REBUILT,
    IndicatorHeaders,
    indicator_headers,
    indicators_not_read,
)

# Lines from the title to the first fund line (project, departments, the money columns' header), not
# counting lines of label pieces only: as many whichever way an extractor breaks a table's narrow cells.
_HEAD_MAX_LINES = 40
# A title printed in its table's first cell: its lines (``2021年部门`` / ``预算项目绩效`` / ``目标自评``) and
# the characters each holds at most.
_CELL_TITLE_LINES = (3, 4)
_CELL_TITLE_PIECE_CHARS = 8
# Label pieces at most double a header's lines (002's goals-and-money header: 52 lines, 27 not pieces,
# in PyMuPDF's text): past this many lines in all, a run of short cells is no header.
_HEAD_MAX_PRINTED_LINES = 2 * _HEAD_MAX_LINES
# A title and labels at most this long, then the next page's title: the page cut the table's header.
_CUT_MAX_LINES = 16
_SECTION_WORDS = ("目标", "指标")
# The two sides of money printed as label/figure pairs (预算数： 5 执行数： 5).
_PAIRED_SIDES = (labels.PAIRED_BUDGET, labels.PAIRED_EXECUTED)
# Lines from the money block to the table's total score line (its indicators between).
_SCORE_MAX_LINES = 1000
# A total score is out of 100 (得分 <= 分值 <= 100).
_FULL_MARKS = 100
# Lines (blank ones included) a total's cells may take under its label, one cell per line.
_TOTAL_CELLS_MAX_LINES = 6
_MONEY_ROLES = frozenset({"budget_initial", "budget_final", "executed", "execution_rate_declared"})
_ROLES = _MONEY_ROLES | {"weight", "score"}
# What ends a stretch of indicator lines left as text: the report's next chapter.
_CHAPTER = Enumerators(PART, CHINESE_COMMA)


@dataclass(slots=True)
class _Read:
    table: LinearTable | None
    name: str | None
    cut_by_page: bool  # the header ran into the next page's title before any money: a repeated header


def with_evaluations(lines: list[SourceLine], tables: list[LinearTable], laid_out: bool) -> list[LinearTable]:
    """The tables, and the self-evaluation tables found in the lines between them, in order."""
    # No 自评表 / 评分表 (no line names 自评 or 评分): nothing to do. Asked of the lines joined, not line by line.
    joined = "\n".join([line.text for line in lines])
    if "自评" not in joined and "评分" not in joined:
        return tables
    headers = indicator_headers(lines)
    out: list[LinearTable] = []
    position = 0
    carried: str | None = None  # the name of a table whose money a page break cut off from its title
    last_read: str | None = None  # the name of the last table read, while no other one was left unread
    repeated_title: str | None = None  # a scoring table reported, while its title repeats page by page
    for table in [*tables, None]:
        end = table.start if table is not None else len(lines)
        accounted: set[int] = set()  # indicator headers under a table read or reported here
        i = position
        while i < end:
            # Every title names 自评 or 评分: the first line from here naming 评, or a line before it
            # (a title wrapped there, or printed in a cell a few characters a line), is the next that
            # may open one.
            named = next((k for k in range(i, end) if "评" in lines[k].text), end)
            if named == end:
                break
            i = max(i, named - max(_CELL_TITLE_LINES) + 1)
            text = lines[i].text
            title_lines = _title_lines(lines, i, end)
            if not title_lines and _is_basic_data_title(lines[i]):
                basic = read_basic_data(lines, i, _next_title(lines, i + 1, end))
                if basic is not None:
                    out.append(basic)
                i = basic.end if basic is not None else i + 1
                continue
            if not title_lines:
                # A scoring table's total belongs to the evaluation printed before it: only when that
                # one was read.
                scoring, header = _scoring_table(lines, headers, i, end, last_read is not None)
                if header is not None:
                    accounted.add(header)
                if scoring is not None and scoring.lost is not None:
                    # Reported once: the title printed again on each page of the table is no other table.
                    title, repeated_title = repeated_title, compact(text)
                    scoring = replace(scoring, lost=None) if title == repeated_title else scoring
                if scoring is not None:
                    out.append(scoring)
                i = scoring.end if scoring is not None else i + 1
                continue
            read = _read_evaluation(lines, headers, i, title_lines, end, laid_out)
            # A page that repeats, under another name, the header of a table begun on the page
            # before does not say whose money follows.
            known = carried is None or read.name == carried
            carried = read.name if read.cut_by_page else None
            if read.table is None or not known:
                if read.name != last_read:  # not a page repeating the last table's header
                    last_read = None
                    # Money under the title that no reading placed is reported, not left as prose
                    # (a page whose money may be another table's is left to the prose's readers).
                    unread = _not_read(lines, i, title_lines, end) if read.table is None and known else None
                    if unread is not None:
                        out.append(unread)
                        if (header := _indicators_under(lines, headers, i + title_lines, end)) is not None:
                            accounted.add(header)
                i += title_lines
                continue
            header = _indicators_under(lines, headers, read.table.end, end)
            title = next(b.text for b in read.table.blocks if b.kind is BlockKind.HEADING)
            out.append(_with_indicators_reported(lines, read.table, title, header))
            if header is not None:
                accounted.add(header)
            last_read, repeated_title = read.name, None
            i = read.table.end
        out += _untitled_indicators(lines, headers.within(position, end), accounted)
        if table is not None:
            out.append(table)
            position = table.end
    return sorted(out, key=lambda t: t.start)  # stable: tables in order, a report of lines before them


def unread_indicator_lines(lines: list[SourceLine], tables: list[LinearTable]) -> set[tuple[int | None, int]]:
    """(page, line) of the indicator lines left as text (each stretch reported not read, ``with_evaluations``):
    from an indicator header standing outside every table to the next table or performance table's title,
    or to a chapter of the report's outline (``一、`` / ``第二部分``), which no form's cell opens a line with."""
    starts = [t.start for t in tables]
    found: set[tuple[int | None, int]] = set()
    for header in indicator_headers(lines).starts:
        if any(t.start <= header < t.end for t in tables):
            continue  # a table read here holds it (a budget's declared targets)
        limit = next((start for start in starts if start > header), len(lines))
        end = _next_title(lines, header + 1, limit)
        end = next((k for k in range(header + 1, end) if _CHAPTER.opens(lines[k].text.strip())), end)
        found.update((line.page, line.line) for line in lines[header:end])
    return found


def _indicators_under(lines: list[SourceLine], headers: IndicatorHeaders, begin: int, limit: int) -> int | None:
    """The indicator header of the table whose section starts at ``begin`` (up to the next performance
    table's title), if it prints one: the lines that table's report accounts for."""
    return headers.first_within(begin, _next_title(lines, begin, limit))


def _with_indicators_reported(
    lines: list[SourceLine], table: LinearTable, title: str, header: int | None
) -> LinearTable:
    """The table titled ``title``, its indicator lines (from ``header``, if its section prints them)
    reported as not read."""
    if header is None:
        return table
    return replace(table, parts_not_read=[indicators_not_read(title, lines[header])])


def _untitled_indicators(lines: list[SourceLine], headers: tuple[int, ...], accounted: set[int]) -> list[LinearTable]:
    """Indicator lines (from ``headers``) no table read or reported here accounts for, each reported as not
    read (a table whose title the text does not print, or words as no form does, is found by no title)."""
    return [
        LinearTable(at, at, [], [], parts_not_read=[indicators_not_read(None, lines[at])])
        for at in headers
        if at not in accounted
    ]


def _next_title(lines: list[SourceLine], begin: int, limit: int) -> int:
    """Where the next performance table's title (自评表, 评分表, 指标体系 …) stands, else ``limit``."""
    return next((k for k in range(begin, limit) if _title_lines(lines, k, limit) or _is_table_title(lines[k])), limit)


def _is_basic_data_title(line: SourceLine) -> bool:
    return _is_table_title(line) and is_basic_data(PerfTable(compact(line.text), None))


def _is_table_title(line: SourceLine) -> bool:
    return ("表" in line.text or "体系" in line.text) and is_title(compact(line.text))


def _scoring_table(
    lines: list[SourceLine], headers: IndicatorHeaders, at: int, limit: int, owner_read: bool
) -> tuple[LinearTable | None, int | None]:
    """A scoring table (评分表, 指标体系) titled at ``at``: its total score (``_scoring_total``), its
    indicator lines reported as not read; a title over indicators and no total read, reported whole.
    With it, where its indicator header stands (None: no scoring title, or no indicators under it)."""
    if not _is_table_title(lines[at]) or not is_scoring(PerfTable(compact(lines[at].text), None)):
        return None, None
    header = _indicators_under(lines, headers, at + 1, limit)
    total = _scoring_total(lines, at, limit, owner_read)
    if header is None:
        return total, None
    if total is None:
        return not_read_table(lines, at, at + 1, NOT_REBUILT), header
    return _with_indicators_reported(lines, total, lines[at].text, header), header


def evaluation_lines(lines: list[SourceLine], laid_out: bool) -> set[tuple[int | None, int]]:
    """(page, line) of every line of the self-evaluation tables read here: a table printed on
    every page starts each page with the same title and labels, which are not running headers."""
    return {
        (line.page, line.line)
        for table in with_evaluations(lines, [], laid_out)
        for line in lines[table.start : table.end]
    }


def _not_read(lines: list[SourceLine], start: int, title_lines: int, limit: int) -> LinearTable | None:
    """The self-evaluation table titled at ``start`` reported as not read (its title kept, its lines left
    to the prose) where the lines up to the next title print money; None for a title naming a table
    (a contents line, a mention) with too few figures under it to lose."""
    end = start + title_lines
    following = next((k for k in range(end, limit) if _title_lines(lines, k, limit)), limit)
    figures = sum(len(table_figures(line.text)) for line in lines[end:following])
    if figures < MIN_UNREAD_FIGURES:
        return None
    title = lines[start]._replace(text="".join(line.text.strip() for line in lines[start:end]))  # a title wrapped once
    return replace(not_read_table([title], 0, title_lines, "的文本未能还原为行"), start=start, end=end)


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
    return next((n for n in _CELL_TITLE_LINES if _is_cell_title(lines, i, n, end)), 0)


def _is_cell_title(lines: list[SourceLine], i: int, n: int, end: int) -> bool:
    """Whether the ``n`` lines from ``i`` are a title printed in the first cell of its table, a few
    characters a line (``2021年部门`` / ``预算项目绩效`` / ``目标自评``), where no line of its own titles
    the table: no heading of the report's text is broken into such short lines. The title starts at
    its first line: a title in fewer lines under a line of its own (``附件3：``, a page number) is that one."""
    pieces = [compact(line.text) for line in lines[i : min(i + n, end)]]
    if len(pieces) < n or not all(0 < len(piece) <= _CELL_TITLE_PIECE_CHARS for piece in pieces):
        return False
    key = "".join(pieces)
    if not ("自评" in key and is_title(key) and not is_target_form(key)):
        return False
    if _is_evaluation_title(pieces[-2] + pieces[-1]):
        return False  # a title wrapped once
    return not any(_is_cell_title(lines, i + 1, shorter, end) for shorter in _CELL_TITLE_LINES if shorter < n)


def _is_evaluation_title(key: str) -> bool:
    return "自评表" in key and is_title(key) and not is_target_form(key)


def _read_evaluation(
    lines: list[SourceLine], headers: IndicatorHeaders, start: int, title_lines: int, limit: int, laid_out: bool
) -> _Read:
    header = Header()
    reader = LabelReader(header)
    funds: list[FundLine] = []
    end = start + title_lines
    i, cut_by_page = end, False
    strays: list[Token] = []
    head_lines = printed_lines = 0
    left_over = False
    while i < limit and (funds or (head_lines < _HEAD_MAX_LINES and printed_lines < _HEAD_MAX_PRINTED_LINES)):
        line = lines[i]
        if i >= end and _title_lines(lines, i, limit):  # a title right under a title (附表：… then its own) too
            cut_by_page = not funds and line.page != lines[start].page and _header_only(lines[end:i])
            break
        tokens = tokens_of(line, i - end)
        # Pieces of labels broken inside narrow cells (``预算执`` / ``行情况``) spend lines, not the header.
        head_lines += bool(tokens) and not is_fragments(tokens)
        printed_lines += bool(tokens)
        if not funds and header.values:
            paired = paired_money(lines, i, limit, tokens)
            if paired is not None:
                return _paired_table(lines, start, end, header, paired, limit)
        if funds and is_page_number(compact(line.text)):
            i += 1  # a page's number under the rows (``- 9 -``): no cell of theirs
            continue
        fund = fund_line(i, line, tokens)
        broken = broken_label(lines, i, limit, tokens) if funds and fund is None else None
        if broken is not None:
            funds.append(broken)
            i = broken.index
        elif fund is not None:
            funds.append(fund)
        elif funds and continues(funds[-1], tokens, len(header.columns)):
            funds[-1] = continued(funds[-1], i, line, tokens)
        elif funds and header.reason_column and is_reason(funds[-1], tokens, len(header.columns)):
            funds[-1] = with_reason(funds[-1], line)
        elif funds and not is_fragments(tokens):
            left_over = bool(tokens) and is_figure(tokens[0])  # figures no row took: not printed row by row
            break
        elif not funds and header.columns and tokens and all(is_figure(t) for t in tokens):
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
    if _money_column_after(lines, headers, last + 1, limit, header, _ROLES if wrapped else _MONEY_ROLES):
        return _Read(None, name, False)  # the header's columns were printed apart: the figures' columns are unknown
    unit = cells.money_unit_of(" ".join(line.text for line in lines[end:last]))
    title = lines[start:end]
    title_block = Block(BlockKind.HEADING, "".join(t.text.strip() for t in title), title[0].page, title[0].line)
    score = _score_line(lines, last + 1, limit)
    order = in_row_order(funds, left_over)
    table, ambiguous = _grid(header, funds, unit, laid_out, score, strays, order, left_over)
    blocks = [title_block, Block(BlockKind.TABLE, "", table.page, table.line, table)]
    return _Read(LinearTable(start, last + 1, blocks, ambiguous), name, False)


def _money_column_after(
    lines: list[SourceLine], headers: IndicatorHeaders, begin: int, limit: int, header: Header, roles: frozenset[str]
) -> bool:
    """Whether the label of a column of ``roles`` the header lacks is printed after the money block
    (pdftotext's default text prints a table's columns as separate blocks, a row's cells one per
    line): then the figures' columns are unknown."""
    after = Header()
    reader = LabelReader(after)
    seen, i = 0, begin
    # The indicator lines' header names their own columns (分值, 得分, 完成值 …), none of the money's.
    indicators = headers.first_within(begin, min(limit, begin + 2 * _HEAD_MAX_LINES))
    limit = indicators if indicators is not None else limit
    while i < limit and seen < _HEAD_MAX_LINES and not _title_lines(lines, i, limit):
        if lines[i].text.strip():
            reader.read(tokens_of(lines[i], seen))
            seen += 1
        i += 1
    known = {fund_column(label.key) for label in header.columns}
    return any(fund_column(label.key) in roles - known for label in after.columns)


def _paired_table(
    lines: list[SourceLine], start: int, end: int, header: Header, paired: tuple[list[PairedRow], int], limit: int
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
    return _Read(LinearTable(start, after, blocks, _left_under_pairs(lines, after, limit)), name, False)


def _left_under_pairs(lines: list[SourceLine], begin: int, limit: int) -> list[AmbiguousCell]:
    """Figures printed under the money's pairs, before the goals (年度总体目标, 预期目标 …), that no pair
    took: where both sides' labels of a fund line share a baseline (pdfplumber, -layout: ``其中： 其中：``
    / ``执行情况 5 5`` / ``财政拨款 财政拨款``), which side and fund a figure is of the text does not say.
    Each is reported as ambiguous between the two sides, never placed."""
    out: list[AmbiguousCell] = []
    for k in range(begin, min(limit, begin + _HEAD_MAX_LINES)):
        line = lines[k]
        key = compact(line.text)
        if any(word in key for word in _SECTION_WORDS) or _title_lines(lines, k, limit):
            break
        if is_page_number(key):
            continue
        tokens = tokens_of(line, 0)
        fund = next((source for t in tokens if (source := labels.fund_source(t.key)) is not None), "")
        out += [
            AmbiguousCell(line.page, line.line, t.text, fund, _PAIRED_SIDES, line.text.strip())
            for t in tokens
            if is_figure(t) and not cells.is_blank(t.text)
        ]
    return out


def _text(token: Token | None) -> str:
    return token.text if token is not None and not cells.is_blank(token.text) else ""


def _header_only(block: list[SourceLine]) -> bool:
    """Whether the lines after a title hold its header's labels and values only: a short block with
    no goal or indicator section (``年度总体目标``, ``一级指标``), which a table's last page would show."""
    texts = [line.text for line in block if line.text.strip()]
    return len(texts) <= _CUT_MAX_LINES and not any(word in text for text in texts for word in _SECTION_WORDS)


def _score_line(lines: list[SourceLine], begin: int, limit: int, least: int = 2) -> list[Token] | None:
    """The table's total score line (``合计 100 95.5``: at least ``least`` numbers) before the next
    performance table's title; a ``合计`` alone on its line takes the lines of numbers under it."""
    for i in range(begin, min(limit, begin + _SCORE_MAX_LINES)):
        text = lines[i].text
        if "表" in text and is_title(compact(text)):
            return None
        tokens = tokens_of(lines[i], 0)
        if not tokens or tokens[0].key not in labels.TOTAL_LABELS:
            continue
        if len(tokens) == 1:
            tokens += _numbers_below(lines, i + 1, limit)
        scores = [cells.number(t.text) for t in tokens[1:]]
        if len(scores) >= least and all(_is_score(n) for n in scores) and scores[-1] <= scores[0]:  # type: ignore[operator]
            return tokens
    return None


def _numbers_below(lines: list[SourceLine], begin: int, limit: int) -> list[Token]:
    """The cells of the lines of numbers under a total's label (one cell per line)."""
    out: list[Token] = []
    for line in lines[begin : min(limit, begin + _TOTAL_CELLS_MAX_LINES)]:
        tokens = tokens_of(line, 0)
        if tokens and not all(cells.number(t.text) is not None for t in tokens):
            break
        out += tokens
    return out


def _is_score(number: Decimal | None) -> bool:
    return number is not None and 0 <= number <= _FULL_MARKS


def _scoring_total(lines: list[SourceLine], at: int, limit: int, owner_read: bool) -> LinearTable | None:
    """The total score of the scoring table (评分表) titled at ``at``, for the evaluation before it: its
    indicator lines are not read from text, so the grid holds its level header and its ``合计`` line
    only. When the evaluation before it was not read, the score is reported, not given to another one."""
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
    rows = [[Cell(0, 0, "")], [Cell(0, 0, "一级指标")], [Cell(0, n, t.text, **where) for n, t in enumerate(total)]]
    table = Table.from_rows(rows, rows[-1][0])
    title = Block(BlockKind.HEADING, lines[at].text.strip(), lines[at].page, lines[at].line)
    return LinearTable(index, end, [title, Block(BlockKind.TABLE, "", table.page, table.line, table)], [])


def _grid(
    header: Header,
    funds: list[FundLine],
    unit: str,
    laid_out: bool,
    score: list[Token] | None,
    strays: list[Token],
    row_order: bool,
    left_over: bool,
) -> tuple[Table, list[AmbiguousCell]]:
    """The table as a grid: labelled values, the money columns' header, the fund lines, the total score.
    A figure printed away from the fund lines belongs to one of their cells: then none is placed."""
    names = [label.key for label in header.columns]
    roles = [fund_column(name) for name in names]
    orders = [] if strays else column_orders(header, laid_out)
    placed, ambiguous = placements(funds, roles, names, unit, orders, row_order, left_over)
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


def _value_rows(header: Header) -> list[list[Cell]]:
    """``项目名称 | name`` and ``主管部门 | department``, as the header prints them."""
    rows: list[list[Cell]] = []
    for kind in (labels.NAME, labels.DEPARTMENT):
        tokens = header.values.get(kind)
        if tokens:
            where = {"page": tokens[0].line.page, "line": tokens[0].line.line}
            rows.append([Cell(0, 0, kind), Cell(0, 1, "".join(t.text for t in tokens), **where)])
    return rows


def _table(rows: list[list[Cell]]) -> Table:
    """The rows as a grid, cited where its money block is printed (the first figure's line)."""
    money = next((row[2] for row in rows if len(row) > 2 and row[2].line is not None), rows[-1][-1])
    return Table.from_rows(rows, money)
