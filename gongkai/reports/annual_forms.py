"""Forms of the annual-report pages: start a report, edit its text and entered figures, publish."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone

from . import composer, statistics
from .engine.figures import ENTERED_PATHS
from .engine.services import FIRST_YEAR
from .models import ReportFormat

MAX_SECTION = 20_000


class NewReportForm(forms.Form):
    organization = forms.ModelChoiceField(label="报告机关", queryset=None, empty_label=None)
    year = forms.IntegerField(label="年度")
    format = forms.ChoiceField(label="格式", choices=ReportFormat.choices)
    subtree = forms.BooleanField(
        label="含下级机关合计（主管部门汇总本机关及下级机关的数据）", required=False
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        this_year = timezone.localdate().year
        self.fields["year"].initial = this_year - 1
        # The bounds move with the date, so they are set here rather than on the field.
        self.fields["year"].validators = [
            MinValueValidator(FIRST_YEAR, message=f"年度不能早于{FIRST_YEAR}年。"),
            MaxValueValidator(this_year, message=f"年度不能晚于{this_year}年。"),
        ]
        self.fields["year"].widget.attrs.update(min=FIRST_YEAR, max=this_year)
        self.fields["year"].error_messages.update(
            invalid="请填写年度，例如 2025。", required="请填写年度。"
        )
        self.fields["format"].initial = ReportFormat.F2021


class EditReportForm(forms.Form):
    """The text of each section and the figures staff enter by hand for the report's format."""

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        drafts = composer.drafts(report.document) | report.sections
        self.section_names = []
        for section in composer.SECTIONS[report.format]:
            if section.key == "tables":
                continue
            name = f"section_{section.key}"
            self.fields[name] = forms.CharField(
                label=section.heading,
                required=False,
                max_length=MAX_SECTION,
                initial=drafts.get(section.key, ""),
                help_text="未修改的章节随数字重新计算而更新；修改后以您的文字为准。",
                widget=forms.Textarea(attrs={"rows": 6}),
            )
            self.section_names.append(name)
        self.entered_names = []
        for i, path in enumerate(ENTERED_PATHS[report.format]):
            name = f"entered_{i}"
            value = report.entered.get(path)
            self.fields[name] = forms.CharField(
                label=statistics.FIELDS_BY_PATH[path].label,
                required=False,
                max_length=30,
                initial="" if value is None else value,
            )
            self.entered_names.append((name, path))

    def section_fields(self):
        return [self[name] for name in self.section_names]

    def entered_fields(self):
        return [self[name] for name, _ in self.entered_names]

    def clean(self):
        data = super().clean()
        entered = {}
        for name, path in self.entered_names:
            try:
                entered[path] = statistics.parse_value(
                    statistics.FIELDS_BY_PATH[path], data.get(name) or ""
                )
            except ValueError as exc:
                self.add_error(name, str(exc))
        data["entered"] = entered
        data["sections"] = {
            # Browsers send a textarea's line breaks as CRLF; the drafts use LF.
            name.removeprefix("section_"): (data.get(name) or "").replace("\r\n", "\n").strip()
            for name in self.section_names
        }
        return data


class PublishForm(forms.Form):
    override_reason = forms.CharField(
        label="带问题发布的书面理由（仅在存在勾稽问题时填写，记入审计日志）",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    dated_on = forms.DateField(
        label="报告日期（落款日期）",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="公众在“年度报告”栏目看到的日期。补录往年已发布的报告时，填写当年的发布日期。",
        error_messages={"required": "请填写报告日期。", "invalid": "日期格式应为 YYYY-MM-DD。"},
    )
    # The digest of the figures and text on the page: publication compares it with a fresh
    # computation and publishes nothing the publisher has not seen.
    seen = forms.CharField(
        widget=forms.HiddenInput,
        max_length=64,
        error_messages={"required": "页面已过期，请刷新页面、核对数字后再发布。"},
    )

    def __init__(self, *args, report, **kwargs):
        from .engine.services import digest, year_not_over

        super().__init__(*args, **kwargs)
        self.fields["dated_on"].initial = timezone.localdate()
        self.fields["seen"].initial = digest(report)
        self.warning = year_not_over(report.year)
        if self.warning:
            self.fields["incomplete_year"] = forms.BooleanField(
                label=f"{self.warning}我已知晓，仍要现在发布",
                required=False,
            )

    def clean(self):
        data = super().clean()
        # A hidden field has no place to show its error: the page shows it above the form.
        for message in self.errors.get("seen", []):
            self.add_error(None, message)
        return data


class SupervisionForm(forms.Form):
    organization = forms.ModelChoiceField(label="主管机关", queryset=None, empty_label=None)
    year = forms.IntegerField(label="年度")
    metric = forms.ChoiceField(label="图表统计项", required=False)

    def __init__(self, *args, organizations, **kwargs):
        from .selectors import METRICS

        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        this_year = timezone.localdate().year
        self.fields["year"].initial = this_year - 1
        self.fields["year"].validators = [
            MinValueValidator(FIRST_YEAR + 1, message=f"年度不能早于{FIRST_YEAR + 1}年。"),
            MaxValueValidator(this_year, message=f"年度不能晚于{this_year}年。"),
        ]
        self.fields["year"].error_messages.update(invalid="请填写年度，例如 2025。")
        self.fields["metric"].choices = [(m.key, f"{m.label}（{m.unit}）") for m in METRICS]


class PerformanceForm(forms.Form):
    organization = forms.ModelChoiceField(label="机关", queryset=None, empty_label=None)
    year = forms.IntegerField(label="年度")
    subtree = forms.BooleanField(label="含下级机关", required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        this_year = timezone.localdate().year
        self.fields["year"].initial = this_year
        self.fields["year"].validators = [
            MinValueValidator(FIRST_YEAR, message=f"年度不能早于{FIRST_YEAR}年。"),
            MaxValueValidator(this_year, message=f"年度不能晚于{this_year}年。"),
        ]
        self.fields["year"].error_messages.update(invalid="请填写年度，例如 2025。")
