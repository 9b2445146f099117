"""The case page says what can be done and what went wrong once, in specific words (found
clicking through the demo: a next step that was not offered, errors shown twice, a deadline
shown after the step was taken, Django's generic "这个字段是必填项。")."""

import re
from datetime import date

from django.urls import reverse

from gongkai.applications import services, signoff
from gongkai.applications.models import SignoffKind, Status


def _page(client, app) -> str:
    return client.get(reverse("applications:detail", args=[app.pk])).content.decode()


def _step(client, app, kind, data):
    url = reverse("applications:transition", args=[app.pk, kind])
    return client.post(url, {f"{kind}-{k}": v for k, v in data.items()})


def _offered(page: str) -> list[str]:
    """The labels of the forms the case page offers (its <summary> lines)."""
    return re.findall(r"<summary>([^<（]+)", page)


def test_the_next_step_names_only_what_the_handler_is_offered(
    client, make_application, handler, accepted
):
    received = make_application(received_on=date(2026, 12, 14))
    client.force_login(handler)
    page = _page(client, received)
    assert "一次性告知补正" not in page
    assert "<li>受理<br>" in page and "受理" in _offered(page)
    assert "发出补正告知" not in _offered(page)
    # Accepted, the notice is offered, and named.
    page = _page(client, accepted)
    assert "发出补正告知、开始办理或起草答复提交审核" in page
    offered = _offered(page)
    assert {"发出补正告知", "开始办理", "起草答复并提交审核"} <= set(offered)
    for status in Status:
        for step in signoff.handler_steps(status):
            kind = next((k for k, r in services.TRANSITIONS.items() if r.label == step), None)
            assert kind is None or status in services.TRANSITIONS[kind].sources


def test_each_error_is_shown_once_next_to_its_form(client, accepted, handler, division_head):
    client.force_login(handler)
    response = _step(
        client,
        accepted,
        "request_correction",
        {"on": "2026-09-29", "items": "", "correct_by": "2026-10-20"},
    )
    assert response.status_code == 400
    assert response.content.decode().count("请写明需要补正的事项。") == 1
    # Refused by the service: the reason is on the opened form, the banner only points to it.
    response = _step(
        client,
        accepted,
        "request_correction",
        {"on": "2026-09-29", "items": "请写明年份", "correct_by": "2026-12-20"},
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert page.count("补正期限最长为发出补正告知之日起30日") == 1
    assert "发出补正告知未能办理，原因见表单中的说明。" in page
    form = page[page.index(f'action="/staff/applications/{accepted.pk}/request_correction/"') :]
    assert "补正期限最长为" in form[: form.index("</form>")]

    url = reverse("applications:signoff_submit", args=[accepted.pk, "reply"])
    response = client.post(url, {"draft-reply-outcome": "withheld.state_secret"})
    assert response.status_code == 400
    assert response.content.decode().count("请在答复要点中写明理由") == 1

    draft = signoff.signoff_submit(
        application=accepted, actor=handler, kind=SignoffKind.REPLY, outcome="disclosed"
    )
    client.force_login(division_head)
    url = reverse("applications:signoff_return", args=[draft.pk])
    response = client.post(url, {f"decide-{draft.pk}-comment": " "})
    page = response.content.decode()
    assert response.status_code == 400
    assert page.count("退回修改时必须填写审核意见。") == 1
    assert f'id="id_decide-{draft.pk}-comment_error"><li>退回修改时必须填写审核意见。' in page


def test_after_the_correction_notice_the_page_says_it_was_sent(client, accepted, handler):
    client.force_login(handler)
    assert "补正告知最迟发出日期：" in _page(client, accepted)
    services.application_request_correction(
        application=accepted,
        actor=handler,
        items="请写明年份",
        correct_by=date(2026, 10, 20),
        on=date(2026, 9, 29),
    )
    page = _page(client, accepted)
    assert "最迟发出日期" not in page
    assert "已于 2026-09-29 发出补正告知，补正期限 2026-10-20，等待申请人补正。" in page


def test_an_empty_delivery_says_which_fields_are_missing(client, accepted, handler):
    services.application_reply(
        application=accepted, actor=handler, on=date(2026, 10, 9), outcome="disclosed"
    )
    client.force_login(handler)
    response = _step(client, accepted, "deliver", {"on": "", "method": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert "请填写送达日期。" in page and "请选择送达方式。" in page
    assert "这个字段是必填项" not in page
