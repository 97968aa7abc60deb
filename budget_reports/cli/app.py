"""The `budget` console script: assembles the commands and turns every expected failure into one line."""

from __future__ import annotations

import sys

import duckdb
import typer

from budget_reports.cli.build import run
from budget_reports.cli.export import export
from budget_reports.cli.query import findings, query
from budget_reports.cli.site import site
from budget_reports.site.errors import SiteError
from budget_reports.warehouse.lock import WarehouseBusyError
from budget_reports.warehouse.readonly import WarehouseError

app = typer.Typer(
    name="budget",
    help="Build and read the budget-reports warehouse (部门预算、决算与绩效自评报告数据仓库).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.command()(run)
app.command()(query)
app.command()(findings)
app.command()(export)
app.command()(site)

# Failures the user can act on: reported as one line, never a traceback.
EXPECTED_ERRORS = (WarehouseError, WarehouseBusyError, SiteError, duckdb.Error, FileNotFoundError, ValueError, OSError)


def main(argv: list[str] | None = None) -> int:
    try:
        result = app(args=argv, prog_name="budget", standalone_mode=False)
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        return _fail("aborted", 130)
    except typer.TyperException as exc:  # usage errors: unknown option, bad value, missing argument
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        return _fail(message, getattr(exc, "exit_code", 2))
    except EXPECTED_ERRORS as exc:
        return _fail(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__, 1)
    return result if isinstance(result, int) else 0


def _fail(message: str, code: int) -> int:
    if not message.strip():  # `budget` alone: the help was printed, nothing to add
        return code
    print(f"budget: error: {' '.join(message.split())}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
