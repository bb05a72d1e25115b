from django.contrib import admin
from django.urls import include, path

from config.api import api

urlpatterns = [
    path("", include("salesflow.core.urls")),
    path("", include("salesflow.users.urls")),
    path("accounts/", include("salesflow.accounts.urls")),
    path("contacts/", include("salesflow.contacts.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
