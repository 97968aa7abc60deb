"""Build documents holding standard tables from plain grids (rows of cell texts), as DOCX or
spreadsheet readers give them: no spans, one cell per grid position, a line per row."""

from __future__ import annotations

from budget_reports.model import Block, BlockKind, Cell, Document, Table


def grid_table(rows: list[list[str]], page: int | None = None, first_line: int = 10) -> Table:
    n_cols = max(len(r) for r in rows)
    cells = tuple(
        Cell(r, c, text, page=page, line=first_line + r) for r, row in enumerate(rows) for c, text in enumerate(row)
    )
    return Table(cells, len(rows), n_cols, page=page, line=first_line, pages=(page,) if page else ())


def table_block(rows: list[list[str]], page: int | None = None, first_line: int = 10) -> Block:
    table = grid_table(rows, page, first_line)
    text = "\n".join("\t".join(r) for r in rows)
    return Block(BlockKind.TABLE, text, page, first_line, table)


def document(*parts: str | list[list[str]], source_file: str = "grid.docx") -> Document:
    """Paragraphs (str) and tables (grids) in order; line numbers follow the order."""
    blocks: list[Block] = []
    line = 1
    for part in parts:
        if isinstance(part, str):
            blocks.append(Block(BlockKind.PARAGRAPH, part, None, line))
            line += 1
        else:
            blocks.append(table_block(part, None, line))
            line += len(part)
    return Document(source_file=source_file, file_format="docx", blocks=blocks)
