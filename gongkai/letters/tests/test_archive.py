"""`gongkai letters export`: one folder per case, and a manifest that matches the files."""

import csv
import hashlib
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from gongkai.applications import services as app_services
from gongkai.applications.outcomes import Outcome
from gongkai.letters import services
from gongkai.letters.models import LetterKind


def test_the_export_writes_each_cases_documents_and_a_matching_manifest(
    tmp_path, accepted, handler, make_application
):
    app_services.application_reply(
        application=accepted, actor=handler, on=date(2026, 10, 9), outcome=Outcome.DISCLOSED
    )
    reply = accepted.letters.get(kind=LetterKind.REPLY)
    services.service_record(
        letter=reply,
        actor=handler,
        method="in_person",
        served_on=date(2026, 10, 10),
        proof=SimpleUploadedFile("回证.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20),
    )
    make_application(received_on=date(2026, 9, 28))
    out = tmp_path / "archive"
    call_command("letters", "export", "--org", "shsfj", "--year", "2026", "--out", str(out))
    with (out / "manifest.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert files - {"manifest.csv"} == {row["文件"] for row in rows}
    for row in rows:
        data = (out / row["文件"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row["SHA-256"]
    kinds = [(r["申请编号"], r["文书类型"], Path(r["文件"]).suffix) for r in rows]
    assert (accepted.tracking_number, "答复告知书", ".pdf") in kinds
    assert (accepted.tracking_number, "答复告知书", ".docx") in kinds
    assert (accepted.tracking_number, "送达凭证（当面）", ".png") in kinds
    assert len({r["申请编号"] for r in rows}) == 2  # one folder per case
    assert {r["文号"] for r in rows if r["文书类型"] == "答复告知书"} == {reply.number}


def test_an_unknown_organization_is_refused(tmp_path, agency):
    with pytest.raises(CommandError, match="没有代码为 nope 的机关"):
        call_command("letters", "export", "--org", "nope", "--year", "2026", "--out", str(tmp_path))
