"""`report parse DIR --csv` with a broker: one task per file, the same CSV and progress."""

from __future__ import annotations

import csv
import threading
from pathlib import Path

import pytest

from gongkai.reports import cli, tasks

from . import builders as b
from .test_cli import broken_report, run, write


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    write(folder / "a.txt", b.report_2021())
    write(folder / "b.html", b.report_2019("html"))
    write(folder / "c.txt", broken_report())
    write(folder / "d.txt", "not a report")
    return folder


@pytest.mark.django_db
def test_with_a_broker_each_file_is_a_task_and_the_csv_is_the_same(
    settings, folder, tmp_path, celery_eager, monkeypatch
):
    settings.CELERY_BROKER_URL = ""
    here = tmp_path / "here.csv"
    assert run("parse", str(folder), "--csv", str(here))[0] == 1

    settings.CELERY_BROKER_URL = "memory://"
    sent = []
    real = tasks.parse_report

    class Counted:  # the task, counting what was sent
        @staticmethod
        def delay(path, name):
            sent.append(name)
            return real.delay(path, name)

    monkeypatch.setattr(tasks, "parse_report", Counted)
    out = tmp_path / "workers.csv"
    status, stdout, stderr = run("parse", str(folder), "--csv", str(out))
    assert sent == ["a.txt", "b.html", "c.txt", "d.txt"]
    assert status == 1 and "parsed 3 of 4" in stdout and "d.txt" in stdout
    assert "4/4" in stderr and "#" in stderr  # the progress bar moved as the tasks finished
    assert out.read_bytes() == here.read_bytes()


@pytest.mark.django_db
def test_a_task_that_failed_is_one_failed_row_not_a_lost_batch(
    folder, tmp_path, celery_eager, monkeypatch
):
    real = cli.parse_row

    def parse_row(path, name, known=None):
        if name == "b.html":  # fails outside the parser's own guard
            raise MemoryError("worker out of memory")
        return real(path, name, known)

    monkeypatch.setattr(cli, "parse_row", parse_row)
    out = tmp_path / "out.csv"
    status, stdout, _ = run("parse", str(folder), "--csv", str(out))
    assert status == 1 and "parsed 2 of 4" in stdout
    assert "b.html: 解析器内部错误" in stdout and "MemoryError" in stdout


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_parses_the_folder(celery_worker, folder, tmp_path, monkeypatch):
    main = threading.get_ident()
    parsers = []
    real = cli.parse_row

    def parse_row(path, name, known=None):
        parsers.append(threading.get_ident())
        return real(path, name, known)

    monkeypatch.setattr(cli, "parse_row", parse_row)
    out = tmp_path / "workers.csv"
    status, stdout, stderr = run("parse", str(folder), "--csv", str(out))
    assert status == 1 and "parsed 3 of 4" in stdout and "4/4" in stderr
    assert len(parsers) == 4 and main not in parsers  # parsed by the worker
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["file"] for r in rows] == ["a.txt", "b.html", "c.txt", "d.txt"]
    assert rows[0]["applications.new.total"] == "10" and rows[2]["violations"] == "2"


def test_a_batch_without_a_worker_says_what_it_waits_for(settings, folder, tmp_path, monkeypatch):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    polls = []

    class Pending:  # tasks no worker takes at first; they are done after a dozen looks
        def __init__(self, path, name):
            self.path, self.name = path, name

        def ready(self):
            polls.append(self.name)
            return len(polls) > 12

        def get(self, propagate=True):
            return cli.parse_row(Path(self.path), self.name, [])

        def forget(self):
            pass

    class Queue:
        delay = Pending

    monkeypatch.setattr(tasks, "parse_report", Queue)
    monkeypatch.setattr(cli, "POLL", 0.01)
    monkeypatch.setattr(cli, "IDLE_HINT", 0.02)
    status, stdout, stderr = run("parse", str(folder), "--csv", str(tmp_path / "out.csv"))
    assert "reports 队列" in stderr and stderr.count("no report parsed yet") == 1
    assert status == 1 and "parsed 3 of 4" in stdout
