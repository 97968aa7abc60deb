"""The run manifest lets a run where nothing changed skip opening staged files, and is only a shortcut:
a missing manifest, or a staged folder it does not vouch for, is looked at as before."""

from __future__ import annotations

import json

from budget_reports.run_manifest import MANIFEST_FILE, RunManifest
from budget_reports.runs import Paths, stage_reports


def _damage_every_staged_status(paths: Paths) -> None:
    for folder in paths.stage_dir.iterdir():
        if folder.is_dir():
            (folder / "reports.parquet").write_bytes(b"not parquet")


def test_a_run_with_nothing_changed_opens_no_staged_file(seed_paths: Paths) -> None:
    first = stage_reports(seed_paths)
    manifest = RunManifest.load(seed_paths.stage_dir / MANIFEST_FILE)
    assert set(manifest.staged) == {d.name for d in first.stage_dirs}
    assert sum(1 for f in manifest.staged.values() if f.parse_status) == first.files
    # Staged statuses made unreadable: a run trusting the manifest never notices.
    _damage_every_staged_status(seed_paths)
    again = stage_reports(seed_paths)
    assert (again.extracted, again.reused, again.hashed) == (0, first.files, 0)
    assert again.status_counts == first.status_counts


def test_without_a_manifest_staged_folders_are_read_back(seed_paths: Paths) -> None:
    first = stage_reports(seed_paths)
    (seed_paths.stage_dir / MANIFEST_FILE).unlink()
    again = stage_reports(seed_paths)
    assert (again.extracted, again.reused) == (0, first.files)
    assert again.status_counts == first.status_counts
    # Now without a manifest and with unreadable staged statuses: every file is extracted again.
    (seed_paths.stage_dir / MANIFEST_FILE).unlink()
    _damage_every_staged_status(seed_paths)
    third = stage_reports(seed_paths)
    assert (third.extracted, third.reused) == (first.files, 0)
    assert third.status_counts == first.status_counts


def test_a_folder_the_manifest_does_not_vouch_for_is_read_back(seed_paths: Paths) -> None:
    """As after a run killed between staging a folder and writing its manifest."""
    first = stage_reports(seed_paths)
    path = seed_paths.stage_dir / MANIFEST_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    forgotten = sorted(data["staged"])[0]
    del data["staged"][forgotten]
    path.write_text(json.dumps(data), encoding="utf-8")
    (seed_paths.stage_dir / forgotten / "reports.parquet").write_bytes(b"not parquet")
    again = stage_reports(seed_paths)
    assert (again.extracted, again.reused) == (1, first.files - 1)
    assert again.status_counts == first.status_counts
    assert forgotten in RunManifest.load(path).staged


def test_a_manifest_of_another_parser_version_vouches_for_nothing(seed_paths: Paths) -> None:
    stage_reports(seed_paths)
    path = seed_paths.stage_dir / MANIFEST_FILE
    manifest = RunManifest.load(path)
    assert manifest.staged_at("another version") == {}
    assert manifest.staged_at(manifest.parser_version) == manifest.staged
