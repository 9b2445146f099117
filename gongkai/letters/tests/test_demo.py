from io import StringIO

from django.core.management import call_command

from gongkai.applications.outcomes import Outcome
from gongkai.letters.demo import CASES
from gongkai.letters.models import Letter, LetterKind


def test_the_demo_has_a_signed_reply_for_every_outcome_group_of_2026(db):
    call_command("demo", stdout=StringIO())
    count = Letter.objects.count()
    call_command("demo", stdout=StringIO())
    assert Letter.objects.count() == count
    names = [case[0] for case in CASES]
    replies = Letter.objects.filter(
        kind=LetterKind.REPLY, year=2026, application__applicant_name__in=names
    )
    assert replies.count() == len(CASES)
    groups = {Outcome(v).group for v in replies.values_list("variant", flat=True)}
    assert groups >= {
        "disclosed",
        "partially_disclosed",
        "withheld",
        "unable_to_provide",
        "not_processed",
        "other",
    }
    assert all(r.number.startswith("市司法局信公复〔2026〕第") for r in replies)
    # every current reply names the review body; one signed before it was set was corrected
    current = Letter.objects.current().filter(kind=LetterKind.REPLY, organization__code="shsfj")
    assert all(
        any("向上海市人民政府申请行政复议" in p for p in r.content["paragraphs"]) for r in current
    )
    assert Letter.objects.filter(kind=LetterKind.REPLY, version=2).exists()
    kinds = set(Letter.objects.filter(year=2026).values_list("kind", flat=True))
    # Every kind but the transfer and the fee notice (the demo office does not charge fees).
    assert kinds >= {k.value for k in LetterKind} - {
        LetterKind.TRANSFER.value,
        LetterKind.FEE_NOTICE.value,
    }
