"""The weekly report, the call arithmetic and the Pareto analysis, in the reports namespace."""

from django.urls import path

from salesflow.reports import views_management, views_weekly

urlpatterns = [
    path("weekly/", views_weekly.weekly, name="weekly"),
    path("weekly/plan/", views_weekly.weekly_plan, name="weekly_plan"),
    path("call-funnel/", views_management.call_funnel, name="call_funnel"),
    path("pareto/", views_management.pareto, name="pareto"),
]
