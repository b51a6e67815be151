from django import template

from zen.text import render_markdown

register = template.Library()


@register.filter
def markdown(text: str):
    return render_markdown(text or "")
