"""Which money column a figure of a laid-out table stands in, read from its header's positions.

``pdftotext -layout`` keeps each word where the page prints it: a figure stands under the header
cell of its column, whatever cells of its row are empty. The header's money columns are found by
their names as the layout catalogue gives them (``table_headers``: 预算数/决算数, 合计/基本支出/
项目支出, the income sources, the funds …), left to right; a name may be wrapped over several
header lines (``本年收入合`` over ``计``), its pieces one under the other. Each page has its own grid,
so each page's header is read (a continuation page without one is placed by arithmetic alone).

Positions are compared on one grid, as the text counts its columns (``pdftotext -layout``: one per
character; a text aligned for an editor: a Chinese character two). Each header cell stands inside
its column, so a figure of column c starts after the header cell of column c-1 ends and ends
before that of column c+1 starts; every column for which that holds is possible. A short figure
set to one edge of a wide cell may fit two. It then goes where a figure set as its table sets them
(flush right, flush left, centred: ``figure_alignment``) can stand, the alignment learned from the
report's figures whose column is known (``report_alignment``), else stays possible in both; while
the report shows nothing of it, it goes to the column whose header cell it stands under (sharing
columns with that cell and no other) and whose centre it is clearly nearest, else stays possible in
both: a figure beside every header cell tells nothing by which one it is nearer. A figure ending
further right than the header's last column can reach (``beyond_the_header``: a cell merged over
several columns to the table's edge, set flush right, or a header the grid squeezed) is placed by
the sums alone, narrowed by the report's other tables (``table_relations``), else reported.
A Chinese word is printed wider than the grid counts it (pdftotext's cell is an average
character's width): its span is taken as the grid counts it, the narrowest it can be, so that no
possible column is ruled out. The row's arithmetic then decides
among the possible columns (``restrict_to_positions``); where the position and the arithmetic
leave no placement in common the row's figures stay unplaced, reported as ambiguous: never a guess.

A position is evidence only where nothing can have moved it: a page whose fully printed rows stand
elsewhere than its header says is not read by position (``confirmed_by_full_rows``), nor a figure
an edit of its line may have shifted (``aligned_figures``); and the table's placements are kept
only where the sums alone place no figure elsewhere (``contradicts``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from budget_reports.normalize import compact
from budget_reports.readers.cell_assignment import RowFigures
from budget_reports.readers.figure_alignment import EVERY_ALIGNMENT, GRID_SLACK, Alignment, Span, fits
from budget_reports.readers.laid_out_rows import CENTRED_SLACK, Measure, word_starts
from budget_reports.readers.linear_rows import Token, is_figure
from budget_reports.readers.table_headers import HeaderLayout, printed_wordings

# Header lines below a name's first piece where its next piece may be printed.
_WRAP_LINES = 3
# How many times nearer its own header cell's centre than any other a figure must be to be placed by
# it, while the report shows nothing of how its tables set their figures.
_NEARER = 2


class HeaderWord(NamedTuple):
    """A word of a header's lines: its line, the columns it spans, its text compacted (a named
    tuple: made for every word of every header read, faster to build than a frozen dataclass)."""

    line: int
    span: Span
    text: str  # compact


class HeaderWords(list[HeaderWord]):
    """A header's words (``header_words``), with where it prints each column name asked so far:
    the layouts looked for in one header (its columns in every order) ask the same names."""

    def __init__(self, words: Iterable[HeaderWord]) -> None:
        super().__init__(words)
        self._spans: dict[str, list[Span]] = {}

    def spans_of(self, name: str) -> list[Span]:
        """Every span where the header prints ``name`` (compact) in one of its wordings."""
        spans = self._spans.get(name)
        if spans is None:
            spans = self._spans[name] = [span for wording in printed_wordings(name) for span in _printed(wording, self)]
        return spans


@dataclass(frozen=True, slots=True)
class MoneyColumns:
    """The money columns' spans on one page's grid, all sides' left to right, and where each side's
    start; ``alignments``: how the table may set its figures (``figure_alignment``), as its report
    shows (``report_alignment``), every way while nothing shows it."""

    spans: tuple[Span, ...]
    side_starts: tuple[int, ...]  # index in ``spans`` of each side's first column, and the end
    alignments: frozenset[Alignment] = EVERY_ALIGNMENT

    @classmethod
    def of_sides(cls, sides: Sequence[Sequence[Span]]) -> MoneyColumns:
        starts = [0]
        for spans in sides:
            starts.append(starts[-1] + len(spans))
        return cls(tuple(span for spans in sides for span in spans), tuple(starts))

    def between_neighbours(self, start: int, end: int) -> list[int]:
        """The columns (of every side, left to right) a figure printed over ``start``–``end`` may stand
        in by the header cells alone: it starts after the header cell on its left ends and ends
        before the header cell on its right starts (each header cell stands inside its own column)."""
        everywhere = self.spans
        last = len(everywhere) - 1
        return [
            i
            for i in range(len(everywhere))
            if (i == 0 or everywhere[i - 1][1] <= start + GRID_SLACK)
            and (i == last or end <= everywhere[i + 1][0] + GRID_SLACK)
        ]

    def beyond_the_header(self, end: int) -> bool:
        """Whether a figure ending at ``end`` lies past where the header's last column can reach.

        A table's money columns are about equally wide, so the last one ends about one column (the
        space between its header cell's start and the one before's) after its header cell starts:
        a figure set flush right in it ends there. One ending a column and a half or more further
        stands in a cell merged over several columns up to the table's edge (a row short of cells),
        or under a header whose Chinese words the grid squeezed narrower than the page prints them:
        either way its column is not told by where the text writes it, only by the sums."""
        if len(self.spans) < 2:
            return False
        (before, _), (last, _) = self.spans[-2], self.spans[-1]
        return 2 * (end - last) >= 3 * (last - before) + 2 * GRID_SLACK

    def columns_of(self, side: int, token: Token) -> frozenset[int] | None:
        """The side's columns the figure may stand in; None when the text gave no position.

        Every column between its neighbours' header cells (``between_neighbours``); of several, those
        where a figure set as the table sets them can stand (``figure_alignment.fits``), all of them
        when none can (the position then tells nothing); while the report shows nothing of how its
        tables set their figures, the one whose header cell it is clearly nearest (``_nearest``)."""
        if token.column is None:
            return None
        start, end = token.column, token.column + len(token.text)
        if self.beyond_the_header(end):
            return None
        possible = self.between_neighbours(start, end)
        if len(possible) > 1 and self.alignments == EVERY_ALIGNMENT:
            possible = _nearest(possible, self.spans, start, end)
        elif len(possible) > 1:
            aligned = [i for i in possible if any(fits(a, self.spans, i, start, end) for a in self.alignments)]
            possible = aligned or possible
        first, after = self.side_starts[side], self.side_starts[side + 1]
        return frozenset(i - first for i in possible if first <= i < after)


def _nearest(possible: list[int], spans: Sequence[Span], start: int, end: int) -> list[int]:
    """Of the possible columns, the one whose header cell the figure stands under: its span shares
    columns with that header cell's and no other's, and its centre is at most half as far from that
    cell's centre as from any other's (a figure set to the edge of its cell next to another column
    is still much nearer its own header); else all of them. A figure under no header cell (beside
    them all, as a short figure set to one edge of a wide cell is) is not placed by which one it is
    nearer: that tells nothing of where its cell's edges are."""
    under = [i for i in possible if _shares_columns(spans[i], start, end)]
    if len(under) != 1:
        return possible
    twice_centre = start + end
    distances = sorted((abs(twice_centre - left - right), i) for i in possible for left, right in (spans[i],))
    (nearest, column), (second, _) = distances[0], distances[1]
    return [column] if column == under[0] and nearest * _NEARER <= second else possible


