"""Find the input files and turn each one into an ``ExtractedReport``: read, extract, validate.

One file's failure never stops the others: a file that cannot be read becomes a report with
parse_status ``failed`` and a message; an extractor or rule that breaks marks it ``partial``.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import stat
import traceback
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from pathlib import Path

from budget_reports import extract, rules
from budget_reports.facts import ExtractedReport, ParseStatus, ReportInfo
from budget_reports.figure_boxes import add_figure_boxes
from budget_reports.file_hashes import FileHashes
from budget_reports.model import Document
from budget_reports.readers import ReadError, read_document
from budget_reports.readers.dispatch import MAX_FILE_BYTES, REPORT_EXTENSIONS, too_large_message
from budget_reports.version import source_version

PARSER_VERSION = source_version()

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RawFile:
    path: Path
    source_file: str  # path relative to the raw folder, as evidence cites it
    sha256: str
    size: int
    # Another input file with the same bytes, listed earlier; this one is recorded, not re-read.
    duplicate_of: str | None = None
    # Why the entry cannot be read at all (broken link, folder, over the size limit ...); None if readable.
    problem: str | None = None

    @property
    def report_id(self) -> str:
        if self.duplicate_of is not None:  # keep report_id unique per row of `reports`
            return f"{report_id_for(self.sha256)}-dup-{_short_hash(self.source_file)}"
        return report_id_for(self.sha256)


def report_id_for(sha256: str) -> str:
    return sha256[:16]


def discover(raw_dir: Path, hashes: FileHashes | None = None) -> list[RawFile]:
    """Every input entry under ``raw_dir`` (hidden ones skipped), in a stable order.

    Regular files are hashed (``hashes`` remembers hashes of unchanged files between runs). Entries
    that cannot be read still get a row, with the reason: a broken link, a file without read
    permission, a folder or device named like a report, a file over the size limit (not read at all,
    not even to hash it).
    """
    hashes = hashes if hashes is not None else FileHashes()
    files: list[RawFile] = []
    for path in sorted(raw_dir.rglob("*")):
        relative = path.relative_to(raw_dir)
        if any(part.startswith(".") for part in relative.parts):
            continue
        source_file = relative.as_posix()
        problem = _entry_problem(path)
        if problem == _WALK_INTO:
            continue
        if problem is not None:
            files.append(_unreadable(path, source_file, problem))
            continue
        try:
            status = path.stat()
            size = status.st_size
            if size > MAX_FILE_BYTES:
                files.append(_unreadable(path, source_file, too_large_message(size), size))
                continue
            files.append(RawFile(path, source_file, hashes.sha256(path, size, status.st_mtime_ns), size))
        except OSError as exc:
            # An unreadable file still gets a row: its id comes from its name, as there is no content.
            log.warning("cannot read %s: %s", path, exc)
            files.append(_unreadable(path, source_file, _os_error_message(exc)))
    return _mark_duplicates(files)


_WALK_INTO = "walk into"


def _entry_problem(path: Path) -> str | None:
    """Why an entry cannot be read as a file (None if it is a regular file); ``_WALK_INTO`` for plain folders."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            return "文件是一个指向不存在位置的链接（链接已失效），无法读取"
        return "文件在读取前已被删除或移走"
    except OSError as exc:
        return _os_error_message(exc)
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        if path.suffix.lower() in REPORT_EXTENSIONS:
            return f"“{path.name}”是一个文件夹而不是文件，无法作为报告读取"
        return _WALK_INTO
    return "不是普通文件（可能是管道、套接字或设备文件），未读取"


