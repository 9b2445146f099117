"""The form renderer: Django's templates, with select boxes written out in Python.

A filter form's select boxes went through the template engine option by option: 0.3–1 ms a box,
3–7 ms of a staff list page (the audit log's action filter holds some 200 options). The
markup is that of templates/django/forms/widgets/select.html, which stays as the reference a
test compares this with.
"""

from django.forms.renderers import TemplatesSetting
from django.utils.html import conditional_escape, escape

SELECT_TEMPLATE = "django/forms/widgets/select.html"
# Django's empty choice (empty_label, BLANK_CHOICE_DASH) reads as a prompt.
EMPTY_LABEL, PROMPT = "---------", "请选择"


def _attributes(attrs: dict) -> str:
    """As attrs.html: True gives the bare name, False leaves the attribute out."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def render_select(widget: dict) -> str:
    """A select box's markup from its widget context (name, attrs, optgroups)."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attributes(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            label = (
                PROMPT if option["label"] == EMPTY_LABEL else conditional_escape(option["label"])
            )
            parts.append(
                f'\n  <option value="{escape(str(option["value"]))}"'
                f"{_attributes(option['attrs'])}>{label}</option>"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class Renderer(TemplatesSetting):
    def render(self, template_name, context, request=None):
        if template_name == SELECT_TEMPLATE:
            return render_select(context["widget"])
        return super().render(template_name, context, request=request)
