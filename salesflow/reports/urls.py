from django.urls import include, path

from salesflow.reports import views

app_name = "reports"
urlpatterns = [
    path("funnel/", views.funnel, name="funnel"),
    path("forecast/", views.forecast, name="forecast"),
    path("", include("salesflow.reports.urls_analytics")),
    path("", include("salesflow.reports.urls_management")),
]
