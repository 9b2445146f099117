"""`gongkai content check FILE [--format json]` and `gongkai content scan`.

Exit codes of `check`: 0 nothing found, 1 something found, 2 unreadable input.
"""

import argparse
import json
from pathlib import Path

from . import extract
from .checker import Checker, shipped_rules


def main(argv: list[str], stdout, stderr) -> int:
    parser = argparse.ArgumentParser(prog="gongkai content", description="公开前内容检查")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="检查一个文本、DOCX、XLSX 或 PDF 文件")
    check.add_argument("file")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument("--org", help="同时使用该机构录入的规范表述（机构代码）")
    commands.add_parser("scan", help="按现行词表复查全部已发布信息")
    links = commands.add_parser(
        "links", help="检查已发布信息中的外部链接（有上限，不访问内部地址）"
    )
    links.add_argument("--max", type=int, default=200, help="本次最多检查的链接数（默认 200）")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    if args.command == "scan":
        from .services import rescan_published

        result = rescan_published()
        stdout.write(f"已复查 {result['checked']} 条已发布信息，新发现 {result['new']} 项。\n")
        return 0
    if args.command == "links":
        from .links import check_links

        result = check_links(limit=max(0, args.max))
        stdout.write(f"已检查 {result['checked']} 个外部链接，不可用 {result['broken']} 个。\n")
        return 0
    path = Path(args.file)
    try:
        data = path.read_bytes()
        text = extract.text_of(path.name, data)
    except OSError as exc:
        stderr.write(f"无法读取 {path}：{exc.strerror or exc}\n")
        return 2
    except extract.Unreadable as exc:
        stderr.write(f"{exc}\n")
        return 2
    checker = _checker(args.org, stderr)
    if checker is None:
        return 2
    hits = checker.check(text)
    if args.format == "json":
        rows = [
            {
                "kind": hit.kind.value,
                "kind_label": hit.kind.label,
                "found": hit.found,
                "suggestion": hit.suggestion,
                "place": {"start": hit.start, "end": hit.end, "line": _line(text, hit.start)},
                "context": hit.context,
            }
            for hit in hits
        ]
        stdout.write(json.dumps({"file": str(path), "findings": rows}, ensure_ascii=False))
        stdout.write("\n")
    else:
        for hit in hits:
            stdout.write(
                f"{path.name}:{_line(text, hit.start)}: {hit.kind.label}：{hit.found}"
                f" —— {hit.suggestion}（{hit.context}）\n"
            )
        stdout.write(f"共发现 {len(hits)} 项。\n" if hits else "未发现问题。\n")
    return 1 if hits else 0


def _checker(org_code: str | None, stderr) -> Checker | None:
    if not org_code:
        return Checker(shipped_rules())
    from gongkai.accounts.models import Organization

    organization = Organization.objects.filter(code=org_code).first()
    if organization is None:
        stderr.write(f"没有代码为“{org_code}”的机构。\n")
        return None
    return Checker.for_organization(organization)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
