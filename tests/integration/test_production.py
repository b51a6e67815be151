"""The production smoke test: the site as deployed, driven over HTTP as people use it.

gunicorn with the shipped gunicorn.conf.py and DJANGO_DEBUG=0 on loopback (plain HTTP:
SECURE_SSL_REDIRECT=0 there only, tests/servers.py says why), PostgreSQL, a Redis of
its own, a Celery worker for jobs and one for email, one beat, an SMTP sink and an
S3-compatible server (moto) holding the media. Nothing is faked in between: an
organisation applies with a logo, the coordinator is emailed, staff sign in with
their second factor and accept, the partner's logo is served from object storage.
"""

from __future__ import annotations

import json
import re
import uuid

import pytest
import redis
import requests
from django.core.management import call_command

from chantiers.models import Chantier
from partners.models import PartnerApplication
from tests.integration.conftest import PASSWORD, Stack, database_url, staff_account
from tests.integration.visit import Visitor, png
from tests.servers import Gunicorn, manage, production_environment, wait_for
from zen.outbox.models import OutboxEmail

COORDINATOR = "coordination@laval.example.org"
OUTSIDER = "coordination@lachine.example.org"
STAFF = "equipe@example.org"


@pytest.fixture(scope="module")
def stack(django_db_setup, django_db_blocker, collected_static):
    with django_db_blocker.unblock():
        deployed = Stack(collected_static, web=1, web_workers=2, LOG_FORMAT="json").start()
    yield deployed
    deployed.stop()


@pytest.fixture
def site(stack, on_stack):
    on_stack(stack)
    call_command("load_seed", verbosity=0)
    laval = Chantier.objects.get(slug="laval-zen")
    staff_account(COORDINATOR, chantier=laval)
    staff_account(OUTSIDER, chantier=Chantier.objects.get(slug="climaction-lachine"))
    staff_account(STAFF, superuser=True)
    return stack


def test_an_organisation_applies_the_coordinator_hears_staff_accept_and_the_logo_goes_public(site):
    web = site.web[0]
    applicant = Visitor(web.url)
    response = applicant.apply("laval-zen", email="sam@example.org", organisation="Cargo Vélo", logo=png())
    assert response.status_code == 200 and "/devenir-partenaire/merci/" in response.url, response.url

    wait_for(lambda: site.sink.to(COORDINATOR), 30, f"the coordinator's email; logs:\n{site.logs()}")
    (to_coordinator,) = site.sink.to(COORDINATOR)
    assert to_coordinator["Subject"].startswith("Nouvelle demande de partenariat pour Laval ZéN")
    wait_for(lambda: site.sink.to("sam@example.org"), 30, "the applicant's acknowledgement")

    # The logo is in the bucket's private part, which nobody reads without the site's credentials.
    application = PartnerApplication.objects.get()
    assert application.logo.name
    private_key = f"private/{application.logo.name}"
    assert private_key in site.storage.object_keys()
    assert requests.get(f"{site.storage.endpoint}/{site.storage.bucket}/{private_key}", timeout=10).status_code == 403
    assert application.logo.name not in applicant.get("/chantiers/laval-zen/").text

    coordinator = Visitor(web.url)
    index = coordinator.sign_in_to_admin(COORDINATOR, PASSWORD)
    assert "Gestion des Chantiers" in index.text
    change = coordinator.get(f"/admin/partners/partnerapplication/{application.pk}/change/")
    assert "Cargo Vélo" in change.text
    logo = coordinator.get(f"/admin/partners/partnerapplication/{application.pk}/logo/")
    assert logo.status_code == 200 and logo.headers["Content-Type"] == "image/png"
    outsider = Visitor(web.url)
    outsider.sign_in_to_admin(OUTSIDER, PASSWORD)
    assert outsider.get(f"/admin/partners/partnerapplication/{application.pk}/logo/").status_code == 404

    staff = Visitor(web.url)
    staff.sign_in_to_admin(STAFF, PASSWORD)
    change = staff.get(f"/admin/partners/partnerapplication/{application.pk}/change/")
    decided = staff.post_form(
        f"/admin/partners/partnerapplication/{application.pk}/decision/",
        {"decision": "accept", "note": "Bienvenue !"},
        page=change.text,
    )
    assert "Décision enregistrée" in decided.text
    wait_for(lambda: len(site.sink.to("sam@example.org")) == 2, 30, "the decision email")

    page = applicant.get("/chantiers/laval-zen/").text
    assert "Cargo Vélo" in page
    (logo_url,) = re.findall(r'<img class="organisation__logo" src="([^"]+/public/organisations/logos/[^"]+)"', page)
    assert logo_url.startswith(f"{site.storage.endpoint}/{site.storage.bucket}/public/")
    public_logo = requests.get(logo_url, timeout=10)  # anonymous, as a browser
    assert public_logo.status_code == 200
    assert public_logo.headers["Content-Type"] == "image/png"
    assert public_logo.content.startswith(b"\x89PNG")
    csp = applicant.get("/chantiers/laval-zen/").headers["Content-Security-Policy"]
    assert f"img-src 'self' data: {site.storage.endpoint}" in csp


