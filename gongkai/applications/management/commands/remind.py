"""`gongkai remind`: notify assignees of cases due soon and flag overdue ones. Safe from cron."""

import time

from django.core.management.base import BaseCommand

from gongkai.applications.notifications import remind
from gongkai.lib.discovery import app_modules


class Command(BaseCommand):
    help = (
        "提醒承办人即将到期和已超期的政府信息公开申请，以及复议诉讼的听证、开庭日期和答复期限、"
        "建议提案的答复期限"
        "（可由 cron 每天多次运行，同一天只提醒一次）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--within", type=int, default=3, help="提前几个工作日提醒（默认 3）")
        parser.add_argument(
            "--loop", type=int, metavar="SECONDS", help="常驻运行，每隔若干秒检查一次"
        )

    def handle(self, *args, within, loop, **options):
        while True:
            r = remind(within=within)
            self.stdout.write(
                f"检查 {r.checked} 件，提醒 {r.notified_cases} 件（其中超期 {r.overdue} 件），"
                f"发出通知 {r.notifications} 条，更新期限 {r.due_refreshed} 件。"
            )
            # Other apps' dated work (appeals' hearings and deadlines, proposals' replies)
            # through their `reminders.remind(within=…)`: one daily job covers every case.
            for module in app_modules("reminders"):
                self.stdout.write(module.remind(within=within).summary())
            if not loop:
                return
            time.sleep(loop)
