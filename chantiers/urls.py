from django.urls import path

from chantiers import feeds, views

app_name = "chantiers"

urlpatterns = [
    path("chantiers/", views.chantier_list, name="list"),
    path("chantiers/<slug:slug>/", views.chantier_detail, name="detail"),
    path("chantiers/<slug:slug>/contact/", views.chantier_contact, name="contact"),
    path("chantiers/<slug:slug>/flux/", feeds.ChantierRoadmapFeed(), name="feed"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme"),
    path("carte/", views.chantier_map, name="map"),
    path("flux/", feeds.RoadmapFeed(), name="program-feed"),
]
