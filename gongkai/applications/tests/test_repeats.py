"""Possible 重复申请 found at registration and the 第35条 flag, shown to the clerk only."""

from datetime import date

from django.urls import reverse

from gongkai.applications import repeats, services
from gongkai.applications.models import Application, Outcome, SimilarApplication, Status

ORIGINAL = "2025年度本市司法鉴定机构年度检查结果及被责令整改的机构名单"
REWORDED = "请公开本市司法鉴定机构2025年度年检结果，以及被责令整改的鉴定机构名单"
SAME_TOPIC = "本市司法鉴定机构收费标准的制定依据"
OTHER_ID = "310101199001011237"


def test_a_reworded_request_from_another_applicant_is_found_with_the_earlier_outcome(
    make_application, handler, client, clerk
):
    first = make_application(received_on=date(2026, 9, 25), description=ORIGINAL)
    services.application_accept(application=first, actor=handler, on=date(2026, 9, 28))
    services.application_reply(
        application=first, actor=handler, on=date(2026, 9, 30), outcome=Outcome.DISCLOSED
    )
    second = make_application(
        received_on=date(2026, 10, 12),
        description=REWORDED,
        applicant_name="王某",
        id_number=OTHER_ID,
    )
    match = SimilarApplication.objects.get(application=second)
    assert match.earlier == first and not match.same_applicant and match.score >= 0.7
    client.force_login(clerk)
    page = client.get(reverse("applications:detail", args=[second.pk])).content.decode()
    assert "可能的重复申请" in page and first.tracking_number in page
    assert "其他申请人" in page and "办理结果：予以公开（2026-09-30 答复）" in page
    second.refresh_from_db()
    assert second.status == Status.RECEIVED  # nothing is closed automatically


def test_both_cases_of_a_pair_are_flagged_as_possible_repeats_and_no_other(make_application):
    first = make_application(received_on=date(2026, 9, 25), description=ORIGINAL)
    unrelated = make_application(received_on=date(2026, 9, 26), description=SAME_TOPIC)
    second = make_application(
        received_on=date(2026, 10, 12), description=REWORDED, id_number=OTHER_ID
    )
    flagged = set(Application.objects.filter(possible_repeat=True).values_list("pk", flat=True))
    assert flagged == {first.pk, second.pk}
    assert unrelated.pk not in flagged


def test_the_same_applicants_earlier_request_is_marked_as_theirs(make_application):
    first = make_application(description=ORIGINAL)
    second = make_application(description=REWORDED)
    assert SimilarApplication.objects.get(application=second).earlier == first
    assert SimilarApplication.objects.get(application=second).same_applicant


def test_an_unrelated_request_on_the_same_topic_is_not_a_repeat(make_application):
    make_application(description=ORIGINAL)
    other = make_application(description=SAME_TOPIC)
    assert not SimilarApplication.objects.filter(application=other).exists()
    assert repeats.similarity(ORIGINAL, SAME_TOPIC) < repeats.THRESHOLD


def test_no_section_when_nothing_is_similar(make_application, client, clerk):
    app = make_application(description=SAME_TOPIC)
    client.force_login(clerk)
    assert (
        "可能的重复申请"
        not in client.get(reverse("applications:detail", args=[app.pk])).content.decode()
    )


def test_an_applicant_far_above_the_offices_usual_is_flagged(
    make_application, client, clerk, settings
):
    settings.GONGKAI_BULK_MIN_APPLICATIONS = 10
    for i in range(4):
        make_application(id_number=f"3101011990010{1000 + i}X", description=f"事项{i}")
    apps = [make_application(description=f"第{i}件不同的事项") for i in range(12)]
    flag = repeats.bulk_flag(apps[-1])
    assert flag is not None and flag.count == 12
    client.force_login(clerk)
    page = client.get(reverse("applications:detail", args=[apps[-1].pk])).content.decode()
    assert "提出 12 件申请" in page and "第三十五条" in page


def test_an_ordinary_applicant_is_not_flagged(make_application):
    apps = [make_application(description=f"事项{i}") for i in range(3)]
    assert repeats.bulk_flag(apps[-1]) is None
