"""Read-only open data: a JSON API described by OpenAPI, and CSV downloads."""

from __future__ import annotations

import csv

from django import forms
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from zen.opendata import DATASETS, LANGUAGES, Dataset, InvalidQuery, filtered
from zen.web.cache import CHOICE, INTEGER, keep_out_of_cache, public_page
from zen.web.exports import csv_cell

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000_000  # far beyond any dataset, well within the database's integers
INTEGER_FILTERS = {"year"}
# The query parameters the datasets read: their filters and the paging (zen/web/cache.py).
DATASET_QUERY = {
    name: INTEGER if name in INTEGER_FILTERS else CHOICE for dataset in DATASETS.values() for name in dataset.filters
} | {
    "limit": INTEGER,
    "offset": INTEGER,
}


def _dataset(name: str) -> Dataset:
    try:
        return DATASETS[name]
    except KeyError:
        raise Http404 from None


class PagingForm(forms.Form):
    limit = forms.IntegerField(min_value=1, max_value=MAX_LIMIT, required=False)
    offset = forms.IntegerField(min_value=0, max_value=MAX_OFFSET, required=False)


class BadQuery(Exception):
    """Parameters that are not valid: `errors` maps each one to its messages, `summary` names them."""

    def __init__(self, errors: dict[str, list[str]], summary: str):
        super().__init__(summary)
        self.errors = errors
        self.summary = summary


def _validated(request: HttpRequest, dataset: Dataset, *, paging: bool) -> tuple[QuerySet, dict]:
    """The dataset's rows the query asks for and its paging; BadQuery when a parameter is not valid.

    The API's paths have no language prefix, so its messages follow the reader's
    Accept-Language header (or language cookie), French by default.
    """
    with translation.override(translation.get_language_from_request(request)):
        form = PagingForm(request.GET if paging else {})
        errors = {} if form.is_valid() else _messages(form.errors)
        try:
            queryset = filtered(dataset, request.GET)
        except InvalidQuery as invalid:
            errors |= invalid.errors
        if errors:
            raise BadQuery(errors, _("Paramètres non valides : %(names)s.") % {"names": ", ".join(errors)})
    return queryset, form.cleaned_data


def _messages(errors) -> dict[str, list[str]]:
    return {name: [str(message) for message in messages] for name, messages in errors.items()}


def _bad_request(request: HttpRequest, response):
    response["Content-Language"] = translation.get_language_from_request(request)
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return _cors(response)


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
@public_page(query=DATASET_QUERY)
def dataset_json(request: HttpRequest, name: str) -> JsonResponse:
    dataset = _dataset(name)
    try:
        queryset, paging = _validated(request, dataset, paging=True)
    except BadQuery as bad:
        return _bad_request(request, JsonResponse({"error": bad.summary, "errors": bad.errors}, status=400))
    limit = DEFAULT_LIMIT if paging["limit"] is None else paging["limit"]
    offset = paging["offset"] or 0
    total = queryset.count()
    if offset and offset >= total:  # past the end: an empty page under any number, not worth keeping
        keep_out_of_cache(request)
    rows = list(dataset.rows(queryset[offset : offset + limit]))
    next_url = None
    if offset + limit < total:
        query = request.GET.copy()
        query["offset"] = str(offset + limit)
        query["limit"] = str(limit)
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return _cors(JsonResponse({"count": total, "next": next_url, "results": rows}))


@require_GET
def dataset_csv(request: HttpRequest, name: str) -> HttpResponse | StreamingHttpResponse:
    dataset = _dataset(name)
    columns = [field.name for field in dataset.fields]
    # Validated before the response starts: a streamed file cannot turn into an error halfway.
    try:
        queryset, _paging = _validated(request, dataset, paging=False)
    except BadQuery as bad:
        explanation = [bad.summary, *(f"{param}: {text}" for param, texts in bad.errors.items() for text in texts)]
        answer = HttpResponse("\n".join(explanation) + "\n", status=400, content_type="text/plain; charset=utf-8")
        return _bad_request(request, answer)

    class Echo:
        def write(self, value: str) -> str:
            return value

    writer = csv.writer(Echo())

    def lines():
        yield "\ufeff"  # BOM: spreadsheet programs then read the accents right
        yield writer.writerow(columns)
        for row in dataset.rows(queryset):
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
            {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET}},
        ] + [
            {
                "name": f,
                "in": "query",
                "description": (
                    f"Only rows of this {f}; out of range, a 400."
                    if f in INTEGER_FILTERS
                    else f"Only rows of this {f} (slug or code); an unknown one is a 400."
                ),
                "schema": {"type": "integer" if f in INTEGER_FILTERS else "string"},
            }
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
                    "400": {
                        "description": "A parameter that is not valid: paging, or an unknown filter value.",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "error": {"type": "string", "description": "In the reader's language."},
                                        "errors": {
                                            "type": "object",
                                            "additionalProperties": {"type": "array", "items": {"type": "string"}},
                                        },
                                    },
                                    "required": ["error", "errors"],
                                }
                            }
                        },
                    },
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
