"""The rate limit counts each client once: behind the documented proxy by the address the proxy saw, and a
client that reaches gunicorn directly cannot name an address of its own choosing."""

import pytest
from django.test import RequestFactory

from zen.web.ratelimit import client_address


def request(peer: str, forwarded: str | None = None):
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=peer, headers=headers)


@pytest.fixture
def behind_proxy(settings):
    settings.BEHIND_PROXY = True
    settings.FORWARDED_ALLOW_IPS = ["172.30.57.1", "10.0.0.0/8"]
    return settings


def test_the_proxys_last_hop_is_the_client(behind_proxy):
    # The client may send any X-Forwarded-For; the proxy appends what it saw, and that is what counts.
    assert client_address(request("172.30.57.1", "198.51.100.7, 203.0.113.9")) == "203.0.113.9"
    assert client_address(request("10.2.3.4", "203.0.113.9")) == "203.0.113.9"


def test_a_client_that_bypasses_the_proxy_is_counted_by_its_own_address(behind_proxy):
    assert client_address(request("192.0.2.50", "203.0.113.9")) == "192.0.2.50"
    assert client_address(request("192.0.2.50", "203.0.113.10")) == "192.0.2.50"


def test_without_a_proxy_the_header_means_nothing(settings):
    settings.BEHIND_PROXY = False
    assert client_address(request("172.30.57.1", "203.0.113.9")) == "172.30.57.1"


def test_a_hostname_or_typo_in_the_setting_trusts_no_one(behind_proxy):
    behind_proxy.FORWARDED_ALLOW_IPS = ["proxy.internal", "not-an-ip"]
    assert client_address(request("172.30.57.1", "203.0.113.9")) == "172.30.57.1"
