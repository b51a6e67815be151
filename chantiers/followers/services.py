"""Following a Chantier: subscribe, confirm, change, unsubscribe, forget; each one transaction.

Every email goes through the outbox, written in the same transaction as the change
that causes it. The confirmation link is signed and expires after FOLLOW_CONFIRM_DAYS;
the other links carry the follower's random token and last as long as the subscription.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from chantiers.followers.models import Follower
from chantiers.models import Chantier
from zen.outbox.services import email_enqueue, emails_forget

CONFIRM_SALT = "followers.confirm"


class AlreadyFollowing(Exception):
    """This address already follows this Chantier, or has asked to and not yet confirmed."""


class InvalidLink(Exception):
    """A link that was forged, mistyped, or whose subscription is gone."""


class ExpiredLink(InvalidLink):
    pass


def follower_reference(follower: Follower) -> str:
    """What the outbox files a follower's emails under, so that unsubscribing forgets them too."""
    return f"follower:{follower.pk}"


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def follower_links(follower: Follower) -> dict[str, str]:
    """The addresses every email to `follower` carries, in the follower's language."""
    with translation.override(follower.language):
        return {
            "unsubscribe_url": absolute(reverse("followers:unsubscribe", args=[follower.token])),
            "preferences_url": absolute(reverse("followers:preferences", args=[follower.token])),
        }


def unsubscribe_headers(follower: Follower) -> dict[str, str]:
    """RFC 8058: a mail client may unsubscribe in one click by POSTing to this address."""
    with translation.override(follower.language):
        url = absolute(reverse("followers:unsubscribe", args=[follower.token]))
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def confirmation_token(follower: Follower) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(follower.token)


@transaction.atomic
def follower_subscribe(
    *, chantier: Chantier, email: str, language: str, frequency: str, consent_text: str, now: datetime | None = None
) -> Follower:
    """Record the request and its consent, and send the confirmation email only.

    An address that already follows (or asked to) raises AlreadyFollowing and changes
    nothing; one whose earlier request expired unconfirmed is replaced.
    """
    now = now or timezone.now()
    expired_before = now - timedelta(days=settings.FOLLOW_CONFIRM_DAYS)
    Follower.objects.filter(
        chantier=chantier, email__iexact=email, confirmed_at__isnull=True, created_at__lt=expired_before
    ).delete()
    try:
        with transaction.atomic():
            follower = Follower.objects.create(
                chantier=chantier,
                email=email,
                language=language,
                frequency=frequency,
                consent_text=consent_text,
                consented_at=now,
            )
    except IntegrityError:
        raise AlreadyFollowing from None
    with translation.override(language):
        confirm_url = absolute(reverse("followers:confirm", args=[confirmation_token(follower)]))
    email_enqueue(
        kind="follower-confirm",
        to=follower.email,
        language=language,
        context={"follower": follower.pk, "confirm_url": confirm_url, **follower_links(follower)},
        reference=follower_reference(follower),
        headers=unsubscribe_headers(follower),
    )
    return follower


def follower_from_confirmation(token: str) -> Follower:
    """The follower a confirmation link names; InvalidLink or ExpiredLink otherwise."""
    signer = signing.TimestampSigner(salt=CONFIRM_SALT)
    try:
        follower_token = signer.unsign(token, max_age=timedelta(days=settings.FOLLOW_CONFIRM_DAYS))
    except signing.SignatureExpired:
        raise ExpiredLink from None
    except signing.BadSignature:
        raise InvalidLink from None
    follower = Follower.objects.select_related("chantier").filter(token=follower_token).first()
    if follower is None:
        raise InvalidLink
    return follower


@transaction.atomic
def follower_confirm(*, follower: Follower, now: datetime | None = None) -> Follower:
    """Start sending news; what changed before this moment is not news to them. Idempotent."""
    if follower.confirmed_at is None:
        now = now or timezone.now()
        follower.confirmed_at = follower.digested_until = now
        follower.save(update_fields=["confirmed_at", "digested_until"])
    return follower


def follower_by_token(token: str) -> Follower:
    follower = Follower.objects.select_related("chantier").filter(token=token).first()
    if follower is None:
        raise InvalidLink
    return follower


@transaction.atomic
def follower_update(*, follower: Follower, language: str, frequency: str) -> Follower:
    follower.language, follower.frequency = language, frequency
    follower.save(update_fields=["language", "frequency"])
    return follower


@transaction.atomic
def follower_unsubscribe(*, follower: Follower) -> None:
    """Forget the follower at once: their row and every email stored for them."""
    emails_forget(reference=follower_reference(follower))
    follower.delete()


@transaction.atomic
def followers_erase_expired(*, now: datetime | None = None) -> int:
    """Erase unconfirmed requests whose link expired, and followers past the retention period."""
    now = now or timezone.now()
    expired = Follower.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - timedelta(days=settings.FOLLOW_CONFIRM_DAYS)
    ) | Follower.objects.filter(consented_at__lt=now - timedelta(days=settings.FOLLOWER_RETENTION_DAYS))
    erased = 0
    for follower in expired:
        follower_unsubscribe(follower=follower)
        erased += 1
    return erased
