"""Links from the audit log to the records it names, for an app's `audit_names.links`."""

from django.urls import reverse


def permitted_links(model, object_ids, may_open, url_name: str) -> dict[str, str]:
    """{id: url} of the records among `object_ids` (the log's text ids) that `may_open(record)`
    allows: one query for a page of the log, reading only what the permission needs."""
    found = model.objects.filter(pk__in=[i for i in object_ids if i.isdigit()]).only(
        "organization_id"
    )
    return {str(r.pk): reverse(url_name, args=[r.pk]) for r in found if may_open(r)}