def _shares_columns(span: Span, start: int, end: int) -> bool:
    """Whether a figure printed over ``start``–``end`` shares a column with the header cell ``span``."""
    first, after = span
    return start < after and first < end


def money_columns(header: Sequence[str], layout: HeaderLayout, measure: Measure) -> MoneyColumns | None:
    """Where each money column of ``layout`` is printed in the header lines, or None when some
    column's name cannot be found in order (the table is then placed by its arithmetic alone)."""
    return _money_columns(tuple(header), layout, measure)


@lru_cache(maxsize=1_024)  # a template's header is printed alike in every report made from it (the answer is frozen)
def _money_columns(header: tuple[str, ...], layout: HeaderLayout, measure: Measure) -> MoneyColumns | None:
    return money_columns_in(header_words(header, measure), layout)


def header_words(header: Sequence[str], measure: Measure) -> HeaderWords:
    """The header lines' words with their spans: read once where several layouts are looked for in them."""
    return HeaderWords(
        HeaderWord(number, (x, x + measure(word)), compact(word))
        for number, text in enumerate(header)
        for x, word in word_starts(text, measure)
    )


def money_columns_in(words: HeaderWords, layout: HeaderLayout) -> MoneyColumns | None:
    """``money_columns`` of the header's words (``header_words``)."""
    sides: list[tuple[Span, ...]] = []
    after = -1  # the columns are printed left to right
    for side in layout.sides:
        spans = []
        for path in side.money:
            found = [span for span in words.spans_of(compact(path[-1])) if span[0] > after]
            if not found:
                return None
            span = min(found)
            spans.append(span)
            after = span[0]
        sides.append(tuple(spans))
    return MoneyColumns.of_sides(sides)


def _printed(name: str, words: list[HeaderWord]) -> list[Span]:
    """Every span where the header prints ``name``: one word, or pieces one under the other."""
    out = []
    for first in words:
        if not name.startswith(first.text):
            continue
        text, span, line = first.text, first.span, first.line
        while text != name:
            piece = next(
                (
                    w
                    for w in words
                    if line < w.line <= line + _WRAP_LINES
                    and w.span[0] < span[1] + CENTRED_SLACK
                    and span[0] < w.span[1] + CENTRED_SLACK
                    and name.startswith(text + w.text)
                ),
                None,
            )
            if piece is None:
                break
            text, line = text + piece.text, piece.line
            span = (min(span[0], piece.span[0]), max(span[1], piece.span[1]))
        if text == name:
            out.append(span)
    return out


