"""docs/benchmarks.md is written by more than one benchmark: `make bench` writes the page, and each
other benchmark owns a marked section of it, which a rewrite of the page keeps as it is."""

from __future__ import annotations

import re
from pathlib import Path

_SECTION = re.compile(r"<!-- (?P<name>[\w-]+): begin -->.*?<!-- (?P=name): end -->\n?", re.DOTALL)


def _markers(name: str) -> tuple[str, str]:
    return f"<!-- {name}: begin -->", f"<!-- {name}: end -->"


def replace_section(doc: str, name: str, body: str) -> str:
    """``doc`` with section ``name`` holding ``body`` (appended at the end when it is not there yet)."""
    begin, end = _markers(name)
    block = f"{begin}\n{body.rstrip()}\n{end}\n"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end) + r"\n?", re.DOTALL)
    if pattern.search(doc):
        return pattern.sub(lambda _: block, doc, count=1)
    return doc.rstrip("\n") + "\n\n" + block


def write_section(path: Path, name: str, body: str) -> None:
    """Replace (or add) the marked section ``name`` of the page at ``path``."""
    doc = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(replace_section(doc, name, body), encoding="utf-8")


def write_page(path: Path, body: str) -> None:
    """Write the page at ``path`` as ``body`` followed by the marked sections it held (other benchmarks')."""
    doc = path.read_text(encoding="utf-8") if path.exists() else ""
    kept = "".join(match.group(0) for match in _SECTION.finditer(doc))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body.rstrip("\n") + "\n" + ("\n" + kept if kept else ""), encoding="utf-8")


def write_between(path: Path, start: str, end: str, body: str) -> None:
    """Replace the part of the page from the line ``start`` up to (not including) the line ``end`` with
    ``body``: a benchmark measured alone rewrites the headed sections it produces and keeps the rest."""
    doc = path.read_text(encoding="utf-8")
    first, last = doc.index(start), doc.index(end)
    path.write_text(doc[:first] + body.rstrip("\n") + "\n\n" + doc[last:], encoding="utf-8")
