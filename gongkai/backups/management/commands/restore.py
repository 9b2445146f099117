"""`gongkai restore DIR`: a backup into an empty installation, checked against its manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.backups import services


class Command(BaseCommand):
    help = "把 gongkai backup 写出的备份恢复到空的安装中，核对记录数和文件校验值，并重建检索索引。"
    # The installation may not be migrated yet: the backup brings its own tables.
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="gongkai backup 写出的备份目录")

    def handle(self, *args, directory, **options):
        try:
            summary = services.backup_restore(directory=directory, stdout=self.stdout)
        except services.BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"已从 {directory} 恢复：{summary.tables} 张表 {summary.rows} 条记录，"
            f"{summary.files} 个上传文件，记录数和文件校验值与备份清单一致。"
        )
