"""The public form is throttled per client address and per ID number (issue 15)."""

import threading

import pytest
import time_machine
from django.db import connections
from django.test import Client
from django.urls import reverse

from gongkai.applications.models import Application

from .test_views import GOOD

URL = "applications:apply"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.GONGKAI_TRUSTED_PROXIES = 1
    settings.GONGKAI_APPLY_LIMIT_PER_ADDRESS = 4
    settings.GONGKAI_APPLY_LIMIT_PER_ID = 2


def post(client, data, ip="203.0.113.7"):
    return client.post(reverse(URL), data, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=ip)


def test_every_post_from_one_address_counts_valid_or_not(client, agency):
    for _ in range(4):
        assert post(client, {"organization": agency.pk}).status_code == 400
    refused = post(client, {**GOOD, "organization": agency.pk})
    assert refused.status_code == 429 and refused["Retry-After"] == "3600"
    assert "您提交得过于频繁，请一小时后再试" in refused.content.decode()
    assert not Application.objects.exists()
    # Another client is not affected; the address may post again an hour later.
    ok = post(client, {**GOOD, "organization": agency.pk}, ip="198.51.100.2")
    assert ok.status_code == 302, ok.context["form"].errors
    with time_machine.travel("2026-12-15 11:01 +0800", tick=False):
        again = post(client, {**GOOD, "organization": agency.pk})
    assert again.status_code == 302


def test_one_id_number_files_a_limited_number_of_applications_a_day(client, agency):
    for n in range(2):
        assert (
            post(client, {**GOOD, "organization": agency.pk}, ip=f"203.0.113.{n}").status_code
            == 302
        )
    refused = post(client, {**GOOD, "organization": agency.pk}, ip="198.51.100.9")
    assert refused.status_code == 429
    assert "以该证件号码提交的申请今日已达上限" in refused.content.decode()
    assert Application.objects.count() == 2


def test_a_parallel_burst_from_one_address_gets_no_more_than_the_limit(transactional_db, agency):
    results = []
    barrier = threading.Barrier(8)

    def run():
        try:
            barrier.wait()
            results.append(post(Client(), {"organization": agency.pk}).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [400] * 4 + [429] * 4
