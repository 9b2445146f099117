"""A guide on a phone: it reads top to bottom without sideways scrolling, flowchart included."""

from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.guides import services
from gongkai.portal.tests.test_browser import browser, pytestmark  # noqa: F401

from .conftest import MATERIALS, PNG


def test_a_guide_with_its_flowchart_fits_a_phone_screen(
    browser,  # noqa: F811
    live_server,
    clerk,
    make_guide,
    publish,
):
    guide = make_guide()
    services.service_guide_save(
        actor=clerk,
        guide=guide,
        item_data={},
        guide_data={"flowchart_alt": "提交材料、区局审查、市局决定、领取证书四步"},
        materials=MATERIALS,
        flowchart=SimpleUploadedFile("流程.png", PNG),
    )
    publish(guide.item)
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(f"{live_server.url}{guide.get_absolute_url()}")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    image = page.get_by_role("img", name="提交材料、区局审查、市局决定、领取证书四步")
    assert image.is_visible()
    # The flowchart loads lazily (loading="lazy"): the page's load event does not wait for it.
    image.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.flowchart img').complete", timeout=10_000)
    assert page.evaluate("document.querySelector('.flowchart img').naturalWidth") == 1
    assert page.get_by_role("row").filter(has_text="无犯罪记录证明").count() == 1
    page.close()