def _os_error_message(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "无法读取文件：没有读取权限"
    if exc.errno == errno.ELOOP:
        return "文件是一个循环指向自身的链接，无法读取"
    return f"无法读取文件（系统错误：{exc.strerror or exc}）"


def _unreadable(path: Path, source_file: str, problem: str, size: int = -1) -> RawFile:
    return RawFile(path, source_file, _unreadable_id(f"{source_file}:{size}"), size, problem=problem)


def _unreadable_id(source_file: str) -> str:
    # Short prefix: report_id keeps 16 characters, so most of them stay hash digits.
    return "unread-" + hashlib.sha256(source_file.encode()).hexdigest()


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def _mark_duplicates(files: list[RawFile]) -> list[RawFile]:
    first_by_hash: dict[str, str] = {}
    marked = []
    for raw in files:
        first = first_by_hash.setdefault(raw.sha256, raw.source_file)
        marked.append(raw if first == raw.source_file else replace(raw, duplicate_of=first))
    return marked


def new_report(raw: RawFile, ingested_at: datetime | None = None) -> ExtractedReport:
    """The report of ``raw`` before reading: status ok, no facts yet."""
    info = ReportInfo(
        report_id=raw.report_id,
        source_file=raw.source_file,
        file_sha256=raw.sha256,
        file_format=raw.path.suffix.lower().lstrip(".") or "unknown",
        parse_status=ParseStatus.OK,
        parser_version=PARSER_VERSION,
        ingested_at=ingested_at or datetime.now(UTC).replace(tzinfo=None),
        file_size_bytes=raw.size,
    )
    return ExtractedReport(report=info)


def failed_report(raw: RawFile, message: str, ingested_at: datetime | None = None) -> ExtractedReport:
    """The report of a file that could not be processed at all (e.g. stopped at a limit)."""
    result = new_report(raw, ingested_at)
    _fail(result, message)
    return result


def process_file(raw: RawFile, ingested_at: datetime | None = None) -> ExtractedReport:
    """Read, extract and validate one file. Never raises for a bad file.

    ``MemoryError`` is the one exception let through: the worker running this file reports it as
    the memory limit the file hit (``worker_pool``), rather than as a reader defect.
    """
    result = new_report(raw, ingested_at)
    info = result.report
    if raw.problem is not None or raw.size < 0:
        _fail(result, raw.problem or "无法读取文件（权限不足或文件已损坏）")
        return result
    if raw.duplicate_of is not None:
        _fail(result, f"与 {raw.duplicate_of} 内容完全相同，未重复导入")
        return result
    try:
        document = read_document(raw.path, raw.source_file)
    except ReadError as exc:
        _fail(result, str(exc))
        return result
    except MemoryError:
        raise
    except Exception as exc:  # a reader bug must not stop the run; say what broke
        log.exception("reader crashed on %s", raw.source_file)
        _fail(result, f"读取失败（内部错误 {type(exc).__name__}: {exc}）")
        return result
    info.file_format = document.file_format
    info.page_count = document.page_count
    analyse(document, result)
    if document.file_format == "pdf":
        problems: list[str] = []
        _run_step("figure_boxes", lambda: add_figure_boxes(raw.path, result), problems, result)
        if problems:
            info.error_message = "；".join(filter(None, (info.error_message, *problems)))
    return result


def analyse(document: Document, result: ExtractedReport) -> None:
    """Extract the facts of a document that was read and validate them, into ``result``."""
    problems = list(document.lost) + list(document.warnings)
    if document.lost:
        result.report.parse_status = ParseStatus.PARTIAL
    for extractor in extract.EXTRACTORS:
        _run_step(extractor.__name__, lambda e=extractor: e(document, result), problems, result)
    for rule in rules.RULES:
        _run_step(rule.__name__, lambda r=rule: result.findings.extend(r(result, document)), problems, result)
    if problems:
        result.report.error_message = "；".join(problems)


def _run_step(name: str, step: Callable[[], None], problems: list[str], result: ExtractedReport) -> None:
    """Run one extractor or rule; if it breaks, undo what it added, so no half-read part is kept."""
    saved_info = replace(result.report)
    saved_lengths = {name: len(rows) for name, rows in _fact_lists(result).items()}
    try:
        step()
    except MemoryError:
        raise
    except Exception as exc:  # one broken step marks the report partial and the run goes on
        log.error("%s failed on %s:\n%s", name, result.report.source_file, traceback.format_exc())
        for list_name, rows in _fact_lists(result).items():
            del rows[saved_lengths[list_name] :]
        result.report = saved_info
        result.report.parse_status = ParseStatus.PARTIAL
        problems.append(f"{name} 出错：{type(exc).__name__}: {exc}")


def _fact_lists(result: ExtractedReport) -> dict[str, list]:
    return {f.name: getattr(result, f.name) for f in fields(result) if f.name != "report"}


def _fail(result: ExtractedReport, message: str) -> None:
    result.report.parse_status = ParseStatus.FAILED
    result.report.error_message = message
