from django.contrib import admin
from django.urls import include, path

from config.api import api

urlpatterns = [
    path("", include("salesflow.core.urls")),
    path("", include("salesflow.users.urls")),
    path("accounts/", include("salesflow.accounts.urls")),
    path("contacts/", include("salesflow.contacts.urls")),
    path("", include("salesflow.pipeline.urls")),
    path("reports/", include("salesflow.reports.urls")),
    path("playbook/", include("salesflow.playbook.urls")),
    path("activities/", include("salesflow.activities.urls_activities")),
    path("notifications/", include("salesflow.notifications.urls")),
    path("cadence/", include("salesflow.activities.urls_cadence")),
    path("daily/", include("salesflow.activities.urls_loop")),
    path("targets/", include("salesflow.targets.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
