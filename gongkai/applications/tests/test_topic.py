"""A case's topic from the office's vocabulary: set at intake and on the case page (the annual
report states the topics' shares)."""

from django.urls import reverse

from gongkai.accounts.models import AuditEntry
from gongkai.applications.models import Application
from gongkai.catalog.models import Topic

from .conftest import APPLICANT

STAFF = {
    **APPLICANT,
    "channel": "in_person",
    "submitted_on": "2026-09-24",
}


def test_the_clerk_files_a_new_case_under_a_topic_at_intake(client, clerk, agency):
    topic = Topic.objects.get(code="sfjd")
    client.force_login(clerk)
    page = client.get(reverse("applications:intake")).content.decode()
    assert "申请内容主题" in page
    response = client.post(
        reverse("applications:intake"), {**STAFF, "organization": agency.pk, "topic": topic.pk}
    )
    assert response.status_code == 302
    assert Application.objects.get().topic == topic


def test_the_topic_is_changed_on_the_case_page_and_audited(client, make_application, clerk):
    app = make_application()
    assert app.topic is None
    topic = Topic.objects.get(code="lsgl")
    client.force_login(clerk)
    detail = client.get(app.get_absolute_url()).content.decode()
    assert "申请内容主题" in detail and "未分类" in detail
    url = reverse("applications:set_topic", args=[app.pk])
    assert client.post(url, {"topic": topic.pk}).status_code == 302
    app.refresh_from_db()
    assert app.topic == topic
    entry = AuditEntry.objects.get(action="applications.set_topic")
    assert entry.changes == {"申请内容主题": ["", "律师管理"]}
    bad = client.post(url, {"topic": "999999"})
    assert bad.status_code == 400
    assert "选择一个有效的选项" in bad.content.decode()


def test_an_outsider_cannot_set_the_topic(client, make_application, outsider):
    app = make_application()
    client.force_login(outsider)
    url = reverse("applications:set_topic", args=[app.pk])
    response = client.post(url, {"topic": Topic.objects.first().pk})
    assert response.status_code in (403, 404)
    app.refresh_from_db()
    assert app.topic is None
