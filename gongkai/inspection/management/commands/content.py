"""`gongkai content check FILE | scan` (see gongkai.inspection.cli)."""

import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "公开前内容检查：gongkai content check FILE [--format json]；gongkai content scan"

    def run_from_argv(self, argv):
        # The CLI owns its arguments and exit codes (0 clean, 1 findings, 2 unreadable input).
        from gongkai.inspection.cli import main

        sys.exit(main(argv[2:], sys.stdout, sys.stderr))

    def handle(self, *args, **options):
        from gongkai.inspection.cli import main

        code = main(list(args), self.stdout, self.stderr)
        if code:
            sys.exit(code)
