"""Two of everything on one machine: the web and the workers are stateless and scale out.

Two gunicorn instances (A and B) and two Celery workers, sharing PostgreSQL, one Redis
(broker, cache, rate limit) and the object storage, as two hosts behind a load balancer
would. What one instance does, the other sees; no email goes out twice.
"""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.core.management import call_command

from chantiers.models import Chantier, RoadmapAction
from partners.models import PartnerApplication
from tests.integration.conftest import PASSWORD, Stack, staff_account
from tests.integration.visit import Visitor, png
from tests.servers import wait_for
from zen.outbox.models import OutboxEmail

COORDINATOR = "coordination@laval.example.org"
RATE_LIMIT = 3


@pytest.fixture(scope="module")
def stack(django_db_setup, django_db_blocker, collected_static):
    with django_db_blocker.unblock():
        deployed = Stack(
            collected_static,
            web=2,
            web_workers=2,
            split_queues=False,  # both workers take email: each email must still go once
            BEHIND_PROXY="1",  # clients told apart by the proxy's X-Forwarded-For
            APPLICATION_RATE_LIMIT=str(RATE_LIMIT),
        ).start()
    yield deployed
    deployed.stop()


@pytest.fixture
def site(stack, on_stack):
    on_stack(stack)
    call_command("load_seed", "--examples", verbosity=0)
    staff_account(COORDINATOR, chantier=Chantier.objects.get(slug="laval-zen"))
    return stack


def test_an_application_sent_to_one_instance_is_reviewed_on_the_other(site):
    a, b = site.web
    applicant = Visitor(a.url, address="203.0.113.1")
    assert applicant.apply("laval-zen", email="sam@example.org", organisation="Cargo Vélo", logo=png()).ok
    application = PartnerApplication.objects.get()

    reviewer = Visitor(b.url)
    reviewer.sign_in_to_admin(COORDINATOR, PASSWORD)
    listing = reviewer.get("/admin/partners/partnerapplication/")
    assert "Cargo Vélo" in listing.text
    logo = reviewer.get(f"/admin/partners/partnerapplication/{application.pk}/logo/")  # stored through A
    assert logo.status_code == 200 and logo.content.startswith(b"\x89PNG")
    change = reviewer.get(f"/admin/partners/partnerapplication/{application.pk}/change/")
    decided = reviewer.post_form(
        f"/admin/partners/partnerapplication/{application.pk}/decision/", {"decision": "accept"}, page=change.text
    )
    assert "Décision enregistrée" in decided.text

    page = Visitor(a.url).get("/chantiers/laval-zen/").text
    assert "Cargo Vélo" in page
    (logo_url,) = re.findall(r'src="([^"]+/public/organisations/logos/[^"]+)"', page)
    assert requests.get(logo_url, timeout=10).headers["Content-Type"] == "image/png"


def test_a_roadmap_edit_on_one_instance_refreshes_the_cached_page_on_both(site):
    a, b = site.web
    action = RoadmapAction.objects.filter(chantier__slug="laval-zen", is_published=True).first()
    assert action is not None, "the seed's examples give Laval published actions"
    readers = [Visitor(a.url), Visitor(b.url)]
    for reader in readers:
        reader.get("/chantiers/laval-zen/")
        again = reader.get("/chantiers/laval-zen/")
        assert again.headers.get("X-Page-Cache") == "hit" and action.title in again.text

    editor = Visitor(a.url)
    editor.sign_in_to_admin(COORDINATOR, PASSWORD)
    saved = editor.change(
        f"/admin/chantiers/roadmapaction/{action.pk}/change/",
        "roadmapaction_form",
        {"title_fr": "Réseau express vélo : tracé adopté", "progress": "60"},
    )
    assert saved.ok and "/change/" not in saved.url, re.findall(r"errorlist[^>]*>(.*?)</ul>", saved.text, re.S)

    for reader in readers:
        page = reader.get("/chantiers/laval-zen/")
        assert "Réseau express vélo : tracé adopté" in page.text
        assert page.headers.get("X-Page-Cache") != "hit"


def test_the_rate_limit_is_shared_by_both_instances(site):
    a, b = site.web
    sent = []
    for n, server in enumerate([a, b, a, b, a]):
        visitor = Visitor(server.url, address="198.51.100.7")
        sent.append(visitor.apply("laval-zen", email=f"same{n}@example.org", organisation=f"Même adresse {n}"))
    assert [response.status_code for response in sent] == [200] * RATE_LIMIT + [429, 429]
    assert "Trop de demandes" in sent[-1].text
    other = Visitor(b.url, address="198.51.100.8")
    assert other.apply("laval-zen", email="other@example.org", organisation="Autre adresse").status_code == 200
    assert PartnerApplication.objects.count() == RATE_LIMIT + 1


def test_every_email_is_sent_exactly_once_whichever_instance_and_worker_handle_it(site):
    a, b = site.web
    count = 30

    def submit(n: int) -> tuple[str, int]:
        server = (a, b)[n % 2]
        visitor = Visitor(server.url, address=f"192.0.2.{n + 1}")
        response = visitor.apply("laval-zen", email=f"applicant{n}@example.org", organisation=f"Organisation {n}")
        return server.url, response.status_code

    def tasks_per_worker() -> list[int]:  # "received" and "succeeded": two lines a task
        return [worker.log.getvalue().count("outbox.send_emails[") // 2 for worker in site.workers]

    before = tasks_per_worker()
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(submit, range(count)))
    submitted_in = time.monotonic() - started
    assert [status for _url, status in results] == [200] * count
    expected = 2 * count  # the coordinator's notice and the applicant's acknowledgement
    wait_for(lambda: len(site.sink.ids()) >= expected, 60, f"every email; logs:\n{site.logs()}")
    delivered_in = time.monotonic() - started
    time.sleep(3)  # let a late duplicate, if any, arrive (beat flushes every 2 s)

    ids = site.sink.ids()
    duplicates = sum(times - 1 for times in ids.values())
    rows = set(OutboxEmail.objects.values_list("pk", flat=True))
    assert set(ids) == rows and len(rows) == expected
    assert duplicates == 0, f"{duplicates} email(s) arrived twice"
    assert OutboxEmail.objects.filter(status="sent").count() == expected
    per_worker = [after - earlier for after, earlier in zip(tasks_per_worker(), before, strict=True)]
    on_a = sum(1 for url, _status in results if url == a.url)
    print(
        f"\ntwo instances: {count} submissions ({on_a} on A, {count - on_a} on B) in {submitted_in:.1f} s; "
        f"{expected} emails delivered {delivered_in:.1f} s after the first submission, each exactly once "
        f"({duplicates} duplicates); delivery tasks per worker: {per_worker}"
    )
    assert all(per_worker), "both workers took part"
