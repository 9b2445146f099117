"""`gongkai letters export --org CODE --year YYYY --out DIR`: the yearly 案卷归档."""

from django.core.management.base import BaseCommand, CommandError

from gongkai.accounts.models import Organization
from gongkai.letters.archive import letters_export


class Command(BaseCommand):
    help = (
        "导出某机关某年度各申请的文书（PDF 和 DOCX）及送达凭证，每件一个文件夹，附 manifest.csv。"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="导出年度案卷")
        export.add_argument("--org", required=True, help="机关代码，例如 shsfj")
        export.add_argument("--year", required=True, type=int, help="登记年度，例如 2026")
        export.add_argument("--out", required=True, help="输出目录")

    def handle(self, *args, action, org, year, out, **options):
        organization = Organization.objects.filter(code=org).first()
        if organization is None:
            raise CommandError(f"没有代码为 {org} 的机关。")
        r = letters_export(organization=organization, year=year, out=out)
        self.stdout.write(f"已导出 {r.cases} 件申请的 {r.files} 个文件，清单：{r.manifest}")
