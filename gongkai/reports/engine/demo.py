"""Demo: the office's own reports computed from its records — the seed's 2018 report (legacy
format, published as the bureau published it) and this year's 2021-format report in draft."""

from datetime import date

from django.utils import timezone

from gongkai.accounts.models import Organization, User

from ..models import AnnualReport
from . import services


def load(stdout) -> list[str]:
    office = Organization.objects.get(code="shsfj")
    clerk, leader = User.objects.get(username="clerk"), User.objects.get(username="leader")
    made = []
    for year, fmt, publish in ((2018, "legacy", True), (timezone.localdate().year, "2021", False)):
        if AnnualReport.objects.filter(organization=office, year=year, subtree=False).exists():
            continue
        report = services.annual_report_create(organization=office, year=year, fmt=fmt, actor=clerk)
        if publish and not report.violations:
            # Dated as the bureau dated the seed report (2019年2月28日), not today.
            services.annual_report_publish(report=report, actor=leader, dated_on=date(2019, 2, 28))
        made.append(f"{year}年（{report.get_format_display()}）")
    stdout.write(
        "本机关年度报告：由业务记录生成 " + ("、".join(made) if made else "（已存在）") + "。"
    )
    return ["年度报告：工作台 /staff/reports/ ；公众在“年度报告”栏目 /catalog/annual-reports/ 查看"]
