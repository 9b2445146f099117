"""`gongkai report parse|check …`: read published annual reports (see gongkai.reports.cli)."""

import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "解析、检查已发布的政府信息公开工作年度报告：gongkai report parse FILE|DIR，gongkai report check FILE"

    def run_from_argv(self, argv):
        # The CLI owns its arguments and exit codes (0 clean, 1 violations, 2 unreadable input).
        from gongkai.reports.cli import main

        sys.exit(main(argv[2:], sys.stdout, sys.stderr))

    def handle(self, *args, **options):  # call_command("report", ...) goes through the same CLI
        from gongkai.reports.cli import main

        code = main(list(args), self.stdout, self.stderr)
        if code:
            sys.exit(code)
