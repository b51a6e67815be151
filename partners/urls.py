from django.urls import path

from partners import views

app_name = "partners"

urlpatterns = [
    path("partenaires/", views.directory, name="directory"),
    path("devenir-partenaire/", views.apply, name="apply"),
    path("devenir-partenaire/merci/", views.thanks, name="thanks"),
    path("chantiers/<slug:slug>/devenir-partenaire/", views.apply, name="apply-to"),
]