def restrict_to_positions(figures: RowFigures, allowed: Sequence[frozenset[int] | None]) -> None:
    """Keep the placements that put every figure in a column its position allows. When none is
    left, the position and the arithmetic disagree: nothing is placed, and each figure is reported
    with the columns in dispute (those its position or the row's sums allow), not every column."""
    if all(columns is None for columns in allowed):
        return
    kept = [
        placement
        for placement in figures.candidates
        if all(columns is None or col in columns for col, columns in zip(placement, allowed, strict=True))
    ]
    if not kept and figures.candidates:
        figures.disputed = {
            figure: frozenset(placement[figure] for placement in figures.candidates) | (columns or frozenset())
            for figure, columns in enumerate(allowed)
        }
    figures.candidates = kept


PagePositions = dict[int | None, MoneyColumns | None]


def confirmed_by_full_rows(positions: PagePositions, full_rows: Sequence[tuple[int, Sequence[Token]]]) -> PagePositions:
    """The pages' columns that every row printing all of a side's figures agrees with: such a row's
    i-th figure stands in the i-th column. A page where one does not (a header misread, a grid the
    text does not keep) is placed by its arithmetic alone."""
    doubted: set[int | None] = set()
    for side, figures in full_rows:
        for index, token in enumerate(figures):
            columns = positions.get(token.page)
            if columns is None:
                continue
            allowed = columns.columns_of(side, token)
            if allowed is not None and index not in allowed:
                doubted.add(token.page)
    return {page: None if page in doubted else columns for page, columns in positions.items()}


def contradicts(pairs: Iterable[tuple[RowFigures, RowFigures]]) -> bool:
    """Whether a figure placed with its position's help is placed elsewhere by the sums alone, in
    any pair (the same row side placed both ways): a position the text shifted (a name edited
    longer, a grid stretched by a wide word) that the row's own sums could not catch."""
    for by_position, by_sums in pairs:
        proven = by_sums.settled()
        if any(proven.get(figure, column) != column for figure, column in by_position.settled().items()):
            return True
    return False


def aligned_figures(rows: Sequence[Sequence[Token]]) -> set[int]:
    """The figures (by ``id``) whose position can be trusted, of rows given as all their words.

    An edit of the text (a name or figure written longer) shifts the words after it on its line,
    so a figure is trusted when its page prints one row of figures only (nothing to compare), or it
    lines up with a figure of another row on its page (the cells of a column share their right
    edge, left edge or centre), or on its line it stands left of such a figure (nothing before that
    one moved), or right after a trusted figure with no word between (nothing there to edit)."""
    by_page: dict[int | None, list[tuple[int, Token]]] = {}
    for row, words in enumerate(rows):
        for token in words:
            if token.column is not None and is_figure(token.text):
                by_page.setdefault(token.page, []).append((row, token))
    trusted: set[int] = set()
    for placed in by_page.values():
        if len({row for row, _ in placed}) < 2:
            trusted.update(id(token) for _, token in placed)
            continue
        edges = [(row, token, _edges(token)) for row, token in placed]
        owner: dict[int, int] = {}  # the row printing an edge, -1 once several do
        for row, _, token_edges in edges:
            for edge in token_edges:
                seen = owner.get(edge, row)
                owner[edge] = row if seen == row else -1
        trusted.update(id(token) for row, token, token_edges in edges if any(owner[e] != row for e in token_edges))
    for words in rows:
        lines: dict[tuple[int | None, int], list[Token]] = {}
        for token in words:
            if token.column is not None:
                lines.setdefault((token.page, token.line), []).append(token)
        for line in lines.values():
            if len(line) > 1:  # a word alone on its line has no neighbour to vouch for it
                _vouch_along(sorted(line, key=_COLUMN), trusted)
    return trusted


_COLUMN = attrgetter("column")  # a line's words start at distinct columns


def _vouch_along(line: list[Token], trusted: set[int]) -> None:
    """Figures of one line, left to right, trusted by the trusted figures beside them."""
    ids = [id(t) in trusted for t in line]
    rightmost = max((i for i, known in enumerate(ids) if known), default=-1)
    previous_trusted = False  # the word before is a figure, trusted
    for i, token in enumerate(line):
        if not is_figure(token.text):
            previous_trusted = False
            continue
        if i < rightmost or previous_trusted:
            trusted.add(id(token))
            ids[i] = True
        previous_trusted = ids[i]


def _edges(token: Token) -> tuple[int, int, int, int, int]:
    """The token's start, end and centre (twice its column, either side of it: centred cells round to
    the grid), each as one number: the edge's column times three, plus 0, 1 or 2 for its kind."""
    start = token.column or 0
    end = start + len(token.text)
    twice_centre = start + end
    return 3 * start, 3 * end + 1, 3 * twice_centre - 1, 3 * twice_centre + 2, 3 * twice_centre + 5
