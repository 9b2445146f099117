"""The demo loads the seed office's 2018 figures for appeals, consultations and proposals."""

from io import StringIO

from django.core.management import call_command

from gongkai.accounts.models import Organization
from gongkai.appeals import selectors as appeal_figures
from gongkai.appeals.models import Appeal
from gongkai.consultations import selectors as consultation_figures
from gongkai.consultations.models import Consultation
from gongkai.proposals import selectors as proposal_figures
from gongkai.proposals.models import Proposal


def test_the_demo_reproduces_the_seed_reports_figures_idempotently(db, settings, tmp_path):
    settings.GONGKAI_QA_INDEX_DIR = tmp_path / "qa"
    settings.GONGKAI_SEARCH_INDEX_DIR = tmp_path / "search"
    call_command("demo", stdout=StringIO())
    counts = (Appeal.objects.count(), Consultation.objects.count(), Proposal.objects.count())
    call_command("demo", stdout=StringIO())
    assert (
        Appeal.objects.count(),
        Consultation.objects.count(),
        Proposal.objects.count(),
    ) == counts

    root = Organization.objects.get(code="shsfj")
    legacy = appeal_figures.legacy_year_figures([root.pk], 2018)
    assert legacy["review"] == {"upheld": 17, "corrected": 0, "other": 6, "pending": 0, "total": 23}
    assert legacy["litigation"] == {
        "upheld": 6,
        "corrected": 0,
        "other": 5,
        "pending": 0,
        "total": 11,
    }
    assert Appeal.objects.filter(filed_on__year=2018, application__isnull=False).count() == 34
    assert consultation_figures.year_figures([root.pk], 2018) == {
        "total": 207,
        "phone": 112,
        "in_person": 86,
        "online": 9,
    }
    figures = proposal_figures.year_figures([root.pk], 2018)
    assert (figures["replies"], figures["published"], figures["rate"]) == (17, 17, 100.0)
    assert Appeal.objects.open().count() == 2
