"""Open data: JSON API described by OpenAPI, CSV downloads, never personal data."""

import csv
import io
import json

import pytest
from django.urls import reverse
from openapi_spec_validator import validate

from partners.models import PartnerApplication
from zen.opendata import DATASETS


def get_json(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def get_csv(client, url, **params) -> list[dict]:
    response = client.get(url, params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))


def test_the_openapi_description_is_valid_and_covers_every_dataset(client, seeded):
    document = get_json(client, reverse("api:openapi"))
    validate(document)
    assert set(document["paths"]) == {f"/api/{name}/" for name in DATASETS}


@pytest.mark.parametrize("name", list(DATASETS))
def test_each_dataset_answers_with_the_fields_it_documents(client, seeded, name):
    document = get_json(client, reverse("api:openapi"))
    properties = set(document["components"]["schemas"][name]["properties"])
    data = get_json(client, reverse("api:dataset", args=[name]))
    assert data["count"] > 0
    for row in data["results"]:
        assert set(row) == properties
    rows = get_csv(client, reverse("csv", args=[name]))
    assert len(rows) == data["count"] if data["count"] <= 100 else True
    assert set(rows[0]) == properties


def test_the_api_lists_the_four_active_chantiers_and_the_candidates(client, seeded):
    data = get_json(client, reverse("api:dataset", args=["chantiers"]))
    statuses = {row["slug"]: row["status"] for row in data["results"]}
    assert statuses["laval-zen"] == "active"
    assert statuses["outaouais"] == "candidate"
    assert len(statuses) == 8


def test_actions_can_be_filtered_and_paged(client, seeded):
    laval = get_json(client, reverse("api:dataset", args=["actions"]), chantier="laval-zen")
    assert laval["count"] == 6 and {row["chantier"] for row in laval["results"]} == {"laval-zen"}
    assert all(row["is_example"] for row in laval["results"])
    first = get_json(client, reverse("api:dataset", args=["actions"]), limit=5)
    assert len(first["results"]) == 5 and first["next"]
    second = client.get(first["next"]).json()
    assert {r["id"] for r in first["results"]}.isdisjoint({r["id"] for r in second["results"]})
    energy = get_csv(client, reverse("csv", args=["actions"]), theme="energie")
    assert {row["theme"] for row in energy} == {"energie"}


@pytest.mark.parametrize("params", [{"limit": "x"}, {"limit": 0}, {"limit": 5000}, {"offset": -3}])
def test_bad_paging_gets_a_clear_400(client, seeded, params):
    response = client.get(reverse("api:dataset", args=["actions"]), params)
    assert response.status_code == 400
    (name,) = params
    assert name in response.json()["error"] and response.json()["errors"][name]


def test_an_unknown_dataset_is_404(client, seeded):
    assert client.get(reverse("api:dataset", args=["people"])).status_code == 404
    assert client.get("/donnees/people.csv").status_code == 404


def test_no_personal_data_ever_leaves_through_open_data(client, laval):
    PartnerApplication.objects.create(
        chantier=laval,
        organisation_name="Coop Secrète",
        organisation_kind="cooperative",
        contact_name="Josée Privée",
        contact_email="josee.privee@example.org",
        contact_phone="514-555-0199",
        motivation="Nous voulons aider.",
        consent_privacy=True,
    )
    dumps = []
    for name in DATASETS:
        dumps.append(json.dumps(get_json(client, reverse("api:dataset", args=[name]), limit=1000)))
        dumps.append(b"".join(client.get(reverse("csv", args=[name])).streaming_content).decode())
    everything = "\n".join(dumps)
    for secret in ["Josée Privée", "josee.privee@example.org", "514-555-0199", "Coop Secrète"]:
        assert secret not in everything
    # A Chantier's contact email stays behind its "write to us" page.
    assert "lavalzen@pourlatransitionenergetique.org" not in everything


def test_sitemap_lists_every_published_chantier_in_both_languages(client, seeded):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/chantiers/laval-zen/" in sitemap
    assert "http://testserver/en/chantiers/laval-zen/" in sitemap
    assert "http://testserver/themes/energie/" in sitemap
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_downloads_neutralise_cells_a_spreadsheet_would_run(client, laval, start):
    from chantiers.models import RoadmapAction

    action = RoadmapAction.objects.filter(chantier=laval).first()
    action.title = f"{start}cmd|' /C calc'!A0"
    action.save()
    rows = get_csv(client, reverse("csv", args=["actions"]), chantier="laval-zen")
    (row,) = [row for row in rows if row["id"] == str(action.pk)]
    assert row["title"] == f"'{start}cmd|' /C calc'!A0"
    assert not [value for row in rows for value in row.values() if value[:1] in {"=", "+", "-", "@", "\t", "\r"}]
    data = get_json(client, reverse("api:dataset", args=["actions"]), chantier="laval-zen")
    assert {row["title"] for row in data["results"]} >= {action.title}  # JSON is data: kept as is
