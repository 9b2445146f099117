"""``gongkai report build``: compute an organization's report and write it as JSON or a document.

    gongkai report build --org CODE --year YEAR --format 2021|2019|legacy --out FILE.{json,docx,pdf,xlsx,html}

The figures are computed from the records as the staff page computes them; the text is the
stored report's (when staff have started one for that organization and year), else the drafts.
A published report is written as it was published. The JSON carries the violations; the
command prints how many there are and exits 0 (a report with violations is still a report).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO

from django.utils import timezone

from gongkai.accounts.models import Organization

from .. import composer
from ..exports import EXPORT_FORMATS, export
from ..models import AnnualReport
from . import checks
from .figures import FORMATS, compute
from .services import FIRST_YEAR

OUT_SUFFIXES = ("json", *EXPORT_FORMATS)


def add_parser(commands) -> object:
    build = commands.add_parser(
        "build", help="由业务记录生成年度报告 / build a report from the records"
    )
    build.add_argument("--org", required=True, help="机构代码 / organization code, e.g. shsfj")
    build.add_argument("--year", required=True, type=int, help="统计年度 / the year")
    build.add_argument("--format", required=True, choices=FORMATS, dest="report_format")
    build.add_argument("--out", required=True, help="FILE.json|.docx|.pdf|.xlsx|.html")
    build.add_argument(
        "--subtree", action="store_true", help="含下级机关合计 / sum over the sub-organizations"
    )
    return build


class BuildError(Exception):
    """Bad arguments for build (an unknown organization, an unknown file type)."""


def build(args, stdout: IO[str]) -> int:
    organization = Organization.objects.filter(code=args.org).first()
    if organization is None:
        raise BuildError(f"没有代码为“{args.org}”的机构 / no organization with code {args.org}")
    this_year = timezone.localdate().year
    if not FIRST_YEAR <= args.year <= this_year:
        raise BuildError(
            f"年度须在{FIRST_YEAR}年至{this_year}年之间 / --year must be {FIRST_YEAR}..{this_year}"
        )
    out = Path(args.out)
    suffix = out.suffix.lower().lstrip(".")
    if suffix not in OUT_SUFFIXES:
        raise BuildError(
            f"输出文件须为 {'/'.join('.' + s for s in OUT_SUFFIXES)} / --out must end in one of them"
        )
    stored = AnnualReport.objects.filter(
        organization=organization, year=args.year, subtree=args.subtree, format=args.report_format
    ).first()
    if stored is not None and stored.is_published:
        document, sections, violations = stored.document, stored.sections, stored.violations
    else:
        document = compute(
            organization,
            args.year,
            args.report_format,
            subtree=args.subtree,
            entered=stored.entered if stored else None,
        )
        sections = composer.drafts(document) | (stored.sections if stored else {})
        violations = checks.run(
            document,
            text=composer.full_text(document, sections),
            organization=organization,
            subtree=args.subtree,
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == "json":
        payload = {**document, "violations": violations}
        out.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    else:
        out.write_bytes(export(document, sections, suffix))
    stdout.write(
        f"已生成 {organization.name}{args.year}年度报告（{args.report_format}）→ {out}，"
        f"勾稽问题 {len(violations)} 处 / built, {len(violations)} violation(s)\n"
    )
    return 0
