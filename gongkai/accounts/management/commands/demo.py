"""`gongkai demo`: load the demo office, idempotently, app by app."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from gongkai.lib.discovery import app_modules
from gongkai.lib.planner import refresh_statistics


class Command(BaseCommand):
    help = "载入演示数据（可重复运行）：机构、各角色账号及各业务的示例记录。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--url",
            default="http://127.0.0.1:8000",
            help="the address the site is served at, for the login line (make run passes HOST)",
        )
        parser.add_argument(
            "--no-archive",
            action="store_true",
            help="不载入演示单位2008—2018年的历史主动公开信息（约11万条，载入约需半分钟）",
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            # The demo creates known passwords and a fictional office: never on a real site.
            raise CommandError(
                "生产环境不能载入演示数据（GONGKAI_ENV=production）。请用 gongkai setup 初始化。"
            )
        closing: list[str] = []
        archive = not options["no_archive"] and settings.GONGKAI_DEMO_ARCHIVE
        with override_settings(GONGKAI_DEMO_ARCHIVE=archive):
            for module in app_modules("demo"):
                lines = module.load(self.stdout)
                # Lower layers' lines last, so the logins (accounts) end the output.
                closing[:0] = lines or []
        refresh_statistics()  # every table just went from empty to its demo size
        self.stdout.write("")
        for line in closing:
            # A line may be a function, read once every app has loaded (counts other apps add to).
            self.stdout.write(line() if callable(line) else line)
        base = options["url"].rstrip("/")
        if "://" not in base:
            base = f"http://{base}"
        self.stdout.write(f"门户：{base}/   工作人员登录：{base}/staff/login/")
