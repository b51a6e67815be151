from django.apps import AppConfig


class ZenConfig(AppConfig):
    name = "zen"
    verbose_name = "Collectivités ZéN"
