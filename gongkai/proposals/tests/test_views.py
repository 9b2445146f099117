"""Staff pages and the portal's 建议提案 column."""

from datetime import date

from django.urls import reverse

from gongkai.proposals import services
from gongkai.proposals.models import Proposal

from .test_services import register, replied


def test_the_clerk_registers_from_the_menu(client, agency, clerk):
    client.force_login(clerk)
    assert reverse("proposals:list") in client.get(reverse("accounts:dashboard")).content.decode()
    response = client.post(
        reverse("proposals:new"),
        {
            "organization": agency.pk,
            "kind": "cppcc_proposal",
            "role": "co",
            "number": "第0456号",
            "title": "关于推进公共法律服务平台建设的提案",
            "proposer": "李娜委员",
            "received_on": "2026-03-15",
            "due_on": "2026-06-15",
        },
    )
    p = Proposal.objects.get()
    assert response.status_code == 302 and p.role == "co" and p.kind == "cppcc_proposal"


def test_a_missing_title_is_a_chinese_error(client, agency, clerk):
    client.force_login(clerk)
    response = client.post(reverse("proposals:new"), {"organization": agency.pk})
    assert response.status_code == 400 and "请填写标题。" in response.content.decode()


def test_reply_and_publish_from_the_page(client, agency, clerk):
    p = register(agency, clerk)
    client.force_login(clerk)
    client.post(
        reverse("proposals:reply", args=[p.pk]), {"replied_on": "2026-06-01", "reply": "答复正文"}
    )
    client.post(reverse("proposals:publish", args=[p.pk]))
    p.refresh_from_db()
    assert p.is_published and p.replied_on == date(2026, 6, 1)
    listing = client.get(reverse("proposals:list")).content.decode()
    assert "已公开 1 件，公开率 100.0%" in listing


def test_the_portal_column_lists_published_replies_only(client, agency, clerk):
    shown = replied(agency, clerk, title="关于规范公证收费的建议")
    hidden = replied(agency, clerk, publish=False, title="关于内部事项的建议")
    services.proposal_withhold(proposal=hidden, actor=clerk, reason="涉及国家秘密")
    column = client.get(reverse("proposals:public_list")).content.decode()
    assert "关于规范公证收费的建议" in column and "关于内部事项的建议" not in column
    page = client.get(reverse("proposals:public_detail", args=[shown.pk]))
    assert page.status_code == 200 and "感谢您的建议" in page.content.decode()
    assert client.get(reverse("proposals:public_detail", args=[hidden.pk])).status_code == 404
    home = client.get(reverse("portal:home")).content.decode()
    assert "关于规范公证收费的建议" in home and reverse("proposals:public_list") in home


def test_the_dashboard_shows_the_publication_rate(client, agency, clerk):
    replied(agency, clerk)
    client.force_login(clerk)
    counters = {
        c["label"]: c["value"]
        for c in client.get(reverse("accounts:dashboard")).context["counters"]
    }
    assert counters["2026年建议提案答复公开率"] == "100.0%"


def test_another_agency_cannot_open_the_record(client, agency, clerk, outsider):
    p = register(agency, clerk)
    client.force_login(outsider)
    assert client.get(p.get_absolute_url()).status_code == 403


def test_the_dashboard_charts_the_replies_by_month(client, agency, clerk):
    replied(agency, clerk, on=date(2026, 6, 10))
    client.force_login(clerk)
    panels = client.get(reverse("accounts:dashboard")).context["panels"]
    panel = next(c for c in panels if "建议提案" in c["title"])
    assert panel["chart"]["bars"][5]["value"] == 1 and panel["rows"][5] == ("6月", [1])
