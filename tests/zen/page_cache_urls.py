"""Public pages that make a response for one person, to prove the page cache never keeps one.

Each sets a cookie the way the site's own machinery does (the CSRF token of a form,
a message, a language choice); the real pages set none today, so these stand for
any page that someday would.
"""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from zen.web.cache import public_page

FORM = engines["django"].from_string('<form method="post">{% csrf_token %}<button>Envoyer</button></form>')


@public_page
def with_a_form(request):
    return HttpResponse(FORM.render({}, request))


@public_page
def with_a_message(request):
    messages.info(request, "Bienvenue, Camille !")
    return HttpResponse("Une page")


@public_page
def with_a_language_choice(request):
    response = HttpResponse("Une page")
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, "en")
    return response


urlpatterns = [
    path("formulaire/", with_a_form),
    path("message/", with_a_message),
    path("langue/", with_a_language_choice),
]
