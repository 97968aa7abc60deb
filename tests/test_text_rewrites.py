"""A PDF's extracted text as other tools and hands leave it: each extractor's text of the Putuo report,
rewritten the ways such text is found (Windows line ends, a byte-order mark, a Chinese Windows
encoding or UTF-16, spaces trailing or no-break, paragraphs indented with ideographic spaces, page
breaks made line ends, a running header and a page footer on every page, full-width figures in the
prose, an input method's thousands commas and decimal points), reads the facts the text itself gives, view by view.

The forms that needed reading of their own have their own tests (full-width figures, squeezed and
tab-compressed spacing, ``-fixed`` margins, pages without breaks); this one holds the family together.
The budget report's text (a real one, its tables in 元 written a row per line) goes through the same
rewrites.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from budget_reports.gold import extract_frames
from budget_reports.text_serializations import SERIALIZERS, missing_program, write_serialization
from tests.conftest import corpus_file
from tests.serialization_facts import Facts, facts, shortfalls
from tests.test_full_width_figures import full_width_prose

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"
BUDGET_TEXT = "shanghai-putuo-urban-management-2026-budget.txt"


def _with_page_furniture(text: str) -> str:
    """A running header over each page and ``第 n 页 共 N 页`` at its foot."""
    pages = text.split("\f")
    count = sum(1 for page in pages if page.strip())
    header = "上海市普陀区财政局2024年度部门决算"
    return "\f".join(
        f"{header}\n{page.rstrip(chr(10))}\n第 {n} 页 共 {count} 页\n" if page.strip() else page
        for n, page in enumerate(pages, start=1)
    )


def _indented(text: str) -> str:
    """Each line opening a paragraph (after a sentence's end) indented by two ideographic spaces."""
    out, previous = [], "。"
    for line in text.split("\n"):
        opens = line[:1] >= "\u4e00" and previous.rstrip()[-1:] in ("。", "：", "")
        out.append("\u3000\u3000" + line if opens else line)
        previous = line
    return "\n".join(out)


# Each rewrite: the text's new form and the encoding it is saved in.
REWRITES: dict[str, tuple[Callable[[str], str], str]] = {
    "crlf": (lambda text: text.replace("\n", "\r\n"), "utf-8"),
    "bom": (lambda text: text, "utf-8-sig"),
    "gb18030": (lambda text: text, "gb18030"),
    "utf-16": (lambda text: text, "utf-16"),
    "trailing-spaces": (lambda text: text.replace("\n", "  \n"), "utf-8"),
    "no-break-spaces": (lambda text: text.replace(" ", "\u00a0"), "utf-8"),
    "ideographic-indents": (_indented, "utf-8"),
    "no-page-breaks": (lambda text: text.replace("\f", "\n"), "utf-8"),
    "page-furniture": (_with_page_furniture, "utf-8"),
    "full-width-prose": (full_width_prose, "utf-8"),
    # An input method's comma between the digit groups (``2，940.05``, tables typed by hand in Word).
    "ime-thousands-commas": (lambda text: re.sub(r"(?<=[0-9]),(?=[0-9]{3})", "，", text), "utf-8"),
    # An input method's full stop for the decimal point (``161．62``, ``0．21%``), its commas too.
    "ime-decimal-points": (
        lambda text: re.sub(r"(?<=[0-9])\.(?=[0-9])", "．", re.sub(r"(?<=[0-9]),(?=[0-9]{3})", "，", text)),
        "utf-8",
    ),
}


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {
        serializer: write_serialization(corpus_file(PUTUO), serializer, tmp_path_factory.mktemp(serializer))
        for serializer in sorted(SERIALIZERS)
        if missing_program(serializer) is None
    }


@pytest.fixture(scope="module")
def text_facts(texts: dict[str, Path]) -> dict[str, Facts]:
    assert len({path.read_bytes() for path in texts.values()}) == len(texts)  # each extractor's own text
    return {serializer: facts(extract_frames(path, PUTUO)) for serializer, path in texts.items()}


def _rewritten(text: str, rewrite: str, path: Path) -> Path:
    """``text`` written to ``path`` in the form and encoding of ``rewrite``."""
    form, encoding = REWRITES[rewrite]
    path.write_bytes(form(text).encode(encoding))
    return path


def _reads_as(expected: Facts, rewritten: Path, source_file: str, rewrite: str) -> list[str]:
    """The views whose facts the rewritten text reads otherwise than ``expected``, with the differences."""
    return shortfalls(expected, facts(extract_frames(rewritten, source_file)), {}, "the text", rewrite)


@pytest.mark.parametrize("rewrite", sorted(REWRITES))
@pytest.mark.parametrize("serializer", sorted(SERIALIZERS))
def test_rewritten_text_gives_the_facts_of_the_text(
    serializer: str, rewrite: str, texts: dict[str, Path], text_facts: dict[str, Facts], tmp_path: Path
) -> None:
    if (missing := missing_program(serializer)) is not None:
        pytest.skip(missing)
    text = texts[serializer].read_text(encoding="utf-8")
    rewritten = _rewritten(text, rewrite, tmp_path / f"{rewrite}-{texts[serializer].name}")
    # pdfplumber lifts the prose's figures onto lines of their own (its prose lines print none to widen);
    # pdf.js writes no page break to make a line end.
    unchanged = {("full-width-prose", "pdfplumber"), ("no-page-breaks", "pdfjs")}
    assert rewritten.read_bytes() != text.encode("utf-8") or (rewrite, serializer) in unchanged
    assert sum(sum(rows.values()) for rows in text_facts[serializer].values()) > 100
    failures = _reads_as(text_facts[serializer], rewritten, PUTUO, rewrite)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("rewrite", sorted(REWRITES))
def test_rewritten_budget_text_gives_the_facts_of_the_text(rewrite: str, tmp_path: Path) -> None:
    path = corpus_file(BUDGET_TEXT)
    rewritten = _rewritten(path.read_text(encoding="utf-8"), rewrite, tmp_path / f"{rewrite}-{BUDGET_TEXT}")
    assert rewritten.read_bytes() != path.read_bytes()
    expected = facts(extract_frames(path))
    assert sum(sum(rows.values()) for rows in expected.values()) > 60
    failures = _reads_as(expected, rewritten, BUDGET_TEXT, rewrite)
    assert not failures, "\n".join(failures)
