"""Row labels of a coded table that prints its codes whole (``2080501 行政单位离退休``), as ``pdftotext``
(default mode) writes them among the figure streams.

Budget tables print a row's code in one cell
(类, 类+款, 类+款+项: 3, 5 or 7 digits), and pdftotext writes the code and the name beside it as one line,
or the code on a line and the name on the next. Those lines are not always in the table's order: a
row's label may come after the figures of rows below it. A coded table's rows ascend by code, so the
labels are put back in the order of their codes; a total row (合计) comes first or last, as printed
before or after every code. The labels read are checked like split codes are: every 款 and 项 sits
under its 类 and 款 (here or on the page before), and each name is its code's in the classification
reference where the reference knows the code.

A table in 元 prints whole numbers (``850``, ``1200``), and a figure under 1,000 without a separator
reads like a 类 code (``208``, ``301``), one of 1,000 to 99,999 like a 款's (``96000``). Such a
token alone on its line is taken for a code only where codes stand in that table: a code not printed
beside a name already, of the classification the table's other codes are of, known to the
reference, its parent on the page, and with a name line to pair with; any other is a figure (the sums
placing it then decide it again). Where more such tokens could be codes than names are left for
them, the page is not read: which of them are figures the text does not say.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from budget_reports.extract.standard_tables.common import is_total
from budget_reports.normalize import compact
from budget_reports.readers.block_words import BARE_FIGURE as _FIGURE
from budget_reports.readers.block_words import WHOLE_CODE, wrapped_cell_runs
from budget_reports.readers.code_names import known_names
from budget_reports.readers.pdf_text import join_wrapped
from budget_reports.readers.printed_numbers import COLUMN_NUMBER_WORDS

if TYPE_CHECKING:  # column_blocks reads its pages with this module
    from budget_reports.readers.column_blocks import BlockLine

_CLASS_LENGTH = 3
_GROUP = 3  # digits in a thousands group
_MAX_NAME_LINES = 4  # lines a name wrapped in its cell is printed on, at most
_MAX_HEADER_LINES = 3  # lines a header cell wrapped in it is printed on, at most
Label = tuple[str, "BlockLine", "BlockLine"]  # a row's code, the code as printed, its name
Piece = tuple["BlockLine", str | None, "BlockLine | None"]  # a name line, the code printed beside it (and as printed)


def is_whole_code_label(text: str) -> bool:
    """A line holding a whole code and the name beside it (``2080501 行政单位离退休``)."""
    words = text.split()
    return (
        len(words) >= 2 and WHOLE_CODE.match(words[0]) is not None and not any(c.isdigit() for c in "".join(words[1:]))
    )


def whole_code_rows(
    lines: Sequence[BlockLine], header_words: Collection[str], carried: Sequence[str] = (), in_yuan: bool = False
) -> tuple[list[BlockLine], list[list[BlockLine]], list[BlockLine]] | None:
    """The rows' names (totals included, in table order), each coded row's code as one part, and
    the whole numbers alone on their line that are figures, not codes (``in_yuan``: a table in 元,
    printing whole figures without a separator); None when the page prints no whole code beside a
    name, a code twice, a code whose parent is neither on the page nor ``carried`` (the code parts of
    the page before's last row), or tokens that may be codes or figures alike.
    ``header_words``: the header's cells, among which a total's word (合计) may be printed too."""
    labelled: list[tuple[str, BlockLine, BlockLine]] = []  # (code, code as printed, name)
    lone_codes: list[BlockLine] = []  # codes alone on their line: the code column's stream
    whole_numbers: list[BlockLine] = []  # in 元, other whole numbers alone on their line: figures
    lone_names: list[BlockLine] = []  # names alone on their line: the name column's stream
    pieces: list[Piece] = []  # every name line in the text's order, with the code printed beside it
    # Lines before the first code that are no header cell: a page's first name, wrapped, may come
    # before its code (the code after the rows), or a header cell the header's words do not name.
    early: list[Piece] = []
    totals: list[tuple[int, BlockLine]] = []  # (position among the names, line)
    header_total = False  # the header's own cell named like the total, seen before the rows
    header_cells = False  # a header cell other than a total's alone on its line: the header written cell by cell
    wrapped_header = _wrapped_header_cells(lines, header_words)
    for k, line in enumerate(lines):
        key = compact(line.text)
        if not key or _FIGURE.match(key) or key in COLUMN_NUMBER_WORDS:
            continue  # a 栏次 row's label is no name (its numbers are left out before)
        if k in wrapped_header and (labelled or lone_codes):
            continue  # a piece of a header cell written after the rows: no name
        header_cells = header_cells or (key in header_words and not is_total(key))
        if is_whole_code_label(line.text):
            code, name = line.text.strip().split(maxsplit=1)
            labelled.append((code, replace(line, text=code), replace(line, text=name)))
            pieces.append((replace(line, text=name), code, replace(line, text=code)))
        elif WHOLE_CODE.match(key):
            lone_codes.append(replace(line, text=key))
        elif is_total(key):
            if (
                key in header_words
                and not header_total
                and _opens_header(lines, k, bool(labelled or lone_codes), bool(lone_names), header_words)
            ):
                header_total = True
                continue
            # Its place among the names, not the codes: the total row prints no code, and a text
            # written cell by cell may give the first row's code before the total's name.
            totals.append((len(labelled) + len(lone_names), line))
        elif in_yuan and key.isdigit():  # no code has this length: a figure, or several written on one line
            whole_numbers += [replace(line, text=number) for number in _whole_numbers_of(line.text)]
        elif any(c.isdigit() for c in key):
            continue  # a page number, a column number: no label
        elif key not in header_words and (labelled or lone_codes):
            lone_names.append(replace(line, text=line.text.strip()))
            pieces.append((lone_names[-1], None, None))
        elif key not in header_words:
            early.append((replace(line, text=line.text.strip()), None, None))
    if in_yuan:
        # Lines standing above a name (the code above its name): where a code printed twice is the code.
        before_name = {replace(line, text=compact(line.text)) for k, line in enumerate(lines) if _above_name(lines, k)}
        # A page going on with a table may open with a wrapped name whose code pdftotext writes after
        # the rows (``住房改革支`` / ``出`` … ``22102``): a name of those before the first code.
        names = [*_named_before_codes(early, lone_codes), *lone_names]
        codes_read = _codes_or_figures(lone_codes, [code for code, _, _ in labelled], names, carried, before_name)
        if codes_read is None:
            return None
        lone_codes, figures = codes_read
        whole_numbers += figures
    # Each column written top to bottom: the lone codes, in the table's order, take the lone names in
    # theirs; a name wrapped in its cell is printed on lines one after the other (``_wrapped_names``).
    lone_codes.sort(key=lambda line: line.text)
    if len(lone_codes) == len(lone_names):
        labelled += [(code.text, code, name) for code, name in zip(lone_codes, lone_names, strict=True)]
    else:
        # The lines before the first code, where they open a wrapped name with the lines after them
        # (``机关事业单位`` / ``2080506 职业年金缴费`` / ``支出``): a page going on with a table whose
        # first row's code pdftotext writes beside its name's middle line. Else the names without them
        # (a unit line, a header cell the header's words do not name, left out).
        grouped = (_wrapped_names(early + pieces, lone_codes) if early else None) or _wrapped_names(pieces, lone_codes)
        if grouped is None:
            return None
        labelled = grouped
    if not header_total and header_cells:
        # The header's total cell written after the rows (a table printing its 合计 column last, the
        # header cell by cell): the first total after the rows named like it is the header's.
        late = [k for k, (position, line) in enumerate(totals) if position > 0 and compact(line.text) in header_words]
        if late:
            del totals[late[0]]
    if not labelled or len(totals) > 1:
        return None
    codes = [code for code, _, _ in labelled]
    if len(set(codes)) != len(codes) or not _parents_known(codes, "".join(carried)):
        return None
    ordered = sorted(labelled, key=lambda entry: entry[0])
    names = [name for _, _, name in ordered]
    parts = [[printed] for _, printed, _ in ordered]
    if totals:
        position, total = totals[0]
        names = [total, *names] if position == 0 else [*names, total]
    return names, parts, whole_numbers


def _named_before_codes(early: Sequence[Piece], lone_codes: Sequence[BlockLine]) -> list[BlockLine]:
    """The lines before a page's first code that open a name of one of its lone codes, its lines one
    after the other joined (a wrapped name): a unit line or a header cell the header's words do not
    name is no such line."""
    texts = [compact(line.text) for line, _, _ in early]
    names = {name for code in lone_codes for name in known_names(code.text)}
    out: list[BlockLine] = []
    i = 0
    while i < len(texts):
        ends = range(i + 1, min(i + _MAX_NAME_LINES, len(texts)) + 1)
        end = next((end for end in ends if "".join(texts[i:end]) in names), None)
        if end is not None:
            out.append(early[i][0])
        i = end if end is not None else i + 1
    return out


def _opens_header(
    lines: Sequence[BlockLine], k: int, codes_seen: bool, names_seen: bool, words: Collection[str]
) -> bool:
    """Whether the total's word at line ``k`` is the header's cell (合计 over its column): before any
    row's code, or after codes but before any row's name with the header's next cell after it. A page
    going on with a table may write its first row's code before the header it prints again
    (``科目名称`` / ``2210203`` / ``合计`` / ``基本支出``); a total row printed first, after the first
    row's code, is followed by its figures."""
    if not codes_seen:
        return True
    if names_seen:
        return False
    following = next((key for line in lines[k + 1 :] if (key := compact(line.text))), "")
    return following in words and not is_total(following)


def _whole_numbers_of(text: str) -> list[str]:
    """The whole figures a line of whole numbers prints: each word one where they are no figure grouped
    by spaces (``2 649 730``: its first group of 1-3 digits, then groups of 3): two cells pdftotext
    wrote on one line (``2649730 1628900``, cells of two rows, as ``column_blocks.cells_apart`` reads
    them), never one figure of their digits joined."""
    words = text.split()
    grouped = 0 < len(words[0]) <= _GROUP and all(len(word) == _GROUP for word in words[1:])
    return [compact(text)] if len(words) == 1 or grouped else words


def _wrapped_header_cells(lines: Sequence[BlockLine], header_words: Collection[str]) -> set[int]:
    """The lines that are pieces of a header cell wrapped in it (``财政拨款收`` / ``入``): lines one after
    the other, each no header word alone, that join into one (a narrow page wraps the header's cells,
    and pdftotext may write those of the columns on the right after the rows, among no name)."""
    texts = [compact(line.text) for line in lines]
    usable = [bool(text) and text not in header_words for text in texts]
    pieces: set[int] = set()
    for first, last in wrapped_cell_runs(texts, header_words, usable, _MAX_HEADER_LINES):
        if first not in pieces:  # a line already a piece opens no other cell
            pieces.update(range(first, last + 1))
    return pieces


def _wrapped_names(pieces: Sequence[Piece], lone_codes: Sequence[BlockLine]) -> list[Label] | None:
    """Each row's code and name where names wrap in their cells: the name lines, in the text's order,
    grouped into one name per code (the lone codes, in the table's order, take the groups holding no
    code beside a name, in theirs); a group of several lines joins into its code's name in the
    classification reference. None unless exactly one grouping fits, or where a lone code is unknown
    to the reference (a whole number in 元 taken for one, maybe: no name tells).

    pdftotext may write a wrapped name's lines after the names of rows below it (its block read
    later than theirs): where no grouping keeps the table's order, each lone code takes the group
    that is its own name in the reference, wherever it stands, if exactly one grouping does so (two
    lone codes of one name, ``行政运行`` under two 款, give two: not read)."""
    if not all(known_names(code.text) for code in lone_codes):
        return None
    count, grouping = _name_groupings(pieces, lone_codes, in_order=True)
    if not count:
        count, grouping = _name_groupings(pieces, lone_codes, in_order=False)
    return list(grouping) if count == 1 else None


def _name_groupings(
    pieces: Sequence[Piece], lone_codes: Sequence[BlockLine], in_order: bool
) -> tuple[int, tuple[Label, ...]]:
    """How many groupings (0, 1 or 2: more is as good as 2) of the name lines into one name per code
    fit, and one of them; ``in_order``: the lone codes take the groups in the table's order, else
    each group any lone code left whose name in the reference it is."""
    known: dict[tuple[int, tuple[int, ...]], tuple[int, tuple[Label, ...]]] = {}

    def ways(i: int, left: tuple[int, ...]) -> tuple[int, tuple[Label, ...]]:
        """The groupings of the lines from ``i`` on, the lone codes ``left`` (their indexes) untaken."""
        if i == len(pieces):
            return (0, ()) if left else (1, ())
        if (i, left) in known:
            return known[i, left]
        count, example = 0, ()
        for end in range(i + 1, min(i + _MAX_NAME_LINES, len(pieces)) + 1):
            group = pieces[i:end]
            beside = [(code, printed) for _, code, printed in group if code is not None and printed is not None]
            if len(beside) > 1:
                break
            # Where names wrap, a line left alone may be a wrapped name's part: every name the
            # reference knows must read as its code's, a joined one always.
            name = "".join(compact(line.text) for line, _, _ in group)
            for (code, printed), rest_left in _codes_for_group(beside, lone_codes, left, in_order):
                names = known_names(code)
                if (names or len(group) > 1) and name not in names:
                    continue
                found, rest = ways(end, rest_left)
                if found and not count:
                    # Matched compact, kept as printed (``维修（护）费``, not its NFKC ``维修(护)费``).
                    as_printed = join_wrapped([line.text.strip() for line, _, _ in group])[0]
                    example = ((code, printed, replace(group[0][0], text=as_printed)), *rest)
                count += found
                if count >= 2:  # two groupings: the text does not say which
                    break
            if count >= 2:
                break
        known[i, left] = (min(count, 2), example)
        return known[i, left]

    return ways(0, tuple(range(len(lone_codes))))


def _codes_for_group(
    beside: list[tuple[str, BlockLine]], lone_codes: Sequence[BlockLine], left: tuple[int, ...], in_order: bool
) -> list[tuple[tuple[str, BlockLine], tuple[int, ...]]]:
    """The codes a group of name lines may take, each with the lone codes left after: the code
    printed beside a line of it, else the next lone code (``in_order``) or any left."""
    if beside:
        return [(beside[0], left)]
    takers = left[:1] if in_order else left
    return [((lone_codes[k].text, lone_codes[k]), tuple(j for j in left if j != k)) for k in takers]


def _codes_or_figures(
    tokens: list[BlockLine],
    labelled: list[str],
    names: list[BlockLine],
    carried: Sequence[str],
    before_name: set[BlockLine],
) -> tuple[list[BlockLine], list[BlockLine]] | None:
    """The lone tokens shaped like codes split into codes and figures (a table in 元). A code is not
    printed beside a name already, is of the classification of the table's codes beside names, known
    to the reference, with its parent on the page or ``carried``; one code per lone name, those whose
    name is among the lone names where more could be; a code printed twice is a code once, where it
    stands above a name. Fewer such codes than lone name lines (names wrapped over lines): the tokens
    that can be no code are figures all the same (each name group is checked against its code's name
    after). None when the text does not say which tokens are codes."""
    schemes = {code[0] for code in labelled}
    present = {*labelled, *(t.text for t in tokens)}
    possible = dict.fromkeys(
        t.text
        for t in tokens
        if t.text not in labelled
        and (not schemes or t.text[0] in schemes)
        and known_names(t.text)
        and (len(t.text) == _CLASS_LENGTH or t.text[:-2] in present or "".join(carried).startswith(t.text[:-2]))
    )
    if len(possible) > len(names):
        printed = {compact(name.text) for name in names}
        possible = dict.fromkeys(code for code in possible if known_names(code) & printed)
    if len(possible) > len(names):
        return None
    codes = []
    for code in possible:
        lines = [t for t in tokens if t.text == code]
        if len(lines) > 1:
            lines = [t for t in lines if t in before_name]
        if len(lines) != 1:
            return None
        codes.append(lines[0])
    return codes, [t for t in tokens if t not in codes]


def _above_name(lines: Sequence[BlockLine], k: int) -> bool:
    """Whether the line after line ``k`` (blank lines skipped) holds words and no digit: a name."""
    following = next((line.text for line in lines[k + 1 :] if line.text.strip()), "")
    return bool(following) and not any(c.isdigit() for c in following)


def _parents_known(codes: list[str], carried: str) -> bool:
    present = set(codes)
    for code in codes:
        if len(code) == _CLASS_LENGTH:
            continue
        parent = code[:-2]
        if parent not in present and not carried.startswith(parent):
            return False
    return True
