"""`gongkai backup DIR`: the database and the uploaded files, with a manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.backups import services


class Command(BaseCommand):
    help = "备份数据库和上传文件到新目录 DIR（附记录数和校验值清单 manifest.json）。"

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="新的或空的备份目录")

    def handle(self, *args, directory, **options):
        try:
            summary = services.backup_write(directory=directory)
        except services.BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"已备份到 {directory}：{summary.tables} 张表 {summary.rows} 条记录，"
            f"{summary.files} 个上传文件（{summary.bytes} 字节）。"
        )
