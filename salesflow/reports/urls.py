from django.urls import path

from salesflow.reports import views

app_name = "reports"
urlpatterns = [
    path("funnel/", views.funnel, name="funnel"),
    path("forecast/", views.forecast, name="forecast"),
]
