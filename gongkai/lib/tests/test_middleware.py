"""HTTP hardening: the Content-Security-Policy, the request-size cap, quiet 403s."""

import io
import logging

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.lib.middleware import CONTENT_SECURITY_POLICY


def test_every_page_forbids_inline_and_foreign_scripts(client, db):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert policy == CONTENT_SECURITY_POLICY
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert "unsafe" not in policy
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"


def test_no_template_has_an_inline_script_handler_or_style():
    """What the policy would silently break (htmx's own <style> is switched off in base.html)."""
    import re
    from pathlib import Path

    import gongkai

    root = Path(gongkai.__file__).parent
    # A JSON data block (Django's json_script) is never run, so the policy has nothing to block.
    inline = re.compile(
        r"<script(?![^>]*\b(?:src=|type=\"application/json\"))|<style|\sstyle=|\son[a-z]+=|javascript:",
        re.I,
    )
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("templates/**/*.html")
        if inline.search(path.read_text())
    ]
    assert offenders == []


class _Unreadable(io.RawIOBase):
    def read(self, *args):
        raise AssertionError("the oversized body was read")

    readinto = read


def test_a_body_over_the_cap_is_refused_in_chinese_before_it_is_read(settings, db):
    settings.GONGKAI_MAX_REQUEST_BYTES = 1024 * 1024
    client = Client()
    response = client.generic(
        "POST",
        reverse("applications:apply"),
        data=b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
        **{"wsgi.input": _Unreadable()},
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "提交的内容过大" in page and "1 MB" in page
    assert response.headers["Connection"] == "close"


def test_a_body_within_the_cap_goes_through(settings, client, db):
    settings.GONGKAI_MAX_REQUEST_BYTES = 1024 * 1024
    response = client.post(reverse("applications:apply_status"), {"tracking_number": "x"})
    assert response.status_code != 413 and "提交的内容过大" not in response.content.decode()


@pytest.mark.parametrize("status_path", ["/staff/audit/"])
def test_a_refused_request_is_one_line_in_the_log_without_a_traceback(
    client, clerk, caplog, status_path
):
    client.force_login(clerk)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(status_path).status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert records and all(r.exc_info is None and r.exc_text is None for r in records)
    assert "Traceback" not in caplog.text
