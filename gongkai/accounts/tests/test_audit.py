import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from gongkai.accounts import audit
from gongkai.accounts.models import AuditEntry


def test_an_organization_edit_is_audited_with_what_changed_and_the_ip(client, admin_user, district):
    client.force_login(admin_user)
    url = reverse("accounts:organization_edit", args=[district.pk])
    data = {
        "name": district.name,
        "short_name": "",
        "code": district.code,
        "kind": district.kind,
        "parent": district.parent_id,
        "office_name": "",
        "office_address": "漕溪北路336号",
        "office_postcode": "",
        "office_phone": "021-64872222",
        "office_fax": "",
        "office_email": "",
        "office_hours": "",
        "website": "",
        "sort_order": 0,
    }
    response = client.post(url, data, REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="accounts.organization_update")
    assert entry.actor == admin_user
    assert entry.ip == "10.1.2.3"
    assert entry.object_repr == district.name
    assert entry.changes["office_phone"] == ["", "021-64872222"]
    assert "name" not in entry.changes


def test_a_bad_organization_code_is_refused_field_by_field(client, admin_user, district):
    client.force_login(admin_user)
    url = reverse("accounts:organization_edit", args=[district.pk])
    response = client.post(url, {"name": district.name, "code": "徐汇 区", "kind": district.kind})
    assert response.status_code == 200
    assert "机构代码只能由小写字母" in response.content.decode()
    assert not AuditEntry.objects.filter(action="accounts.organization_update").exists()


def test_audit_entries_cannot_be_changed_or_deleted_through_the_app(db):
    entry = audit.record("test.action", None, changes={"a": 1})
    entry.action = "forged"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.filter(pk=entry.pk).update(action="forged")
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.action"


def test_the_database_itself_refuses_to_rewrite_an_audit_entry(db):
    entry = audit.record("test.action", None)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_auditentry SET action = 'forged' WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.action"


def test_only_administrators_browse_the_audit_log(client, clerk, admin_user):
    audit.record("catalog.item_publish", None, actor=clerk)
    client.force_login(clerk)
    assert client.get(reverse("accounts:audit")).status_code == 403

    def actions(**filters):
        page = client.get(reverse("accounts:audit"), filters)
        assert page.status_code == 200
        return [row.action for row in page.context["rows"]]

    client.force_login(admin_user)
    assert actions(action="catalog") == ["发布公开"]
    assert actions(action="catalog.item_publish") == ["发布公开"]
    assert actions(action="applications") == []


def test_an_inverted_date_range_gets_a_clear_message(client, admin_user):
    client.force_login(admin_user)
    page = client.get(
        reverse("accounts:audit"), {"date_from": "2026-05-01", "date_to": "2026-04-01"}
    )
    assert "起始日期不能晚于截止日期" in page.content.decode()


def test_the_audit_log_finds_an_actor_by_username_or_by_the_name_written(client, admin_user, clerk):
    clerk.full_name = "王晓敏"
    clerk.save()
    audit.record("catalog.item_publish", None, actor=clerk)
    audit.record("applications.lookup", None)  # by the public: no actor

    def actions(actor):
        page = client.get(reverse("accounts:audit"), {"actor": actor})
        return {e.action for e in page.context["page"]}

    client.force_login(admin_user)
    assert actions("clerk") == {"catalog.item_publish"}
    assert actions("王晓敏") == {"catalog.item_publish"}
    assert actions("公众/系统") == {"applications.lookup"}
