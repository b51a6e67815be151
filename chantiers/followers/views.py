"""Following a Chantier: the form, the confirmation, the preferences and the unsubscription.

None of these pages is cached: each carries a form with its CSRF token, or answers
for one follower. The short form on a Chantier's (cached) page and on the events page
posts the address to `follow_start`, which changes nothing and only shows the full
form, with its consent, CSRF token and spam protection.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from chantiers.followers import services
from chantiers.followers.forms import CONSENT_TEXT, ChantierChoiceFollowForm, FollowForm, PreferencesForm
from chantiers.followers.models import Follower
from chantiers.models import Chantier
from zen.web.ratelimit import allow, client_address


def _chantier(slug: str | None) -> Chantier | None:
    return None if slug is None else get_object_or_404(Chantier.objects.published(), slug=slug)


def _form(chantier: Chantier | None, *args: Any, **kwargs: Any) -> FollowForm:
    kwargs.setdefault("initial", {"language": get_language(), "frequency": Follower.Frequency.WEEKLY})
    if chantier is None:
        return ChantierChoiceFollowForm(*args, **kwargs)
    return FollowForm(*args, **kwargs)


def message(request: HttpRequest, title: str, text: str, *, status: int = 200, **extra: Any) -> HttpResponse:
    return render(request, "followers/message.html", {"title": title, "text": text, **extra}, status=status)


@csrf_exempt  # changes nothing: the full form it shows has its own CSRF token
@require_POST
def follow_start(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    chantier = _chantier(slug)
    initial: dict[str, Any] = {"language": get_language(), "frequency": Follower.Frequency.WEEKLY}
    # Only a starting point for the full form, which validates everything: odd values are dropped.
    initial["email"] = request.POST.get("email", "")[:254].replace("\x00", "")
    slug = request.POST.get("chantier", "")[:100]
    if chantier is None and slug and "\x00" not in slug:
        initial["chantier"] = Chantier.objects.published().filter(slug=slug).first()
    return render(request, "followers/follow.html", {"chantier": chantier, "form": _form(chantier, initial=initial)})


@require_http_methods(["GET", "POST"])
def follow(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    chantier = _chantier(slug)
    if request.method != "POST":
        return render(request, "followers/follow.html", {"chantier": chantier, "form": _form(chantier)})
    form = _form(chantier, request.POST)
    context: dict[str, Any] = {"chantier": chantier, "form": form}
    if not form.is_valid():
        return render(request, "followers/follow.html", context, status=400)
    email = form.cleaned_data["email"]
    target = chantier or form.cleaned_data["chantier"]
    limited = not allow(
        "follow-ip", client_address(request), limit=settings.FOLLOW_RATE_LIMIT, window=settings.FOLLOW_RATE_WINDOW
    ) or not allow(
        "follow-address", email.lower(), limit=settings.FOLLOW_ADDRESS_RATE_LIMIT, window=settings.FOLLOW_RATE_WINDOW
    )
    if limited:
        context["error"] = _("Trop de demandes d’abonnement en peu de temps. Réessayez dans une heure.")
        return render(request, "followers/follow.html", context, status=429)
    try:
        services.follower_subscribe(
            chantier=target,
            email=email,
            language=form.cleaned_data["language"],
            frequency=form.cleaned_data["frequency"],
            consent_text=str(CONSENT_TEXT),  # the words shown, in the language they were shown in
        )
    except services.AlreadyFollowing:
        context["error"] = _(
            "Cette adresse suit déjà ce Chantier, ou attend de confirmer son abonnement : rien n’a changé. "
            "Cherchez le courriel de confirmation, ou utilisez le lien « Préférences » d’un de nos courriels."
        )
        return render(request, "followers/follow.html", context, status=400)
    return message(
        request,
        _("Vérifiez vos courriels"),
        _(
            "Nous venons d’envoyer un lien de confirmation à %(email)s. Votre abonnement à %(chantier)s commence "
            "quand vous l’ouvrez ; d’ici là, nous ne vous écrirons pas. Le lien est valide %(days)s jours."
        )
        % {"email": email, "chantier": target.display_name, "days": settings.FOLLOW_CONFIRM_DAYS},
    )


def _bad_link(request: HttpRequest, error: services.InvalidLink) -> HttpResponse:
    if isinstance(error, services.ExpiredLink):
        text = _("Ce lien de confirmation a expiré, et rien n’a été enregistré. Abonnez-vous de nouveau.")
    else:
        text = _("Ce lien n’est pas valide : il a peut-être été mal copié, ou l’abonnement n’existe plus.")
    return message(request, _("Lien non valide"), text, status=400)


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """A page with one button: a link checker that opens the link confirms nothing."""
    try:
        follower = services.follower_from_confirmation(token)
    except services.InvalidLink as error:
        return _bad_link(request, error)
    if request.method == "POST":
        services.follower_confirm(follower=follower)
        return message(
            request,
            _("Abonnement confirmé"),
            _("Vous suivez maintenant %(chantier)s. Chaque courriel contient un lien pour vous désabonner.")
            % {"chantier": follower.chantier.display_name},
            chantier=follower.chantier,
        )
    return render(request, "followers/confirm.html", {"follower": follower})


@csrf_exempt  # RFC 8058: a mail client POSTs here without a session; the random token is the only key
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    follower = Follower.objects.select_related("chantier").filter(token=token).first()
    if request.method == "POST":
        if follower is not None:
            services.follower_unsubscribe(follower=follower)
        return message(
            request,
            _("Vous êtes désabonné"),
            _("Votre adresse est effacée : vous ne recevrez plus de nouvelles de ce Chantier."),
        )
    if follower is None:
        return message(
            request,
            _("Déjà désabonné"),
            _("Cette adresse ne suit plus ce Chantier (ou le lien n’est pas valide) : vous ne recevrez rien."),
            status=404,
        )
    return render(request, "followers/unsubscribe.html", {"follower": follower})


@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    try:
        follower = services.follower_by_token(token)
    except services.InvalidLink as error:
        return _bad_link(request, error)
    initial = {"language": follower.language, "frequency": follower.frequency}
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "followers/preferences.html", {"follower": follower, "form": form}, status=400)
        services.follower_update(follower=follower, **form.cleaned_data)
        return message(
            request,
            _("Préférences enregistrées"),
            _("Vos prochains courriels suivront ces préférences."),
            chantier=follower.chantier,
        )
    return render(request, "followers/preferences.html", {"follower": follower, "form": form})
