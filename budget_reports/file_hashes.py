"""Content hashes of the raw files, reused between runs by size and modification time.

A nightly run over a large raw folder would otherwise read every byte of every report just to find
that nothing changed. A file whose size and modification time (in nanoseconds) are those recorded
keeps its recorded hash, as make and git trust file metadata; any other file is hashed again. The
hashes are kept between runs in the run manifest (``run_manifest.py``); a missing or damaged
manifest only means hashing everything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from budget_reports.run_manifest import MANIFEST_FILE, Recorded

# Where the hashes are kept: the run manifest beside the staged reports.
RECORD_FILE = MANIFEST_FILE


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class FileHashes:
    """Hashes by path, reused while a file's size and modification time are those of ``known``."""

    def __init__(self, known: Mapping[str, Recorded] | None = None) -> None:
        self._known = known or {}
        self.seen: dict[str, Recorded] = {}  # every file hashed or looked up this run
        self.hashed = 0  # files read in full this run

    def sha256(self, path: Path, size: int, mtime_ns: int) -> str:
        key = str(path)
        known = self._known.get(key)
        if known is not None and known[0] == size and known[1] == mtime_ns:
            sha = known[2]
        else:
            sha = file_sha256(path)
            self.hashed += 1
        self.seen[key] = (size, mtime_ns, sha)
        return sha
