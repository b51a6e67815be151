from django.apps import AppConfig


class WebConfig(AppConfig):
    """Generic web pieces (page cache, pagination, rate limit, Markdown, middleware, template tags).

    An app only so that Django finds its template tags; it has no models and imports no app.
    """

    name = "zen.web"
    label = "web"
