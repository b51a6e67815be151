"""Events in words and in calendars: the dates as people read them, and the iCalendar feeds.

The feeds are built with the icalendar library. Each event is one VEVENT with a UID
that never changes (from its primary key), a SEQUENCE that grows when its date, place
or status changes (`Event.save`), the time zone block for America/Toronto, the event
page's address and the registration link in DESCRIPTION, and the online link in
LOCATION. Events whose dates are not set yet stay out of the feeds: a calendar entry
needs a start, and an invented one would mislead.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import icalendar
from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

from chantiers.models import TORONTO, Event
from zen.web.typography import long_date

PRODID = "-//Collectivités ZéN//Événements//FR"
UID_DOMAIN = "collectivites-zen"


def event_when(event: Event) -> str:
    """The event's dates (or times, in Québec) in the current language; "dates à venir" when unset."""
    if event.start_date is not None:
        start = long_date(event.start_date)
        if event.end_date is None or event.end_date == event.start_date:
            return start
        return f"{start} – {long_date(event.end_date)}"
    if event.local_start is not None:
        start_day = long_date(event.local_start)
        start_time = formats.time_format(event.local_start, "TIME_FORMAT")
        end = event.local_end
        if end is None:
            return f"{start_day}, {start_time}"
        if end.date() == event.local_start.date():
            return f"{start_day}, {start_time} – {formats.time_format(end, 'TIME_FORMAT')}"
        end_text = f"{long_date(end)}, {formats.time_format(end, 'TIME_FORMAT')}"
        return f"{start_day}, {start_time} – {end_text}"
    return _("Dates à venir")


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def webcal(url: str) -> str:
    """The subscription form of a feed's address: calendar apps open `webcal:` links and keep them updated."""
    return "webcal://" + url.split("://", 1)[1]


def event_location(event: Event) -> str:
    """Where: the place, the online link, or both for a hybrid event."""
    parts = []
    if event.is_in_person and event.place:
        parts.append(event.place)
    if event.is_online and event.online_url:
        parts.append(event.online_url)
    return " — ".join(parts)


def event_description(event: Event) -> str:
    lines = [event.description.strip()] if event.description.strip() else []
    lines.append(_("Page de l’événement : %(url)s") % {"url": absolute(event.get_absolute_url())})
    if event.registration_url:
        line = _("Inscription : %(url)s") % {"url": event.registration_url}
        if event.registration_deadline:
            deadline = long_date(event.registration_deadline)
            line += " " + _("(jusqu’au %(date)s)") % {"date": deadline}
        lines.append(line)
    if event.is_online and event.online_url:
        lines.append(_("En ligne : %(url)s") % {"url": event.online_url})
    return "\n\n".join(lines)


ICAL_STATUS = {
    Event.Status.CONFIRMED: "CONFIRMED",
    Event.Status.TENTATIVE: "TENTATIVE",
    Event.Status.CANCELLED: "CANCELLED",
}


def event_component(event: Event) -> icalendar.Event:
    component = icalendar.Event()
    component.add("uid", f"event-{event.pk}@{UID_DOMAIN}")
    component.add("sequence", event.sequence)
    component.add("dtstamp", event.updated_at)
    component.add("last-modified", event.updated_at)
    title = event.title
    if event.is_cancelled:
        title = _("Annulé : %(title)s") % {"title": title}
    component.add("summary", title)
    component.add("status", ICAL_STATUS[Event.Status(event.status)])
    if event.start_date is not None:
        component.add("dtstart", event.start_date)  # VALUE=DATE; the end is exclusive in iCalendar
        component.add("dtend", (event.end_date or event.start_date) + timedelta(days=1))
    else:
        assert event.local_start is not None  # undated events never reach here (`calendar`)
        component.add("dtstart", event.local_start)  # TZID=America/Toronto
        component.add("dtend", event.local_end or event.local_start + timedelta(hours=1))
    location = event_location(event)
    if location:
        component.add("location", location)
    component.add("description", event_description(event))
    component.add("url", absolute(event.get_absolute_url()))
    component.add("categories", [event.chantier.display_name])
    return component


def calendar(events: Iterable[Event], *, name: str) -> bytes:
    """An iCalendar file of the dated ones among `events`, with the VTIMEZONE block its times need."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", str(TORONTO))
    for event in events:
        if event.is_dated:
            cal.add_component(event_component(event))
    cal.add_missing_timezones()
    return cal.to_ical()
