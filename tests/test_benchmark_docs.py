"""The benchmarks share docs/benchmarks.md: a page rewrite keeps every marked section, a section write only its own."""

from __future__ import annotations

from pathlib import Path

from benchmarks.docs import write_between, write_page, write_section


def test_sections_survive_a_rewrite_of_the_page(tmp_path: Path) -> None:
    page = tmp_path / "benchmarks.md"
    write_page(page, "# Benchmarks\n\nfirst measurement\n")
    write_section(page, "scale", "## Scale\n\n| a | 1 |\n")
    write_section(page, "scale-cores", "## Cores\n\n| b | 2 |\n")
    write_section(page, "scale", "## Scale\n\n| a | 3 |\n")  # replaced in place, the other kept
    write_page(page, "# Benchmarks\n\nsecond measurement\n")
    text = page.read_text(encoding="utf-8")
    assert "second measurement" in text and "first measurement" not in text
    assert text.count("<!-- scale: begin -->") == 1 and "| a | 3 |" in text and "| a | 1 |" not in text
    assert text.count("<!-- scale-cores: begin -->") == 1 and "| b | 2 |" in text
    assert text.index("<!-- scale: begin -->") < text.index("<!-- scale-cores: begin -->")


def test_a_benchmark_measured_alone_rewrites_only_its_headed_sections(tmp_path: Path) -> None:
    page = tmp_path / "benchmarks.md"
    write_page(page, "# Benchmarks\n\n## Text\n\nold text figures\n\n## Memory\n\nmemory figures\n")
    write_section(page, "scale", "## Scale\n\n| a | 1 |\n")
    write_between(page, "## Text", "## Memory", "## Text\n\nnew text figures\n")
    text = page.read_text(encoding="utf-8")
    assert "new text figures" in text and "old text figures" not in text
    assert text.index("new text figures") < text.index("## Memory") < text.index("memory figures")
    assert "# Benchmarks" in text and text.count("<!-- scale: begin -->") == 1 and text.count("| a | 1 |") == 1
