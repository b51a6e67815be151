"""Read-only open data: a JSON API described by OpenAPI, and CSV downloads."""

from __future__ import annotations

import csv

from django.http import Http404, HttpRequest, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from zen.opendata import DATASETS, LANGUAGES, Dataset, filtered
from zen.web.cache import public_page
from zen.web.exports import csv_cell

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


def _dataset(name: str) -> Dataset:
    try:
        return DATASETS[name]
    except KeyError:
        raise Http404 from None


def _bad_request(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=400)


def _cors(response):
    # Open data: any site may read it from a browser.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
@public_page
def index(request: HttpRequest) -> JsonResponse:
    return _cors(
        JsonResponse(
            {
                "openapi": request.build_absolute_uri(reverse("api:openapi")),
                "datasets": {
                    name: {
                        "title": dataset.title,
                        "json": request.build_absolute_uri(reverse("api:dataset", args=[name])),
                        "csv": request.build_absolute_uri(reverse("csv", args=[name])),
                    }
                    for name, dataset in DATASETS.items()
                },
            }
        )
    )


@require_GET
@public_page
def dataset_json(request: HttpRequest, name: str) -> JsonResponse:
    dataset = _dataset(name)
    try:
        limit = int(request.GET.get("limit", DEFAULT_LIMIT))
        offset = int(request.GET.get("offset", 0))
    except ValueError:
        return _bad_request("limit and offset must be whole numbers.")
    if not (1 <= limit <= MAX_LIMIT) or offset < 0:
        return _bad_request(f"limit must be between 1 and {MAX_LIMIT}, and offset 0 or more.")
    queryset = filtered(dataset, request.GET)
    total = queryset.count()
    rows = list(dataset.rows(queryset[offset : offset + limit]))
    next_url = None
    if offset + limit < total:
        query = request.GET.copy()
        query["offset"] = str(offset + limit)
        query["limit"] = str(limit)
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return _cors(JsonResponse({"count": total, "next": next_url, "results": rows}))


@require_GET
def dataset_csv(request: HttpRequest, name: str) -> StreamingHttpResponse:
    dataset = _dataset(name)
    columns = [field.name for field in dataset.fields]

    class Echo:
        def write(self, value: str) -> str:
            return value

    writer = csv.writer(Echo())

    def lines():
        yield "\ufeff"  # BOM: spreadsheet programs then read the accents right
        yield writer.writerow(columns)
        for row in dataset.rows(filtered(dataset, request.GET)):
            yield writer.writerow(
                [
                    csv_cell("|".join(map(str, value)) if isinstance(value, list) else value)
                    for value in map(row.get, columns)
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="collectivites-zen-{name}.csv"'
    return _cors(response)


def _schema(dataset: Dataset) -> dict:
    properties = {}
    for field in dataset.fields:
        schema: dict = {"description": field.description}
        if field.type == "array":
            schema |= {"type": "array", "items": {"type": "string"}}
        else:
            schema["type"] = [field.type, "null"] if field.nullable else field.type
        properties[field.name] = schema
    return {
        "type": "object",
        "description": dataset.description,
        "properties": properties,
        "required": [field.name for field in dataset.fields],
    }


def openapi_document(server_url: str) -> dict:
    paths = {}
    for name, dataset in DATASETS.items():
        parameters = [
            {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT}},
            {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0}},
        ] + [
            {"name": f, "in": "query", "description": f"Only rows of this {f} (slug).", "schema": {"type": "string"}}
            for f in dataset.filters
        ]
        paths[f"/api/{name}/"] = {
            "get": {
                "operationId": f"list_{name}",
                "summary": dataset.title,
                "description": dataset.description,
                "parameters": parameters,
                "responses": {
                    "200": {
                        "description": "One page of rows.",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "count": {"type": "integer"},
                                        "next": {"type": ["string", "null"]},
                                        "results": {
                                            "type": "array",
                                            "items": {"$ref": f"#/components/schemas/{name}"},
                                        },
                                    },
                                    "required": ["count", "next", "results"],
                                }
                            }
                        },
                    },
                    "400": {"description": "A bad limit or offset."},
                },
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Collectivités ZéN open data",
            "version": "1.0.0",
            "description": f"Read-only data on the Chantiers of Collectivités ZéN. No personal data. {LANGUAGES}",
        },
        "servers": [{"url": server_url}],
        "paths": paths,
        "components": {"schemas": {name: _schema(dataset) for name, dataset in DATASETS.items()}},
    }


@require_GET
@public_page
def openapi(request: HttpRequest) -> JsonResponse:
    return _cors(JsonResponse(openapi_document(request.build_absolute_uri("/").rstrip("/"))))