def test_the_email_worker_hands_over_what_no_request_handed_over(site):
    email = OutboxEmail.objects.create(
        kind="account-email", to="waiting@example.org", language="fr", subject="En attente", body_text="Bonjour"
    )
    assert email.handed_over_at is None
    wait_for(lambda: site.sink.to("waiting@example.org"), 30, f"the worker's flush to send it:\n{site.logs()}")
    assert "outbox.flush_outbox" not in site.beat.log.getvalue()  # the email worker runs it, beat or no beat


def test_a_request_id_follows_an_application_into_the_worker_that_sends_its_emails(site):
    request_id = uuid.uuid4().hex
    response = Visitor(site.web[0].url).apply(
        "laval-zen", email="lou@example.org", organisation="Lou Vélo", headers={"X-Request-ID": request_id}
    )
    assert response.history[0].headers["X-Request-ID"] == request_id
    wait_for(lambda: site.sink.to("lou@example.org"), 30, "the acknowledgement")
    email_worker = site.workers[1]

    def lines_with_the_id():
        lines = [json.loads(line) for line in email_worker.log.getvalue().splitlines() if line.startswith("{")]
        return [line for line in lines if line.get("request_id") == request_id]

    lines = wait_for(lines_with_the_id, 10, f"a worker line with the id:\n{email_worker.log.getvalue()[-2000:]}")
    assert any("outbox.send_emails" in line["message"] and "succeeded" in line["message"] for line in lines)


def test_check_deploy_is_clean_with_the_deployed_settings(site):
    # The stack's settings, but with HTTPS on as behind the real proxy (the loopback runs plain HTTP).
    env = site.env | {"SECURE_SSL_REDIRECT": "1", "SECURE_HSTS_SECONDS": "31536000"}
    manage("check", "--deploy", "--fail-level", "WARNING", env=env)  # raises on any warning


def test_readiness_reports_a_redis_outage_while_pages_keep_serving(site):
    visitor = Visitor(site.web[0].url)
    ready = visitor.get("/health/ready/?format=json")
    assert ready.status_code == 200, ready.text
    assert set(ready.json().values()) == {"OK"}
    assert visitor.get("/health/live/").status_code == 200

    site.redis.stop()
    try:
        down = visitor.get("/health/ready/?format=json")
        assert down.status_code == 500
        checks = down.json()
        assert checks["Database(alias='default')"] == "OK"
        assert checks["Storage(alias='default')"] == "OK"
        assert checks["Cache(alias='default')"] != "OK"
        (broker,) = [name for name in checks if name.startswith("Redis(")]
        assert "Unable to connect to Redis" in checks[broker]
        assert visitor.get("/health/live/").status_code == 200
        page = visitor.get("/chantiers/laval-zen/")
        assert page.status_code == 200 and "Laval ZéN" in page.text
    finally:
        site.redis.start()
    wait_for(lambda: visitor.get("/health/ready/").status_code == 200, 20, "readiness back once Redis is")
    redis.Redis.from_url(site.redis.url).flushdb()


@pytest.mark.parametrize("trusted", [True, False], ids=["from-the-proxy", "from-anyone-else"])
def test_forwarded_headers_are_believed_from_the_documented_proxy_only(
    trusted, collected_static, django_db_setup, django_db_blocker
):
    """The shipped config trusts X-Forwarded-Proto and SCRIPT_NAME from FORWARDED_ALLOW_IPS, no one else."""
    env = production_environment(
        DATABASE_URL=database_url(),
        SECURE_SSL_REDIRECT="1",
        # The proxy is this machine (the test), or an address the test is not.
        FORWARDED_ALLOW_IPS="127.0.0.1" if trusted else "192.0.2.10",
    )
    server = Gunicorn(env, workers=1, static_root=collected_static).start(ready_path="/health/live/")
    try:
        over_https = requests.get(
            f"{server.url}/robots.txt", headers={"X-Forwarded-Proto": "https"}, allow_redirects=False, timeout=10
        )
        under_prefix = requests.get(
            f"{server.url}/p/robots.txt",
            headers={"X-Forwarded-Proto": "https", "SCRIPT_NAME": "/p"},
            allow_redirects=False,
            timeout=10,
        )
    finally:
        server.stop()
    if trusted:
        assert over_https.status_code == 200  # the proxy said https: no redirect
        # Mounted under /p by the proxy, and told it is https: the site's own links say both.
        assert under_prefix.status_code == 200
        assert f"Sitemap: https://127.0.0.1:{server.port}/p/sitemap.xml" in under_prefix.text
    else:
        assert over_https.status_code == 301  # plain http, whatever the header claims
        assert over_https.headers["Location"] == f"https://127.0.0.1:{server.port}/robots.txt"
        assert under_prefix.status_code in {301, 404}  # the SCRIPT_NAME header was dropped
        assert "Sitemap:" not in under_prefix.text
