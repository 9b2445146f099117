"""The modules gongkai's apps contribute by name: `urls`, `dashboard`, `portal_blocks`, `demo`.

Finding them by name, not importing them, keeps the lower layers (accounts, portal) below the
domain apps that fill their pages.
"""

from functools import cache
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.apps import apps
from django.core.signals import setting_changed
from django.dispatch import receiver


@cache
def app_modules(name: str) -> tuple[ModuleType, ...]:
    """`<app>.<name>` of every installed gongkai app that has one, lowest layer first.

    Looked up once per process (a miss costs a search of the app's directory, and the dashboard
    and the home page ask on every request): the installed apps do not change while it runs.
    """
    found = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.{name}"
        if config.name.startswith("gongkai.") and find_spec(module_name) is not None:
            found.append(import_module(module_name))
    return tuple(found)


@receiver(setting_changed)
def _forget_on_installed_apps_change(*, setting, **kwargs):
    if setting == "INSTALLED_APPS":
        app_modules.cache_clear()
