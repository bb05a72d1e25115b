"""Cadence reminders, under /cadence/ (namespace "cadence")."""

from django.urls import path

from salesflow.activities.views import cadence

app_name = "cadence"
urlpatterns = [
    path("", cadence.cadence_list, name="list"),
    path("rules/", cadence.cadence_rule_edit, name="rules"),
]
