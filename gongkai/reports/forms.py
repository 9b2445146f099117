from django import forms

from . import statistics
from .selectors import METRICS

UPLOAD_SUFFIXES = (".txt", ".html", ".htm", ".mhtml", ".mht", ".docx", ".pdf")


class ImportForm(forms.Form):
    owner = forms.ModelChoiceField(label="导入到机构", queryset=None, empty_label=None)
    file = forms.FileField(
        label="报告文件",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(UPLOAD_SUFFIXES)}),
        help_text=(
            "从政府网站保存的网页（.html、.mhtml）、Word 文档（.docx）、PDF（含扫描件，"
            "将自动文字识别）或文本（.txt），不超过 20 MB。"
        ),
    )
    text = forms.CharField(
        label="或粘贴报告全文",
        required=False,
        max_length=2_000_000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=(
            "从网页、PDF 或文字识别结果复制的年度报告全文，表格可以是一格一行、用竖线或制表符分隔。"
        ),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = organizations

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and not upload.name.lower().endswith(UPLOAD_SUFFIXES):
            raise forms.ValidationError(
                "只能上传 .txt、.html、.htm、.mhtml、.docx 或 .pdf 文件（.doc 请先另存为 .docx）。"
            )
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError("请上传报告文件，或粘贴报告全文。")
        if data.get("file") and (data.get("text") or "").strip():
            raise forms.ValidationError("请只选择一种方式：上传文件或粘贴全文。")
        return data


# The report's three tables, shown as grids so reviewers read them as printed:
# (title, [(row path, row label)], [(column key, column label)], show every column?).
GRIDS = [
    (
        "二、主动公开政府信息情况",
        [(f"proactive.{key}", label) for key, label in statistics.PROACTIVE_ROWS],
        statistics.PROACTIVE_COLUMNS,
        False,
    ),
    ("三、收到和处理政府信息公开申请情况", statistics.APPLICATION_ROWS, statistics.COLUMNS, True),
    (
        "四、政府信息公开行政复议、行政诉讼情况",
        [(f"appeals.{key}", label) for key, label in statistics.APPEAL_GROUPS],
        statistics.APPEAL_RESULTS,
        True,
    ),
]


class ConfirmForm(forms.Form):
    """The parsed figures, every one editable; blank means the report does not state it.

    Table rows the report prints get an input for every cell (so a missed cell can be typed
    in); other statistics get an input when present, and one more can be added by choosing it.
    """

    reporting_body = forms.CharField(label="报告机关", max_length=200)
    year = forms.IntegerField(label="年度", min_value=2008, max_value=2100)
    replace = forms.BooleanField(label="替换已有报告", required=False)

    def __init__(self, *args, document: dict, **kwargs):
        super().__init__(*args, **kwargs)
        present = statistics.flatten(document)
        self._grids = []
        in_grids: set[str] = set()
        for title, rows, columns, all_columns in GRIDS:
            shown_rows = [
                (p, lab) for p, lab in rows if any(k.startswith(p + ".") for k in present)
            ]
            shown_columns = [
                (key, label)
                for key, label in columns
                if all_columns or any(f"{p}.{key}" in present for p, _ in shown_rows)
            ]
            grid_rows = []
            for row_path, row_label in shown_rows:
                # Every cell is a statistic: GRIDS and FIELDS are built from the same lists.
                cells = [f"{row_path}.{key}" for key, _ in shown_columns]
                in_grids.update(cells)
                grid_rows.append((row_label, cells))
            if grid_rows:
                self._grids.append((title, [label for _, label in shown_columns], grid_rows))
        others = [p for p in present if p not in in_grids]
        self.stat_paths = [f.path for f in statistics.FIELDS if f.path in in_grids] + others
        self._others = others
        for path in self.stat_paths:
            self.fields[_name(path)] = forms.CharField(
                label=statistics.FIELDS_BY_PATH[path].label,
                required=False,
                initial=present.get(path, ""),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
            )
        self.fields["add_path"] = forms.ChoiceField(
            label="补录一项报告中有但未识别的数字",
            required=False,
            choices=[("", "（不补录）")]
            + [(f.path, f.label) for f in statistics.FIELDS if f.path not in self.stat_paths],
        )
        self.fields["add_value"] = forms.CharField(label="补录的数值", required=False)

    def grids(self):
        """[(title, column labels, [(row label, [bound field per column])])]"""
        return [
            (title, columns, [(label, [self[_name(p)] for p in cells]) for label, cells in rows])
            for title, columns, rows in self._grids
        ]

    def other_fields(self):
        return [self[_name(p)] for p in self._others]

    def clean(self):
        data = super().clean()
        values = {}
        for path in self.stat_paths:
            if self.is_bound and _name(path) not in self.data:
                # A figure missing from the POST is not "absent from the report": refuse it.
                self.add_error(None, "提交的表单不完整，请刷新页面后重新核对。")
                break
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


stat_field_name = _name  # the review page marks the fields of doubtful cells by these names


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
