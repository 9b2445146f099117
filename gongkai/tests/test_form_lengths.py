"""Every text field of every form is held to the column it is saved into, so an over-long value
is a Chinese form error and not a database error (PostgreSQL refuses what SQLite stores).

The walk: each app's forms module; a ModelForm's text fields against its model's columns, a
plain form's against the same-named columns of its app's models. A field that is never
stored as typed (a password is hashed, a login name only looked up) is listed below.
"""

import inspect
from importlib import import_module

import pytest
from django import forms
from django.apps import apps
from django.db import models
from django.urls import reverse

from gongkai.applications.models import Application

from . import world as world_module

NOT_STORED_AS_TYPED = {
    ("accounts", "LoginForm", "username"),  # looked up; failures store it cut to 150
    ("accounts", "LoginForm", "password"),
    ("accounts", "StaffForm", "password"),  # hashed
}


def _form_classes():
    for config in apps.get_app_configs():
        if not config.name.startswith("gongkai."):
            continue
        try:
            module = import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield config, cls


def _bounded_columns(config) -> dict[str, int]:
    """name → the smallest max_length of a free-text column of that name in the app."""
    columns: dict[str, int] = {}
    for model in config.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.CharField) and field.max_length and not field.choices:
                columns[field.name] = min(
                    columns.get(field.name, field.max_length), field.max_length
                )
    return columns


def test_every_text_field_of_every_form_fits_its_column():
    too_long = []
    for config, cls in _form_classes():
        model = getattr(getattr(cls, "Meta", None), "model", None)
        columns = (
            {
                f.name: f.max_length
                for f in model._meta.get_fields()
                if isinstance(f, models.CharField) and f.max_length
            }
            if model is not None
            else _bounded_columns(config)
        )
        for name, field in cls.base_fields.items():
            if not isinstance(field, forms.CharField) or name not in columns:
                continue
            if (config.label, cls.__name__, name) in NOT_STORED_AS_TYPED:
                continue
            if field.max_length is None or field.max_length > columns[name]:
                too_long.append(
                    f"{config.label}.{cls.__name__}.{name}: {field.max_length} > {columns[name]}"
                )
    assert not too_long, "set max_length to the column's: " + "; ".join(too_long)


@pytest.mark.django_db
def test_an_e_mail_address_too_long_to_store_is_a_form_error(client, agency):
    # Valid by the address rules (labels under 64, 300 characters in all), longer than 254.
    address = "a" * 60 + "@" + ".".join(["b" * 60] * 4) + ".cn"
    assert len(address) > 254
    response = client.post(
        reverse("applications:apply"),
        {**world_module.APPLICANT, "email": address, "organization": agency.pk, "consent": "on"},
    )
    assert response.status_code == 400
    # The public form says how long the address is and what the limit is.
    message = f"电子邮箱最多 254 字，现为 {len(address)} 字，请精简。"
    assert response.context["form"].errors["email"] == [message]
    assert message in response.content.decode()
    assert not Application.objects.exists()
