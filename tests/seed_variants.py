"""Variants of the real seed reports for rule tests: one passage of a seed's text changed, then the
whole per-report step (``ingest.process_file``: reader, extractors, rules) run on the changed copy."""

from __future__ import annotations

from pathlib import Path

from budget_reports.facts import ExtractedReport, Finding
from budget_reports.file_hashes import file_sha256
from budget_reports.ingest import RawFile, process_file
from tests.conftest import SEED_DIR


def seed_text(name: str) -> str:
    return (SEED_DIR / name).read_text(encoding="utf-8")


def run_text(tmp_path: Path, name: str, text: str) -> ExtractedReport:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return process_file(RawFile(path, name, file_sha256(path), path.stat().st_size))


def run_variant(tmp_path: Path, name: str, old: str, new: str) -> ExtractedReport:
    """The seed with the one passage ``old`` replaced by ``new`` (which must occur exactly once)."""
    text = seed_text(name)
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
    return run_text(tmp_path, name, text.replace(old, new))


def of_rule(result: ExtractedReport, prefix: str) -> list[Finding]:
    return [f for f in result.findings if f.rule_id == prefix or f.rule_id.startswith(prefix + ".")]
