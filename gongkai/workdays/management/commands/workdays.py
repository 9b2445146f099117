"""`gongkai workdays add|between|show|import|forget`: the working-day calendar from the shell."""

import sys
from datetime import date, timedelta
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongkai.lib import workdays

from ... import services


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"日期应写成 YYYY-MM-DD：{value}") from exc


class Command(BaseCommand):
    help = "工作日计算与年度节假日安排（调休）录入。"
    # This command reports an uncovered year itself, where it matters: keep stdout clean.
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        add = sub.add_parser("add", help="DATE 之后第 N 个工作日（次日起算），输出 ISO 日期")
        add.add_argument("date")
        add.add_argument("n", type=int)
        add.add_argument("--explain", action="store_true", help="同时列出经过的节假日和调休")
        between = sub.add_parser("between", help="两个日期之间的工作日数（不含起始日）")
        between.add_argument("start")
        between.add_argument("end")
        show = sub.add_parser("show", help="列出某年的放假和调休上班日期")
        show.add_argument("year", type=int)
        imp = sub.add_parser("import", help="录入某年的官方安排：每行“日期 放假|上班 节日名”")
        imp.add_argument("year", type=int)
        imp.add_argument("file", help="文本文件路径，- 表示标准输入")
        imp.add_argument("--notice", required=True, help="依据，例如国办发明电文号")
        forget = sub.add_parser("forget", help="删除本机关录入的某年安排")
        forget.add_argument("year", type=int)

    def handle(self, *args, subcommand, **options):
        getattr(self, f"do_{subcommand}")(**options)

    def do_add(self, date, n, explain, **_):
        start = _date(date)
        try:
            end = workdays.add_workdays(start, n)
        except workdays.DateOutOfRange as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(end.isoformat())
        if explain:
            for item in workdays.crossed(*sorted((start, end))):
                self.stdout.write(f"  {item.describe()}")
        self._warn_uncovered(start, end)

    def do_between(self, start, end, **_):
        a, b = _date(start), _date(end)
        self.stdout.write(str(workdays.workdays_between(a, b)))
        self._warn_uncovered(a, b)

    def do_show(self, year, **_):
        cal = workdays.current_calendar()
        if not cal.covers(year):
            self.stdout.write(f"{year}年：尚无官方节假日安排，按周一至周五为工作日计算。")
            return
        first, last = date(year, 1, 1), date(year, 12, 31)
        for item in workdays.crossed(first - timedelta(days=1), last, cal):
            self.stdout.write(item.describe())
        self.stdout.write(
            f"{year}年共 {workdays.workdays_between(first - timedelta(days=1), last, cal)} 个工作日。"
        )

    def do_import(self, year, file, notice, **_):
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        try:
            days = services.parse_schedule(text, year)
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        services.official_year_replace(year=year, notice=notice, days=days)
        self.stdout.write(services.entry_summary(year, days))

    def do_forget(self, year, **_):
        services.official_year_delete(year=year)
        self.stdout.write(f"已删除本机关录入的{year}年安排。")

    def _warn_uncovered(self, a, b):
        for year in workdays.uncovered_years(a, b):
            self.stderr.write(f"注意：{year}年尚无官方节假日安排，按周一至周五为工作日计算。")
