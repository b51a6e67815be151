from django.urls import path

from chantiers.diagnostic import views

app_name = "diagnostic"

urlpatterns = [
    path("diagnostic/comparer/", views.compare, name="compare"),
]
