"""Raw reports read from, and the warehouse's Parquet written to, object storage (``s3://…`` and the like).

Any location pyarrow's file systems open works (S3 and S3-compatible stores such as MinIO or Ceph,
GCS, HDFS); credentials and the endpoint come from the store's usual environment variables
(``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``, ``AWS_ENDPOINT_URL`` …).

Raw reports are mirrored into a local folder before they are read: the readers need files (PDF and
Office libraries seek), and the mirror keeps each object's size and modification time, so the content
hashes of unchanged reports are reused as for a local folder. The Parquet snapshot is published by
file name: its files are named after their content, so a name the store already has is never sent
again, and a name the snapshot no longer has is deleted after the new files are in place.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyarrow.fs as pafs

log = logging.getLogger(__name__)

_COPY_BUFFER = 1 << 20


def is_remote(location: str) -> bool:
    """``s3://bucket/prefix`` and other URIs; a plain path or ``file://`` is local."""
    return "://" in location and not location.startswith("file://")


@dataclass(frozen=True, slots=True)
class SyncResult:
    copied: int
    deleted: int
    unchanged: int


def _open(uri: str) -> tuple[pafs.FileSystem, str]:
    filesystem, root = pafs.FileSystem.from_uri(uri)
    return filesystem, root.rstrip("/")


def _listing(filesystem: pafs.FileSystem, root: str) -> dict[str, pafs.FileInfo]:
    """Relative path -> info of every file under ``root`` (hidden names skipped, as for a local folder)."""
    selector = pafs.FileSelector(root, recursive=True, allow_not_found=True)
    files = {}
    for info in filesystem.get_file_info(selector):
        relative = info.path[len(root) :].lstrip("/")
        if info.type == pafs.FileType.File and not any(part.startswith(".") for part in relative.split("/")):
            files[relative] = info
    return files


def listing_fingerprint(uri: str) -> str:
    """Names, sizes and modification times of the objects under ``uri`` (no object is read)."""
    filesystem, root = _open(uri)
    digest = hashlib.sha256()
    for relative, info in sorted(_listing(filesystem, root).items()):
        digest.update(f"{relative}\0{info.size}\0{info.mtime_ns}\n".encode())
    return digest.hexdigest()


def mirror_raw(uri: str, mirror_dir: Path) -> SyncResult:
    """Make ``mirror_dir`` hold exactly the objects under ``uri``, copying only new or changed ones."""
    filesystem, root = _open(uri)
    remote = _listing(filesystem, root)
    mirror_dir.mkdir(parents=True, exist_ok=True)
    copied = unchanged = deleted = 0
    for relative, info in sorted(remote.items()):
        local = mirror_dir / relative
        mtime_ns = info.mtime_ns or 0
        if local.is_file() and local.stat().st_size == info.size and local.stat().st_mtime_ns == mtime_ns:
            unchanged += 1
            continue
        local.parent.mkdir(parents=True, exist_ok=True)
        scratch = local.with_name(f".{local.name}.part")
        with filesystem.open_input_stream(info.path) as source, scratch.open("wb") as target:
            shutil.copyfileobj(source, target, _COPY_BUFFER)
        os.utime(scratch, ns=(mtime_ns, mtime_ns))
        os.replace(scratch, local)  # a report appears whole or not at all
        copied += 1
    for local in sorted(mirror_dir.rglob("*")):
        relative = local.relative_to(mirror_dir).as_posix()
        if local.is_file() and relative not in remote:
            local.unlink()
            deleted += 1
    log.info("raw mirror of %s: %d copied, %d unchanged, %d removed", uri, copied, unchanged, deleted)
    return SyncResult(copied, deleted, unchanged)


def publish_parquet(snapshot: Path, uri: str) -> SyncResult:
    """Make the files under ``uri`` those of the local Parquet ``snapshot``: new files first, then deletions."""
    filesystem, root = _open(uri)
    remote = _listing(filesystem, root)
    local = {p.relative_to(snapshot).as_posix(): p for p in sorted(snapshot.rglob("*.parquet"))}
    copied = 0
    for relative, path in local.items():
        known = remote.get(relative)
        if known is not None and known.size == path.stat().st_size:
            continue  # content-addressed name: the same name holds the same bytes
        with path.open("rb") as source, filesystem.open_output_stream(f"{root}/{relative}") as target:
            shutil.copyfileobj(source, target, _COPY_BUFFER)
        copied += 1
    stale = [relative for relative in remote if relative not in local]
    for relative in stale:
        filesystem.delete_file(f"{root}/{relative}")
    log.info("Parquet published to %s: %d sent, %d removed", uri, copied, len(stale))
    return SyncResult(copied, len(stale), len(local) - copied)
