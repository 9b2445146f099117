"""The audit log as people read it: Chinese action names, "字段：旧值 → 新值", object links.

Names come from each app's `audit_names` module (see accounts/audit_names.py). Field labels come
first from the entry's model (verbose names and choices), then from the app's FIELDS. A code that
nobody named is shown as a neutral word, never as itself; a test holds every action code the
code base writes to a name.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.signals import setting_changed
from django.db import connection
from django.dispatch import receiver

from gongkai.lib.discovery import app_modules

UNNAMED_ACTION = "其他操作"
EXPORT_LIMIT = 100_000  # rows in one CSV export: an inspection asks for a period, not all time
UNNAMED_FIELD = "其他内容"
EMPTY = "（空）"
_CODE = re.compile(r"^[a-z][a-z0-9_.]*$")


@receiver(setting_changed)
def _forget_on_installed_apps_change(*, setting, **kwargs):
    if setting == "INSTALLED_APPS":
        _merged.cache_clear()
        _app_values.cache_clear()
        _audited_models.cache_clear()


@cache
def _merged(attribute: str) -> dict:
    merged: dict = {}
    for module in app_modules("audit_names"):
        merged.update(getattr(module, attribute, {}))
    return merged


def action_names() -> dict[str, str]:
    return _merged("ACTIONS")


def action_label(code: str) -> str:
    return action_names().get(code, UNNAMED_ACTION)


def action_choices() -> list:
    """The filter's choices: per app (its Chinese name) "all of this app", then each action."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for code, name in action_names().items():
        groups.setdefault(code.split(".", 1)[0], []).append((code, name))
    choices: list = [("", "全部操作")]
    for config in apps.get_app_configs():
        label = config.name.rsplit(".", 1)[-1]
        if config.name.startswith("gongkai.") and label in groups:
            app_name = str(config.verbose_name)
            choices.append((app_name, [(label, f"{app_name}：全部操作"), *groups[label]]))
    return choices


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def object_type_label(object_type: str) -> str:
    model = _model(object_type)
    return str(model._meta.verbose_name) if model is not None else ""


@cache
def _audited_models() -> dict[str, str]:
    """label_lower → Chinese name of every model of ours an entry may be about."""
    return {
        model._meta.label_lower: str(model._meta.verbose_name)
        for config in apps.get_app_configs()
        if config.name.startswith("gongkai.")
        for model in config.get_models()
        if model._meta.label_lower != "accounts.auditentry"
    }


def object_type_choices() -> list[tuple[str, str]]:
    """The types of object the log holds entries about, by their Chinese names: a type never
    audited would only filter to an empty page."""
    from .models import AuditEntry

    models = _audited_models()
    if not models:
        return [("", "全部对象")]
    # One statement of index probes (EXISTS per type), not a DISTINCT over the whole log;
    # written out, as the ORM spent longer compiling sixty subqueries than the database
    # took to answer them.
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    column = connection.ops.quote_name(AuditEntry._meta.get_field("object_type").column)
    probe = f"EXISTS (SELECT 1 FROM {table} WHERE {column} = %s)"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join([probe] * len(models))}", list(models))
        row = cursor.fetchone()
    present = {label for label, found in zip(models, row, strict=True) if found}
    return [("", "全部对象")] + sorted(
        ((label, models[label]) for label in present), key=lambda kv: kv[1]
    )


