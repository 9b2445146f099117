"""`gongkai search rebuild | apply [--loop]`: maintain the full-text index."""

from django.core.management.base import BaseCommand, CommandError

from gongkai.catalog import search
from gongkai.catalog.search import pg, sync


class Command(BaseCommand):
    help = "全文检索索引：rebuild 按数据库重建；apply 应用待处理的变更（--loop 持续运行）。"

    def add_arguments(self, parser):
        parser.add_argument("operation", choices=["rebuild", "apply"])
        parser.add_argument("--loop", action="store_true", help="持续运行，每隔几秒应用一次")
        parser.add_argument("--interval", type=float, default=2.0, help="--loop 的间隔秒数")

    def handle(self, *args, operation, loop, interval, **options):
        try:
            self._run(operation, loop, interval)
        except pg.RumUnavailable as exc:  # says what to install, in Chinese
            raise CommandError(str(exc)) from exc

    def _run(self, operation, loop, interval):
        if operation == "rebuild":
            count = search.rebuild()
            self.stdout.write(f"索引已重建，共 {count} 条信息。")
        elif loop:
            self.stdout.write("正在持续应用索引变更（Ctrl+C 结束）……")
            sync.apply_loop(interval=interval, stdout=self.stdout)
        elif sync.needs_rebuild():
            count = search.rebuild()
            self.stdout.write(f"索引格式已更新，已按数据库重建，共 {count} 条信息。")
        else:
            count = search.apply_pending()
            self.stdout.write(f"已应用 {count} 条待处理的索引变更。")
