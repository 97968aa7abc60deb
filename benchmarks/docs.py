"""docs/benchmarks.md is written by more than one benchmark: each owns a marked section of it."""

from __future__ import annotations

import re


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


def section(doc: str, name: str) -> str:
    """The marked section ``name`` of ``doc``, markers included ('' when there is none)."""
    begin, end = _markers(name)
    match = re.search(re.escape(begin) + r".*?" + re.escape(end) + r"\n?", doc, re.DOTALL)
    return match.group(0) if match else ""