def _field(model, key: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:
        return None


def field_label(model, key: str) -> str:
    field = _field(model, key)
    if field is not None and getattr(field, "verbose_name", None):
        return str(field.verbose_name)
    label = _merged("FIELDS").get(key)
    if label:
        return label
    for module in app_modules("audit_names"):
        finder = getattr(module, "field_label", None)
        label = finder(key) if finder else None
        if label:
            return label
    # Some services already write the Chinese label as the key (a correction's fields).
    return UNNAMED_FIELD if _CODE.match(key) else key


@cache
def _app_values(app_label: str) -> dict:
    """The coded values named by the app that wrote the entry (two apps may code one key
    differently: 送达方式 in applications and in letters)."""
    for module in app_modules("audit_names"):
        if module.__name__.split(".")[-2] == app_label:
            return getattr(module, "VALUES", {})
    return {}


def _referenced(model, key: str):
    """The model whose record `key` names by its id: a foreign key of the entry's model, or a
    key an app declares in REFERENCES (a superseding import)."""
    field = _field(model, key)
    if field is not None and (field.many_to_one or field.one_to_one):
        return field.related_model
    label = _merged("REFERENCES").get(key)
    return _model(label) if label else None


NAME_CHUNK = 500  # ids per query when naming the records an export refers to


def _reference_names(entries) -> dict[tuple[str, str], str]:
    """{(model label, id): the record's name} for every id the entries' changes refer to, in one
    query per model (the page and the export never query per row)."""
    wanted: dict = {}
    for entry in entries:
        model = _model(entry.object_type)
        for key, value in (entry.changes or {}).items():
            target = _referenced(model, key)
            if target is None:
                continue
            values = value if isinstance(value, list) else [value]
            ids = {str(v) for v in values if isinstance(v, int) or str(v).isdigit()}
            wanted.setdefault(target, set()).update(ids)
    names = {}
    for target, ids in wanted.items():
        ids = sorted(ids)
        for start in range(0, len(ids), NAME_CHUNK):
            for obj in target._default_manager.filter(pk__in=ids[start : start + NAME_CHUNK]):
                names[(target._meta.label_lower, str(obj.pk))] = str(obj)
    return names


def _value(model, key: str, value, app_label: str = "", names=None) -> str:
    if value is None or value == "":
        return EMPTY
    target = _referenced(model, key) if names is not None else None
    if target is not None and (isinstance(value, int) or str(value).isdigit()):
        # An id means nothing to a reader: the record's name, as it reads now.
        return names.get(
            (target._meta.label_lower, str(value)), f"（已删除的{target._meta.verbose_name}）"
        )
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict):
        return "；".join(
            f"{field_label(model, k)}：{_value(model, k, v, names=names)}" for k, v in value.items()
        )
    if isinstance(value, list):
        return "、".join(_value(model, key, v, names=names) for v in value) or EMPTY
    text = str(value)
    field = _field(model, key)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(text, text))
    coded = _app_values(app_label).get(key) or _merged("VALUES").get(key)
    if coded:
        return coded.get(text, text)
    if text in ("True", "False"):
        return "是" if text == "True" else "否"
    return text


@dataclass(frozen=True)
class Change:
    label: str
    text: str


def changes(entry, names=None) -> list[Change]:
    """Each key of the entry's changes as one line: a pair [old, new] becomes "old → new"."""
    model = _model(entry.object_type)
    if names is None:
        names = _reference_names([entry])
    lines = []
    for key, value in (entry.changes or {}).items():
        label = field_label(model, key)
        if (
            isinstance(value, list)
            and len(value) == 2
            and not any(isinstance(v, list | dict) for v in value)
        ):
            old, new = (_value(model, key, v, names=names) for v in value)
            text = f"{old} → {new}"
        else:
            text = _value(model, key, value, names=names)
        lines.append(Change(label, text))
    return lines


def object_links(entries, user) -> dict[tuple[str, str], str]:
    """The link of each (object type, object id) among `entries`, by each app's `links`
    (one query for a page's objects of a type) or else its `link` (one object at a time);
    the first app that links an object wins. A page of the log at 10⁶ entries asked the
    database once per row before."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        if entry.object_id:
            wanted[entry.object_type].add(entry.object_id)
    found: dict[tuple[str, str], str] = {}
    for object_type, ids in wanted.items():
        for module in app_modules("audit_names"):
            if hasattr(module, "links"):
                urls = module.links(object_type, ids, user)
            elif hasattr(module, "link"):
                urls = {i: module.link(object_type, i, user) for i in ids}
            else:
                continue
            for object_id, url in urls.items():
                if url:
                    found.setdefault((object_type, object_id), url)
    return found


def object_link(entry, user) -> str | None:
    return object_links([entry], user).get((entry.object_type, entry.object_id))


@dataclass(frozen=True)
class Row:
    entry: object
    action: str
    object_type: str
    object_repr: str
    object_url: str | None
    changes: list[Change]

    def changes_text(self) -> str:
        return "；".join(f"{c.label}：{c.text}" for c in self.changes)


def rows(entries, user) -> list[Row]:
    entries = list(entries)
    names = _reference_names(entries)
    links = object_links(entries, user)
    return [
        Row(
            entry=e,
            action=action_label(e.action),
            object_type=object_type_label(e.object_type),
            object_repr=e.object_repr,
            object_url=links.get((e.object_type, e.object_id)),
            changes=changes(e, names),
        )
        for e in entries
    ]


def describe_filters(form) -> str:
    """The filters of a bound, valid filter form in words ("操作：发布公开；起始日期：2026-05-01")."""
    if not form.is_bound or not form.is_valid():
        return "无"
    parts = []
    for name, value in form.cleaned_data.items():
        if not value:
            continue
        field = form.fields[name]
        shown = str(value)
        choices = getattr(field, "choices", None)
        if choices:
            flat = {}
            for key, label in choices:
                if isinstance(label, list | tuple):
                    flat.update(dict(label))
                else:
                    flat[key] = label
            shown = str(flat.get(value, value))
        parts.append(f"{field.label}：{shown}")
    return "；".join(parts) or "无"
