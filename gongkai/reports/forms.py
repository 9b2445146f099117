from django import forms

from . import statistics
from .selectors import METRICS


class ImportForm(forms.Form):
    owner = forms.ModelChoiceField(label="导入到机构", queryset=None, empty_label=None)
    file = forms.FileField(
        label="报告文件",
        required=False,
        help_text="从政府网站保存的网页（.html）或文本（.txt），不超过 5 MB。",
    )
    text = forms.CharField(
        label="或粘贴报告全文",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="从网页复制的年度报告全文，表格可以是一格一行或用竖线分隔。",
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = organizations

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and not upload.name.lower().endswith((".txt", ".html", ".htm")):
            raise forms.ValidationError("只能上传 .txt、.html 或 .htm 文件。")
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError("请上传报告文件，或粘贴报告全文。")
        if data.get("file") and (data.get("text") or "").strip():
            raise forms.ValidationError("请只选择一种方式：上传文件或粘贴全文。")
        return data


class ConfirmForm(forms.Form):
    """The parsed figures, every one editable; blank means the report does not state it."""

    reporting_body = forms.CharField(label="报告机关", max_length=200)
    year = forms.IntegerField(label="年度", min_value=2008, max_value=2100)
    replace = forms.BooleanField(label="替换已有报告", required=False)

    def __init__(self, *args, document: dict, **kwargs):
        super().__init__(*args, **kwargs)
        present = statistics.flatten(document)
        self.stat_paths = list(present)
        for path in self.stat_paths:
            self.fields[_name(path)] = forms.CharField(
                label=statistics.FIELDS_BY_PATH[path].label,
                required=False,
                initial=present[path],
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 8}),
            )
        self.fields["add_path"] = forms.ChoiceField(
            label="补录一项报告中有但未识别的数字",
            required=False,
            choices=[("", "（不补录）")]
            + [(f.path, f.label) for f in statistics.FIELDS if f.path not in present],
        )
        self.fields["add_value"] = forms.CharField(label="补录的数值", required=False)

    def stat_fields(self):
        return [self[_name(p)] for p in self.stat_paths]

    def clean(self):
        data = super().clean()
        values = {}
        for path in self.stat_paths:
            try:
                values[path] = statistics.parse_value(
                    statistics.FIELDS_BY_PATH[path], data.get(_name(path), "")
                )
            except ValueError as exc:
                self.add_error(_name(path), str(exc))
        if data.get("add_path"):
            field = statistics.FIELDS_BY_PATH[data["add_path"]]
            try:
                values[field.path] = statistics.parse_value(field, data.get("add_value") or "")
            except ValueError as exc:
                self.add_error("add_value", str(exc))
            if values.get(field.path) is None and "add_value" not in self.errors:
                self.add_error("add_value", "请填写补录的数值。")
        data["values"] = values
        return data


def _name(path: str) -> str:
    return "stat__" + path.replace(".", "__")


class CompareForm(forms.Form):
    metric = forms.ChoiceField(
        label="统计项", choices=[(m.key, f"{m.label}（{m.unit}）") for m in METRICS]
    )
    bodies = forms.MultipleChoiceField(label="机关", widget=forms.SelectMultiple(attrs={"size": 8}))
    years = forms.MultipleChoiceField(label="年度", widget=forms.SelectMultiple(attrs={"size": 8}))

    def __init__(self, *args, bodies: list[str], years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bodies"].choices = [(b, b) for b in bodies]
        self.fields["years"].choices = [(str(y), str(y)) for y in years]
