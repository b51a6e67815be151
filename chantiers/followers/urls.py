from django.urls import path

from chantiers.followers import views

app_name = "followers"

urlpatterns = [
    path("chantiers/<slug:slug>/suivre/", views.follow, name="follow"),
    path("chantiers/<slug:slug>/suivre/debut/", views.follow_start, name="follow-start"),
    path("suivre/", views.follow, name="follow-any"),
    path("suivre/debut/", views.follow_start, name="follow-any-start"),
    path("suivre/confirmer/<str:token>/", views.confirm, name="confirm"),
    path("suivre/desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("suivre/preferences/<str:token>/", views.preferences, name="preferences"),
]
