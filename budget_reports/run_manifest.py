"""The run manifest: what the last staging run found in the raw folder, and where it staged each file.

One small JSON file beside the staged reports, written atomically at the end of every staging run:
each input file's size, modification time and content hash (by path), and each staged folder the run
kept with its parse status and the per-file limit its file was stopped at, under the run's parser
version. A run where nothing changed compares the raw folder's listing with it and opens no staged
file. It is only a shortcut: a file or folder the manifest does not vouch for (a killed run left it
out, the manifest is missing, damaged or written by another parser version) is looked at as if
there were no manifest, at the cost of reading its staged status back.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST_FILE = "run-manifest.json"
_FORMAT = 1

Recorded = tuple[int, int, str]  # size, modification time (ns), SHA-256


@dataclass(frozen=True, slots=True)
class StagedFolder:
    parse_status: str
    limit: dict | None = None  # the per-file limits in force when its file was stopped at one


@dataclass(slots=True)
class RunManifest:
    parser_version: str | None = None
    hashes: dict[str, Recorded] = field(default_factory=dict)  # file path -> what it was last seen as
    staged: dict[str, StagedFolder] = field(default_factory=dict)  # staged folder name -> its report

    def staged_at(self, parser_version: str) -> dict[str, StagedFolder]:
        """The staged folders, when the manifest was written by ``parser_version`` (else none)."""
        return self.staged if self.parser_version == parser_version else {}

    @staticmethod
    def load(path: Path) -> RunManifest:
        """The manifest at ``path``; an empty one when it is missing or damaged."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != _FORMAT:
                return RunManifest()
            hashes = {str(k): (int(v[0]), int(v[1]), str(v[2])) for k, v in data["files"].items()}
            staged = {str(k): StagedFolder(str(v[0]), v[1] if isinstance(v[1], dict) else None)
                      for k, v in data["staged"].items()}  # fmt: skip
            return RunManifest(str(data["parser_version"]), hashes, staged)
        except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
            return RunManifest()

    def save(self, path: Path) -> None:
        """Write the manifest whole or not at all (a temporary file renamed over the old one)."""
        data = {
            "format": _FORMAT,
            "parser_version": self.parser_version,
            "files": {k: list(v) for k, v in self.hashes.items()},
            "staged": {k: [v.parse_status, v.limit] for k, v in self.staged.items()},
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".manifest-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False)
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
