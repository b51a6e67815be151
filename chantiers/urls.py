from django.urls import path

from chantiers import feeds, views

app_name = "chantiers"

urlpatterns = [
    path("chantiers/", views.chantier_list, name="list"),
    path("chantiers/<slug:slug>/", views.chantier_detail, name="detail"),
    path("chantiers/<slug:slug>/contact/", views.chantier_contact, name="contact"),
    path("chantiers/<slug:slug>/flux/", feeds.ChantierRoadmapFeed(), name="feed"),
    path("chantiers/<slug:slug>/evenements/", views.chantier_events, name="chantier-events"),
    path("chantiers/<slug:slug>/evenements.ics", views.chantier_events_ics, name="chantier-events-ics"),
    path("evenements/", views.event_list, name="events"),
    path("evenements.ics", views.events_ics, name="events-ics"),
    path("evenements/<int:pk>/", views.event_detail, name="event"),
    path("evenements/<int:pk>.ics", views.event_ics, name="event-ics"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme"),
    path("carte/", views.chantier_map, name="map"),
    path("flux/", feeds.RoadmapFeed(), name="program-feed"),
]
