"""Word XML nested deeper than the XML parser allows, made readable by flattening only the deep parts.

libxml2 (under python-docx) refuses a document whose elements nest deeper than 256 levels, and its
huge mode only moves the limit. Real documents stay far below it; tables pasted into tables over and
over, or a generated file, do not. ``flatten_deep_parts`` streams the XML with expat (no depth limit,
no recursion) and replaces each outermost paragraph or table that holds too deep an element by plain
paragraphs carrying its text, in order: the rest of the document is left byte for byte, the words are
kept, and only the structure of the deep part (its table grid, its nesting) is lost, which the caller
reports.
"""

from __future__ import annotations

import xml.parsers.expat
from dataclasses import dataclass
from xml.sax.saxutils import escape

# libxml2's nesting limit without XML_PARSE_HUGE.
MAX_XML_DEPTH = 256
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# A replacement paragraph (w:p/w:r/w:t) adds two levels below the element it replaces.
_REPLACEMENT_DEPTH = 2
# Elements whose place a paragraph may take: the block-level content of a body, cell or text box.
_BLOCKS = {f"{_W} p", f"{_W} tbl"}


@dataclass(frozen=True, slots=True)
class Flattened:
    """The XML with its deep parts flattened, and what that cost."""

    xml: bytes
    parts: int  # deep paragraphs or tables replaced
    deepest: int  # nesting depth of the original document
    paragraphs_kept: int  # paragraphs of text written in their place

    @property
    def message(self) -> str:
        """Why the report is partial, for ``Document.lost``."""
        return (
            f"DOCX 正文 XML 嵌套 {self.deepest} 层，超过可读取的 {MAX_XML_DEPTH} 层："
            f"{self.parts} 处过深的表格或段落已舍弃其结构（表格行列、嵌套），"
            f"其中的文字按原顺序保留为 {self.paragraphs_kept} 个段落"
        )


def flatten_deep_parts(xml_bytes: bytes) -> Flattened:
    """``xml_bytes`` with every outermost paragraph or table holding an element deeper than
    ``MAX_XML_DEPTH`` replaced by paragraphs of its text. Raises ``xml.parsers.expat.ExpatError``
    for XML that is not well formed."""
    spans, deepest = _deep_spans(xml_bytes)
    pieces: list[bytes] = []
    kept = 0
    at = 0
    for start, end in spans:
        paragraphs = _paragraph_texts(xml_bytes[start:end])
        kept += len(paragraphs)
        pieces += [xml_bytes[at:start], _as_paragraphs(paragraphs)]
        at = end
    pieces.append(xml_bytes[at:])
    return Flattened(b"".join(pieces), len(spans), deepest, kept)


def _deep_spans(xml_bytes: bytes) -> tuple[list[tuple[int, int]], int]:
    """Byte spans [start, end) of the elements to flatten, in order, and the document's deepest level."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    open_elements: list[tuple[str, int]] = []  # (name, start offset) of the kept elements still open
    spans: list[tuple[int, int]] = []
    state = {"depth": 0, "deepest": 0, "cut_depth": 0}  # cut_depth: depth of the element being dropped

    def start(name: str, _attributes: dict) -> None:
        state["depth"] += 1
        state["deepest"] = max(state["deepest"], state["depth"])
        if state["cut_depth"]:
            return
        open_elements.append((name, parser.CurrentByteIndex))
        if state["depth"] > MAX_XML_DEPTH:
            root = _cut_root(open_elements)
            state["cut_depth"] = root + 1
            spans.append((open_elements[root][1], -1))
            del open_elements[root + 1 :]

    def end(_name: str) -> None:
        depth = state["depth"]
        state["depth"] -= 1
        if state["cut_depth"] and depth > state["cut_depth"]:
            return
        open_elements.pop()
        if state["cut_depth"]:  # the dropped element closes here, with an end tag (it has children)
            index = parser.CurrentByteIndex
            spans[-1] = (spans[-1][0], xml_bytes.index(b">", index) + 1)
            state["cut_depth"] = 0

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.Parse(xml_bytes, True)
    return spans, state["deepest"]


def _cut_root(open_elements: list[tuple[str, int]]) -> int:
    """Index in ``open_elements`` of the element to flatten: the deepest paragraph or table whose
    replacement fits under the limit, else the body's child holding the deep element (open_elements
    starts w:document, w:body), where paragraphs always belong."""
    fits = MAX_XML_DEPTH - _REPLACEMENT_DEPTH  # depth (1-based) the replacement paragraph may start at
    for index in range(min(fits, len(open_elements)) - 1, 1, -1):
        if open_elements[index][0] in _BLOCKS:
            return index
    return 2


def _paragraph_texts(fragment: bytes) -> list[str]:
    """The text of each paragraph in an XML fragment, in order (deleted text and field codes left out)."""
    parser = xml.parsers.expat.ParserCreate()  # prefixes are declared outside the fragment: match local names
    paragraphs: list[str] = []
    current: list[str] = []
    in_text = [False]

    def start(name: str, _attributes: dict) -> None:
        local = name.rpartition(":")[2]
        in_text[0] = local == "t"
        if local == "tab":
            current.append("\t")

    def end(name: str) -> None:
        local = name.rpartition(":")[2]
        in_text[0] = False
        if local in ("p", "br", "cr"):
            text = "".join(current).strip()
            if text:
                paragraphs.append(text)
            current.clear()

    def characters(data: str) -> None:
        if in_text[0]:
            current.append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.Parse(fragment, True)
    text = "".join(current).strip()
    return [*paragraphs, text] if text else paragraphs


def _as_paragraphs(texts: list[str]) -> bytes:
    runs = (f'<w:p xmlns:w="{_W}"><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>' for text in texts)
    return "".join(runs).encode("utf-8")
