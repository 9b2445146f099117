"""Items whose text another app keeps as a structure (a service guide, an entry of the list of
powers): that app's form edits and corrects them, not the catalog's.

Such an app has a module `catalog_editor` with `edit_url(item) -> str | None` (found by name, as
dashboard blocks are, so the catalog does not import the apps above it). The catalog's edit and
correction pages send those items there, so a body composed from the structure is never edited
apart from it.
"""

from gongkai.lib.discovery import app_modules


def structured_edit_url(item) -> str | None:
    for module in app_modules("catalog_editor"):
        url = module.edit_url(item)
        if url:
            return url
    return None
