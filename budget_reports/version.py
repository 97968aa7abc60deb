"""The parser version: the release number plus a digest of the code and reference data.

Any change to extraction code or reference data changes the version, so cached extractions made
by older code are never reused by mistake.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

RELEASE = "0.1.0"
_PACKAGE_ROOT = Path(__file__).parent


@cache
def source_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE_ROOT.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".csv", ".json") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(_PACKAGE_ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return f"{RELEASE}+{digest.hexdigest()[:10]}"
