"""The portal's finish as on real government sites: footer records, favicon, 关怀模式."""

from django.urls import reverse

from gongkai.accounts.models import AuditEntry
from gongkai.portal.models import SiteInfo

SITE = {
    "sponsor": "上海市司法局",
    "organizer": "上海市司法局办公室",
    "site_code": "3100000049",
    "icp_record": "沪ICP备05015277号-1",
    "police_record": "沪公网安备 31010402001234号",
}


def test_the_footer_shows_the_records_the_office_set_and_nothing_else(client, agency):
    page = client.get(reverse("portal:home")).content.decode()
    assert "主办单位" not in page and "网站标识码" not in page and "ICP" not in page
    SiteInfo.objects.create(sponsor="上海市司法局", icp_record="沪ICP备05015277号-1")
    page = client.get(reverse("portal:home")).content.decode()
    assert "主办单位：上海市司法局" in page
    assert "沪ICP备05015277号-1" in page
    assert "承办单位" not in page and "网站标识码" not in page and "公网安备" not in page


def test_an_administrator_sets_the_records_and_the_change_is_audited(client, admin_user, agency):
    client.force_login(admin_user)
    response = client.post(reverse("portal:site_info"), SITE)
    assert response.status_code == 302
    page = client.get(reverse("portal:home")).content.decode()
    assert "承办单位：上海市司法局办公室" in page
    assert "网站标识码：3100000049" in page
    assert "code=31010402001234" in page
    entry = AuditEntry.objects.get(action="portal.site_info_save")
    assert entry.changes["site_code"] == ["", "3100000049"]


def test_a_malformed_record_is_refused_in_chinese(client, admin_user, agency):
    client.force_login(admin_user)
    response = client.post(reverse("portal:site_info"), {**SITE, "site_code": "31-0000"})
    assert response.status_code == 200
    assert "网站标识码为10位数字" in response.content.decode()
    assert not SiteInfo.objects.exists()


def test_only_administrators_edit_the_records(client, clerk):
    client.force_login(clerk)
    assert client.get(reverse("portal:site_info")).status_code == 403


def test_every_page_names_an_icon_and_favicon_ico_answers(client, agency):
    page = client.get(reverse("portal:home")).content.decode()
    assert 'rel="icon"' in page and "favicon.svg" in page
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith("favicon.svg")


def test_care_mode_is_remembered_by_the_browser_until_turned_off(client, agency):
    home = reverse("portal:home")
    assert '<html lang="zh-Hans">' in client.get(home).content.decode()
    response = client.post(reverse("portal:care_mode"), {"on": "1", "next": "/catalog/"})
    assert response.status_code == 302 and response["Location"] == "/catalog/"
    page = client.get(home).content.decode()
    assert '<html lang="zh-Hans" class="care">' in page and "退出关怀模式" in page
    client.post(reverse("portal:care_mode"), {"on": "0", "next": home})
    assert '<html lang="zh-Hans">' in client.get(home).content.decode()


def test_care_mode_never_redirects_off_the_site(client, agency):
    response = client.post(
        reverse("portal:care_mode"), {"on": "1", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
