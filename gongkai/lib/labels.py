"""Choice labels for list pages, looked up once per page instead of once per cell.

A template's `get_FOO_display` rebuilds the field's whole value-to-label table on every call;
a list of 50 rows with four such columns spent more time there than on its queries.
"""


def choice_labels(model, *names: str) -> dict[str, dict[str, str]]:
    """{field name: {stored value: label as text}} for the named choice fields of `model`."""
    return {
        name: {value: str(label) for value, label in model._meta.get_field(name).flatchoices}
        for name in names
    }
