"""Public pages are served from cache, and a change in the admin shows on the next view."""

from django.urls import reverse

from chantiers.models import RoadmapAction


def test_a_second_view_is_served_from_the_cache(client, laval, django_assert_num_queries):
    url = reverse("chantiers:detail", args=["laval-zen"])
    first = client.get(url)
    assert "X-Page-Cache" not in first
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_a_cache_time_of_zero_turns_the_page_cache_off(client, laval, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # how `make bench` measures uncached pages
    url = reverse("chantiers:detail", args=["laval-zen"])
    first = client.get(url)
    second = client.get(url)
    assert "X-Page-Cache" not in second
    assert second.content == first.content


def test_each_language_and_query_string_is_its_own_page(client, seeded):
    client.get(reverse("chantiers:list"))
    assert "X-Page-Cache" not in client.get("/en" + reverse("chantiers:list"))
    assert "X-Page-Cache" not in client.get(reverse("chantiers:list"), {"region": "laval"})


def test_a_change_made_in_the_admin_shows_on_the_next_public_view(client, laval, program_staff):
    url = reverse("chantiers:detail", args=["laval-zen"])
    assert "60\u00a0% réalisé" in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"

    action = RoadmapAction.objects.get(title_fr="Former le comité de pilotage partenarial")
    staff = client.__class__()
    staff.force_login(program_staff)
    response = staff.post(
        reverse("admin:chantiers_roadmapaction_change", args=[action.pk]),
        {
            "chantier": action.chantier_id,
            "theme": action.theme_id,
            "phase": "",
            "title_fr": action.title_fr,
            "title_en": action.title_en,
            "description_fr": "",
            "description_en": "",
            "status": "in_progress",
            "progress": 85,
            "lead_organisations": [o.pk for o in action.lead_organisations.all()],
            "target_date": "",
            "order": action.order,
            "is_published": "on",
            "is_example": "on",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors

    fresh = client.get(url)
    assert "X-Page-Cache" not in fresh
    assert "85\u00a0% réalisé" in fresh.content.decode()
    assert "60\u00a0% réalisé" not in fresh.content.decode()


def test_pages_that_failed_are_not_cached(client, seeded):
    url = reverse("chantiers:detail", args=["nowhere"])
    assert client.get(url).status_code == 404
    assert "X-Page-Cache" not in client.get(url)


def test_cached_pages_come_compressed_to_browsers_that_ask(client, seeded):
    import gzip

    url = reverse("chantiers:detail", args=["laval-zen"])
    plain = client.get(url).content
    hit = client.get(url, headers={"accept-encoding": "gzip, br"})
    assert hit["X-Page-Cache"] == "hit"
    assert hit["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in hit["Vary"]
    assert gzip.decompress(hit.content) == plain


def test_cached_api_answers_keep_their_headers(client, seeded):
    url = reverse("api:dataset", args=["themes"])
    first = client.get(url)
    second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second["Content-Type"] == first["Content-Type"] == "application/json"
    assert second["Access-Control-Allow-Origin"] == "*"
