"""The body of the ``gongkai report`` command: parse and check published annual reports.

Usage::

    gongkai report parse FILE                 # print the statistics document as JSON
                                              # (.txt .html .htm .mhtml .docx .pdf, scans by OCR)
    gongkai report parse DIR --csv out.csv    # every report of a folder into one CSV
    gongkai report check FILE [--format json] # list violations; exit 1 if there are any
    gongkai report build --org CODE --year YEAR --format 2021|2019|legacy --out FILE
                                              # compute our own report (reports.engine.build)

Exit status: 0 success (no violations), 1 violations found (or some reports of a folder
failed), 2 unreadable input or a usage error (or, never expected, an internal parser error:
one line on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path
from typing import IO, Any

from .checks import check
from .parsing import SUFFIXES, ReportParseError, parse_report_file

REPORT_SUFFIXES = SUFFIXES
META_COLUMNS = ("file", "organization", "year", "format", "violations", "doubts", "ocr", "error")


class UsageError(Exception):
    """A command-line usage error (argparse's messages are routed through this)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")

    def exit(self, status: int = 0, message: str | None = None) -> None:  # type: ignore[override]
        if message:
            raise UsageError(message.strip())
        raise _Exit(status)


class _Exit(Exception):
    def __init__(self, status: int) -> None:
        self.status = status


def build_parser(stdout: IO[str]) -> argparse.ArgumentParser:
    """The argument parser of ``gongkai report``."""
    parser = _Parser(
        prog="gongkai report",
        description="解析并核对政府信息公开工作年度报告 / parse and check annual reports",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    parse = commands.add_parser("parse", help="报告 → 统计 JSON / report → statistics JSON")
    parse.add_argument(
        "path", help="a report (.txt/.html/.mhtml/.docx/.pdf) or, with --csv, a folder of them"
    )
    parse.add_argument("--csv", metavar="OUT", help="write every report of the folder to OUT")
    verify = commands.add_parser("check", help="列出不一致之处 / list the violations")
    verify.add_argument("path", help="a report file (as for parse) or a statistics JSON document")
    verify.add_argument("--format", choices=("text", "json"), default="text")
    from .engine.build import add_parser as add_build_parser

    build = add_build_parser(commands)
    # argparse prints help through _print_message: send it to our stdout.
    for p in (parser, parse, verify, build):
        p._print_message = lambda message, file=None: stdout.write(message or "")  # type: ignore[method-assign]
    return parser


def main(argv: list[str], stdout: IO[str] | None = None, stderr: IO[str] | None = None) -> int:
    """Run ``gongkai report`` with ``argv`` (without the program name); return the exit status."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        args = build_parser(stdout).parse_args(argv)
    except UsageError as error:
        stderr.write(f"{error}\n")
        return 2
    except _Exit as done:
        return done.status
    if args.command == "build":
        from .engine.build import BuildError, build

        try:
            return build(args, stdout)
        except BuildError as error:
            stderr.write(f"{error}\n")
            return 2
    try:
        if args.command == "parse":
            if Path(args.path).is_dir():
                if not args.csv:
                    raise UsageError("解析文件夹需要 --csv / parsing a folder needs --csv OUT")
                return parse_folder(Path(args.path), Path(args.csv), stdout, stderr)
            document = parse_file(Path(args.path)).document
            stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
            return 0
        return check_command(Path(args.path), args.format, stdout)
    except (ReportParseError, UsageError) as error:
        stderr.write(f"{error}\n")
        return 2
    except Exception as error:  # a parser bug must not end in a traceback on a real report
        stderr.write(f"{internal_error(args.path, error)}\n")
        return 2


def internal_error(name: str, error: Exception) -> str:
    """One line for an unexpected failure of the parser on one report (a bug to report)."""
    return (
        f"解析器内部错误（请报告此问题）：{name} / internal parser error on {name}: "
        f"{type(error).__name__}: {error}"
    )[:500]


# -- reading files ------------------------------------------------------------------------------
def read_report_file(path: Path) -> bytes:
    """The bytes of a report file, or a ReportParseError naming what is wrong with the path."""
    if not path.exists():
        raise ReportParseError(f"文件不存在：{path}", f"no such file: {path}")
    if path.is_dir():
        raise ReportParseError(f"这是文件夹：{path}", f"this is a folder: {path}")
    return path.read_bytes()


def parse_file(path: Path, known: list[str] | None = None):
    """Parse one report file; its organisation is checked against the names already known."""
    return parse_report_file(
        read_report_file(path), str(path), known if known is not None else known_names()
    )


def known_names() -> list[str]:
    """The organisations of this platform and the bodies of earlier imports (for OCR typos)."""
    try:
        from .selectors import known_reporting_bodies

        return known_reporting_bodies()
    except Exception:  # no database (a bare checkout): names are only a help
        return []


# -- check ----------------------------------------------------------------------------------------
def check_command(path: Path, output_format: str, stdout: IO[str]) -> int:
    """``check FILE``: print the violations of a report or of a JSON document."""
    if path.suffix.lower() == ".json":
        try:
            document = json.loads(read_report_file(path).decode("utf-8-sig"))
        except (ValueError, RecursionError) as error:  # JSONDecodeError, bad UTF-8, deep
            raise ReportParseError(
                f"JSON 无法解析：{path}", f"invalid JSON: {path}: {error}"
            ) from None
        if not isinstance(document, dict):
            raise ReportParseError("JSON 不是统计文档", "the JSON is not a statistics document")
        violations = check(document)
    else:
        violations = parse_file(path).document["violations"]
    if output_format == "json":
        stdout.write(json.dumps(violations, ensure_ascii=False, indent=2) + "\n")
    else:
        for violation in violations:
            stdout.write(describe(violation) + "\n")
        if violations:
            stdout.write(f"共 {len(violations)} 处不一致 / {len(violations)} violation(s)\n")
        else:
            stdout.write("未发现不一致 / no violations\n")
    return 1 if violations else 0


def describe(violation: dict[str, Any]) -> str:
    """One readable line for a violation: rule, place, expected, found."""
    return (
        f"rule {violation['rule']}: {violation['where']} — "
        f"expected {violation['expected']}, found {violation['found']} "
        f"(应为 {violation['expected']}，实为 {violation['found']})"
    )


# -- parse DIR --csv ---------------------------------------------------------------------------
def report_files(folder: Path) -> list[Path]:
    """The report files of a folder and its subfolders, in a stable order."""
    return sorted(
        p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES
    )


def flatten(document: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Statistics as dotted paths (``applications.new.total``), without the metadata."""
    out: dict[str, Any] = {}
    for key, value in document.items():
        if not prefix and key in {"schema", "organization", "year", "format", "violations"}:
            continue
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, f"{path}."))
        else:
            out[path] = value
    return out


