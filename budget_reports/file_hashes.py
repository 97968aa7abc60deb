"""Content hashes of the raw files, remembered between runs by size and modification time.

A nightly run over a large raw folder would otherwise read every byte of every report just to find
that nothing changed. A file whose size and modification time (in nanoseconds) are those recorded
keeps its recorded hash, as make and git trust file metadata; any other file is hashed again. The
record lives beside the staged reports; a missing or damaged record only means hashing everything.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

RECORD_FILE = "file-hashes.json"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class FileHashes:
    """Hashes by path, reused while a file's size and modification time are unchanged."""

    def __init__(self, record: Path | None = None) -> None:
        self._record = record
        self._known: dict[str, list] = self._load(record) if record is not None else {}
        self._seen: dict[str, list] = {}
        self.hashed = 0  # files read in full this run

    def sha256(self, path: Path, size: int, mtime_ns: int) -> str:
        key = str(path)
        known = self._known.get(key)
        if known is not None and known[0] == size and known[1] == mtime_ns:
            sha = known[2]
        else:
            sha = file_sha256(path)
            self.hashed += 1
        self._seen[key] = [size, mtime_ns, sha]
        return sha

    def save(self) -> None:
        """Write the hashes of the files seen this run (files gone since are forgotten), atomically."""
        if self._record is None:
            return
        self._record.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self._record.parent, prefix=".hashes-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(self._seen, out, ensure_ascii=False)
        os.replace(temporary, self._record)

    @staticmethod
    def _load(record: Path) -> dict[str, list]:
        try:
            data = json.loads(record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {k: v for k, v in data.items() if isinstance(v, list) and len(v) == 3 and isinstance(v[2], str)}
