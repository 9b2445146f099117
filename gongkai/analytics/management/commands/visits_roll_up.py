"""`gongkai visits_roll_up`: fold finished days' visitor digests into counts (for cron).

The counter does this itself at the first visit of each day; run this nightly so that on a day
without visitors the previous day's digests and salt are still deleted. Safe to run twice.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.analytics.services import visitors_roll_up


class Command(BaseCommand):
    help = "把已结束日期的访客摘要汇总为访客数，并删除摘要和当日盐值（可重复运行）。"

    def handle(self, *args, **options):
        folded = visitors_roll_up(before=timezone.localdate())
        self.stdout.write(f"已汇总访客 {folded} 人次。")
