"""Markdown written by coordinators, rendered to HTML that is safe to show."""

import functools

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "h3", "h4", "code", "pre", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


@functools.lru_cache(maxsize=512)
def render_markdown(text: str) -> SafeString:
    """The same text always gives the same HTML, so each process renders it once."""
    html = markdown.markdown(text, extensions=["sane_lists"], output_format="html")
    # Headings inside a page start at h3: the page owns h1 and h2.
    html = html.replace("<h1>", "<h3>").replace("</h1>", "</h3>").replace("<h2>", "<h3>").replace("</h2>", "</h3>")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener nofollow ugc",
    )
    return mark_safe(clean)
