"""`gongkai personal-data purge --before YYYY-MM-DD`: erase applicants' personal data of cases
archived before that date (see `personal_data.personal_data_purge`); safe to run twice."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from gongkai.applications.personal_data import personal_data_purge


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{value}") from exc


class Command(BaseCommand):
    help = "申请人个人信息：purge --before YYYY-MM-DD 删除该日前已归档申请的个人信息和附件"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        purge = sub.add_parser("purge", help="删除该日前已归档申请的申请人个人信息和附件")
        purge.add_argument(
            "--before", required=True, type=_day, help="归档日期早于此日（YYYY-MM-DD）"
        )

    def handle(self, *args, subcommand, before, **options):
        try:
            result = personal_data_purge(before=before)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        for tracking in result.cases:
            self.stdout.write(f"{tracking}：已删除申请人姓名、证件号码、联系方式、地址和附件")
        self.stdout.write(str(result))