def parse_row(path: Path, name: str, known: list[str] | None = None) -> dict[str, Any]:
    """One report file as a CSV row: its metadata and statistics, or its error."""
    row: dict[str, Any] = {"file": name}
    try:
        document = parse_file(path, known).document
    except ReportParseError as error:
        row["error"] = str(error)
    except Exception as error:  # one report's parser bug must not stop the whole folder
        row["error"] = internal_error(name, error)
    else:
        row.update(
            organization=document.get("organization", ""),
            year=document.get("year", ""),
            format=document.get("format", ""),
            violations=len(document.get("violations", [])),
            doubts=len(document.get("doubts", [])),
            ocr="OCR" if document.get("source", {}).get("ocr") else "",
        )
        row.update(flatten(document))
    return row


def parse_folder(folder: Path, out: Path, stdout: IO[str], stderr: IO[str]) -> int:
    """Parse every report of ``folder`` into one CSV row each; print a summary of failures.

    With CELERY_BROKER_URL set each file is a task (`reports.parse_report`) for the workers,
    which must see the same folder (a shared filesystem); the bar moves as they finish.
    """
    from gongkai import celery

    files = report_files(folder)
    if not files:
        raise UsageError(
            f"文件夹中没有报告 ({'/'.join(REPORT_SUFFIXES)})：{folder} / no reports in {folder}"
        )
    names = [str(path.relative_to(folder)) for path in files]
    progress = ProgressBar(len(files), stderr)
    if celery.enabled():
        rows = rows_on_workers(files, names, progress)
    else:
        known = known_names()
        rows = []
        for path, name in zip(files, names, strict=True):
            rows.append(parse_row(path, name, known))
            progress.update(len(rows), name)
    progress.finish()
    # statistic paths in first-seen order (a dict is a set that keeps order)
    columns = {key: None for row in rows for key in row if key not in META_COLUMNS}
    failures = [(row["file"], row["error"]) for row in rows if "error" in row]
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*META_COLUMNS, *columns], restval="")
        writer.writeheader()
        writer.writerows(rows)
    parsed = len(files) - len(failures)
    stdout.write(
        f"已解析 {parsed}/{len(files)} 份报告 → {out} / parsed {parsed} of "
        f"{len(files)} reports into {out}\n"
    )
    if failures:
        stdout.write(f"{len(failures)} 份失败 / {len(failures)} failed:\n")
        for name, message in failures:
            stdout.write(f"  {name}: {message}\n")
        return 1
    return 0


# How often the folder's batch looks for finished tasks (seconds).
POLL = 0.2
# After this long with no file done, say what the batch is waiting for (seconds).
IDLE_HINT = 30.0
WAITING = (
    "尚无报告解析完成：请确认有 worker 处理 reports 队列（celery -A gongkai worker -Q reports）"
    " / no report parsed yet: is a worker consuming the reports queue?"
)


def rows_on_workers(
    files: list[Path], names: list[str], progress: ProgressBar
) -> list[dict[str, Any]]:
    """Send one task per file, move the bar as each finishes, return the rows in file order."""
    from .tasks import parse_report

    pending = {
        index: parse_report.delay(str(path.resolve()), name)
        for index, (path, name) in enumerate(zip(files, names, strict=True))
    }
    rows: dict[int, dict[str, Any]] = {}
    hinted, started = False, time.monotonic()
    while pending:
        if not rows and not hinted and time.monotonic() - started > IDLE_HINT:
            progress.stream.write(f"\n{WAITING}\n")
            hinted = True
        for index in [i for i, result in pending.items() if result.ready()]:
            result = pending.pop(index)
            value = result.get(propagate=False)
            if isinstance(value, dict):
                rows[index] = value
            else:  # the task itself failed (a worker died, a bug outside the parser)
                rows[index] = {"file": names[index], "error": internal_error(names[index], value)}
            result.forget()
            progress.update(len(rows), names[index])
        if pending:
            time.sleep(POLL)
    return [rows[index] for index in range(len(files))]


class ProgressBar:
    """A small text progress bar on a stream (redrawn in place with a carriage return)."""

    def __init__(self, total: int, stream: IO[str], width: int = 30) -> None:
        self.total = max(total, 1)
        self.stream = stream
        self.width = width

    def update(self, done: int, label: str = "") -> None:
        """Redraw the bar for ``done`` of ``total`` items, naming the current one."""
        filled = round(self.width * done / self.total)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r[{bar}] {done}/{self.total} {label[-40:]:<40}")
        self.stream.flush()

    def finish(self) -> None:
        """End the bar's line."""
        self.stream.write("\n")
        self.stream.flush()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
