"""Rebuild ruled tables of one page as cell grids: ruling lines -> table regions -> slots -> cells.

The row and column boundaries of a table are the distinct positions of its horizontal and
vertical ruling lines; boxes ruled on its lines next to it without touching them (a table printed
with only its filled cells ruled) are part of it. Adjacent slots with no ruling line between them belong to one spanning
cell. Each printed character goes to the slot under its centre; a cell's text is its characters
line by line, so a name wrapped inside a cell comes out whole, and codes printed in separate
columns (``201 | 06 | 01``) stay in their own cells.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise

from budget_reports.readers.disjoint_sets import DisjointSets
from budget_reports.readers.pdf_page import PageContent, Segment

# Ruling lines closer than this (points) are one line.
_SNAP = 2.0
# Gap (points) bridged when joining collinear pieces of one ruling line, and reach of an end
# towards a crossing line (lines drawn cell by cell rarely meet exactly).
_JOIN = 3.0
# Share of a slot's side a ruling line must cover to separate two slots.
_COVER = 0.5


@dataclass(slots=True)
class GridCell:
    row: int
    col: int
    row_span: int
    col_span: int
    chars: list[int]


@dataclass(slots=True)
class PageGrid:
    """A table found on a page: boundaries (top-down points) and its cells in row-major order."""

    xs: list[float]
    ys: list[float]
    cells: list[GridCell]
    owner: list[list[int]]  # index in ``cells`` of the cell covering each slot

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


def find_grids(page: PageContent) -> list[PageGrid]:
    """Tables of the page, top to bottom, from its ruling lines alone (no characters yet)."""
    horizontals = _merge(page.horizontals)
    verticals = _merge(page.verticals)
    grids = []
    for hs, vs in _with_loose_boxes(_regions(horizontals, verticals)):
        grid = _grid(hs, vs)
        if grid is not None:
            grids.append(grid)
    grids.sort(key=lambda g: (g.ys[0], g.xs[0]))
    return grids


def _merge(segments: list[Segment]) -> list[Segment]:
    """Snap segments to common positions and join collinear pieces that touch."""
    merged = sorted(segments, key=lambda s: s.pos)
    clusters: list[list[Segment]] = []
    for segment in merged:
        if clusters and segment.pos - clusters[-1][-1].pos <= _SNAP:
            clusters[-1].append(segment)
        else:
            clusters.append([segment])
    out: list[Segment] = []
    for cluster in clusters:
        pos = sum(s.pos for s in cluster) / len(cluster)
        current: Segment | None = None
        for segment in sorted(cluster, key=lambda s: s.start):
            if current is not None and segment.start <= current.end + _JOIN:
                current = Segment(pos, current.start, max(current.end, segment.end))
            else:
                if current is not None:
                    out.append(current)
                current = Segment(pos, segment.start, segment.end)
        if current is not None:
            out.append(current)
    return out


def _crosses(h: Segment, v: Segment) -> bool:
    return h.start - _JOIN <= v.pos <= h.end + _JOIN and v.start - _JOIN <= h.pos <= v.end + _JOIN


# The horizontal and vertical ruling lines of one table.
Region = tuple[list[Segment], list[Segment]]


def _regions(horizontals: list[Segment], verticals: list[Segment]) -> list[Region]:
    """Connected sets of crossing ruling lines (union-find over horizontal/vertical pairs)."""
    sets = DisjointSets(len(horizontals) + len(verticals))
    offset = len(horizontals)
    by_x = sorted(range(len(verticals)), key=lambda j: verticals[j].pos)
    xs = [verticals[j].pos for j in by_x]
    for i, h in enumerate(horizontals):
        lo = bisect_right(xs, h.start - _JOIN - 1e-6)
        hi = bisect_right(xs, h.end + _JOIN)
        for k in range(lo, hi):
            j = by_x[k]
            if _crosses(h, verticals[j]):
                sets.join(i, offset + j)
    groups: dict[int, Region] = {}
    for i, h in enumerate(horizontals):
        groups.setdefault(sets.root(i), ([], []))[0].append(h)
    for j, v in enumerate(verticals):
        groups.setdefault(sets.root(offset + j), ([], []))[1].append(v)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def _with_loose_boxes(regions: list[Region]) -> list[Region]:
    """Regions joined where one stands on the other's lines, next to it. A table printed with only
    its filled cells ruled (a spreadsheet's cell borders) leaves its header's boxes apart from its
    body's grid when a header row under them is empty, and on a continued page the header of a
    half whose rows have all ended stands apart from the other half's rows."""
    regions = list(regions)
    joined = True
    while joined:
        joined = False
        for k, (hs, vs) in enumerate(regions):
            host = next((h for h in regions[:k] if _belongs((hs, vs), h) or _belongs(h, (hs, vs))), None)
            if host is not None:
                host[0].extend(hs)
                host[1].extend(vs)
                del regions[k]
                joined = True
                break
    return regions


def _belongs(box: Region, table: Region) -> bool:
    """Whether ``box`` stands above or below ``table`` within its width and on its columns, or
    beside it within its height and on its rows, no further from it than the table's least row
    (column) is wide: a title between two tables takes more room than an empty row."""
    x0, y0, x1, y1 = _extent(*box)
    tx0, ty0, tx1, ty1 = _extent(*table)
    return _stands_on(box[1], table[1], (x0, x1), (tx0, tx1), max(ty0 - y1, y0 - ty1, 0.0)) or _stands_on(
        box[0], table[0], (y0, y1), (ty0, ty1), max(tx0 - x1, x0 - tx1, 0.0)
    )


def _stands_on(
    lines: list[Segment],
    table_lines: list[Segment],
    span: tuple[float, float],
    table_span: tuple[float, float],
    gap: float,
) -> bool:
    """Whether lines across ``span`` stand on ``table_lines`` within ``table_span``, and ``gap`` is
    at most the least distance between two of the table's lines."""
    if span[0] < table_span[0] - _SNAP or span[1] > table_span[1] + _SNAP:
        return False
    positions = _positions(table_lines)
    if not all(any(abs(line.pos - p) <= _SNAP for p in positions) for line in lines):
        return False
    return gap <= min((b - a for a, b in pairwise(positions)), default=0.0) + _SNAP


def _extent(hs: list[Segment], vs: list[Segment]) -> tuple[float, float, float, float]:
    xs = [s.pos for s in vs] + [x for s in hs for x in (s.start, s.end)]
    ys = [s.pos for s in hs] + [y for s in vs for y in (s.start, s.end)]
    return min(xs), min(ys), max(xs), max(ys)


def _positions(segments: list[Segment]) -> list[float]:
    positions: list[float] = []
    for pos in sorted(s.pos for s in segments):
        if not positions or pos - positions[-1] > _SNAP:
            positions.append(pos)
    return positions


def _at(segments: list[Segment], positions: list[float]) -> list[list[Segment]]:
    """The segments lying at each position."""
    return [[s for s in segments if abs(s.pos - pos) <= _SNAP] for pos in positions]


def _covers(segments: list[Segment], start: float, end: float) -> bool:
    """Whether ``segments`` (at one position) cover most of the span ``start..end``."""
    covered = sum(max(0.0, min(s.end, end) - max(s.start, start)) for s in segments)
    return covered >= (end - start) * _COVER


def _grid(horizontals: list[Segment], verticals: list[Segment]) -> PageGrid | None:
    ys = _positions(horizontals)
    xs = _positions(verticals)
    if len(ys) < 2 or len(xs) < 2:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    # Separation between horizontally adjacent slots (a vertical line at xs[c + 1] over row r)
    # and vertically adjacent slots (a horizontal line at ys[r + 1] under column c).
    at_x, at_y = _at(verticals, xs), _at(horizontals, ys)
    v_sep = [[_covers(at_x[c + 1], ys[r], ys[r + 1]) for c in range(n_cols - 1)] for r in range(n_rows)]
    h_sep = [[_covers(at_y[r + 1], xs[c], xs[c + 1]) for c in range(n_cols)] for r in range(n_rows - 1)]
    owner = [[-1] * n_cols for _ in range(n_rows)]
    cells: list[GridCell] = []
    for r in range(n_rows):
        for c in range(n_cols):
            if owner[r][c] >= 0:
                continue
            col_span = 1
            while c + col_span < n_cols and not v_sep[r][c + col_span - 1] and owner[r][c + col_span] < 0:
                col_span += 1
            row_span = 1
            while r + row_span < n_rows and all(
                not h_sep[r + row_span - 1][k] and owner[r + row_span][k] < 0 for k in range(c, c + col_span)
            ):
                row_span += 1
            for rr in range(r, r + row_span):
                for cc in range(c, c + col_span):
                    owner[rr][cc] = len(cells)
            cells.append(GridCell(r, c, row_span, col_span, []))
    return PageGrid(xs, ys, cells, owner) if len(cells) > 1 else None


def assign_chars(page: PageContent, grids: list[PageGrid]) -> None:
    """Put every printed character inside a table into the cell under its centre."""
    if not grids:
        return
    for index, (left, top, right, bottom) in enumerate(page.boxes):
        if right <= left:  # no box: a space, or a character outside every table band
            continue
        cx, cy = (left + right) / 2, (top + bottom) / 2
        for grid in grids:
            x0, y0, x1, y1 = grid.bbox
            if x0 <= cx <= x1 and y0 <= cy <= y1:
                r = min(max(bisect_right(grid.ys, cy) - 1, 0), grid.n_rows - 1)
                c = min(max(bisect_right(grid.xs, cx) - 1, 0), grid.n_cols - 1)
                grid.cells[grid.owner[r][c]].chars.append(index)
                break
