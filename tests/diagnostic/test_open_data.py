"""Indicators, sectors, sources and values as open data, JSON and CSV, with the same filters."""

from django.urls import reverse

from zen.api import openapi_document


def test_values_are_a_dataset_filtered_by_chantier_indicator_and_year(client, seeded):
    response = client.get(
        reverse("api:dataset", args=["values"]), {"chantier": "laval-zen", "indicator": "ges-total", "year": 2021}
    )
    assert response.status_code == 200
    [row] = [row for row in response.json()["results"] if row["kind"] == "measured"]
    assert row == row | {"chantier": "laval-zen", "indicator": "ges-total", "year": 2021, "sector": None}
    assert row["is_example"] is True and row["unit"] == "t_co2e"


def test_the_csv_says_which_values_are_examples(client, seeded):
    response = client.get(reverse("csv", args=["values"]), {"chantier": "laval-zen", "indicator": "ges-secteur"})
    text = b"".join(response.streaming_content).decode()
    header, *rows = text.lstrip("\ufeff").strip().splitlines()
    assert header.split(",")[-2] == "is_example"
    assert len(rows) == 21 and all(",True," in row for row in rows)  # 3 years, 7 sectors


def test_a_bad_year_or_indicator_is_a_400_that_names_it(client, seeded):
    response = client.get(reverse("api:dataset", args=["values"]), {"year": "deux-mille", "indicator": "nope"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"year", "indicator"}


def test_the_catalogue_datasets_and_their_description(client, seeded):
    indicators = client.get(reverse("api:dataset", args=["indicators"]), {"theme": "transport-et-mobilite"}).json()
    assert [row["code"] for row in indicators["results"]] == ["deplacements-durables"]
    sectors = client.get(reverse("api:dataset", args=["sectors"])).json()["results"]
    assert [row["is_land_use"] for row in sectors].count(True) == 1
    paths = openapi_document("https://zen.example.org")["paths"]
    assert {"/api/values/", "/api/indicators/", "/api/sectors/", "/api/sources/"} <= set(paths)
    year = next(p for p in paths["/api/values/"]["get"]["parameters"] if p["name"] == "year")
    assert year["schema"] == {"type": "integer"}
