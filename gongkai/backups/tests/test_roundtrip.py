"""`gongkai backup DIR` then `gongkai restore DIR` into an empty installation gives back every
row, every uploaded file byte for byte, and a search index that finds what was published.
Runs on SQLite (online backup API) and on PostgreSQL (pg_dump / pg_restore)."""

import json
import shutil

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from gongkai.backups import services
from gongkai.catalog.search import engine
from gongkai.tests import world as world_module

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def installation(
    settings, tmp_path, agency, other_agency, clerk, division_head, legal_reviewer, leader
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_SEARCH_INDEX_DIR = tmp_path / "search-index"
    engine.forget_index()
    world = world_module.build(
        agency=agency,
        elsewhere=other_agency,
        clerk=clerk,
        division_head=division_head,
        legal_reviewer=legal_reviewer,
        leader=leader,
    )
    yield world
    engine.forget_index()


def counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        return services.row_counts(cursor, services._tables())


def empty_the_installation(settings):
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    shutil.rmtree(settings.GONGKAI_PRIVATE_DIR, ignore_errors=True)
    shutil.rmtree(settings.GONGKAI_SEARCH_INDEX_DIR, ignore_errors=True)
    engine.forget_index()


def test_a_restored_backup_has_the_same_rows_files_and_finds_what_was_published(
    installation, settings, tmp_path, client
):
    rows, files = counts(), services.stored_files()
    # The world's uploads: the item's attachment, an appeal's document, a guide's flowchart, a
    # proof of service and the letters' files under MEDIA_ROOT, and the applicant's attachment
    # in the private directory outside it.
    folders = {"/".join(path.split("/")[:2]) for path in files}
    assert {
        "media/appeals",
        "media/catalog",
        "media/guides",
        "media/letters",
    } <= folders, sorted(files)
    assert any(path.startswith("private/") for path in files), sorted(files)
    target = tmp_path / "backup"
    call_command("backup", str(target), verbosity=0)
    manifest = json.loads((target / "manifest.json").read_text())
    assert manifest["rows"] == rows and manifest["files"] == files
    assert manifest["database"]["vendor"] == connection.vendor

    # Restoring over a working installation would destroy it.
    with pytest.raises(CommandError, match="只能在空的安装中进行"):
        call_command("restore", str(target), verbosity=0)

    empty_the_installation(settings)
    assert counts()["accounts_organization"] == 0
    call_command("restore", str(target), verbosity=0)

    assert counts() == rows
    assert services.stored_files() == files
    page = client.get(reverse("catalog:search"), {"q": "律师事务所"}).content.decode()
    # The rebuilt index finds the published item (its title comes back highlighted).
    item_url = reverse("catalog:item", args=[installation.published.pk])
    assert (
        f'<a href="{item_url}">上海市司法局关于<mark>律师事务所</mark>年度检查考核的通知</a>'
        in page
    )
    download = client.get(reverse("catalog:attachment", args=[installation.item_attachment.pk]))
    assert b"".join(download.streaming_content) == world_module.PDF


def test_a_damaged_backup_is_refused_before_anything_is_touched(installation, settings, tmp_path):
    target = tmp_path / "backup"
    call_command("backup", str(target), verbosity=0)
    empty_the_installation(settings)
    stored = next((target / "media").rglob("*.pdf"))
    stored.write_bytes(stored.read_bytes() + b"tampered")
    with pytest.raises(CommandError, match="上传文件与清单不符"):
        call_command("restore", str(target), verbosity=0)
    assert counts()["accounts_organization"] == 0


def test_a_backup_goes_only_into_a_new_directory(installation, tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "something").write_text("x")
    with pytest.raises(CommandError, match="不是空的"):
        call_command("backup", str(tmp_path / "used"), verbosity=0)
    with pytest.raises(CommandError, match="没有 manifest.json"):
        call_command("restore", str(tmp_path / "used"), verbosity=0)
