"""The daily loop's screens, under /daily/: my day, visit plans, daily reports, the queue."""

from django.urls import path

from salesflow.activities.views import loop
from salesflow.activities.views import plans as plan_views
from salesflow.activities.views import reports as report_views

app_name = "loop"

urlpatterns = [
    path("", loop.my_day, name="my_day"),
    path("queue/", loop.queue, name="queue"),
    path("plans/", plan_views.plan_list, name="plans"),
    path("plans/new/", plan_views.plan_start, name="plan_start"),
    path("plans/<int:pk>/", plan_views.plan_detail, name="plan"),
    path("plans/<int:pk>/area/", plan_views.plan_area, name="plan_area"),
    path("plans/<int:pk>/visits/", plan_views.plan_visit_add, name="plan_visit_add"),
    path(
        "plans/<int:pk>/visits/<int:visit_pk>/remove/",
        plan_views.plan_visit_remove,
        name="plan_visit_remove",
    ),
    path("plans/<int:pk>/submit/", plan_views.plan_submit, name="plan_submit"),
    path("plans/<int:pk>/reopen/", plan_views.plan_reopen, name="plan_reopen"),
    path("plans/<int:pk>/approve/", plan_views.plan_approve, name="plan_approve"),
    path("plans/<int:pk>/return/", plan_views.plan_return, name="plan_return"),
    path("plans/<int:pk>/delete/", plan_views.plan_delete, name="plan_delete"),
    path("reports/", report_views.report_list, name="reports"),
    path("reports/new/", report_views.report_start, name="report_start"),
    path("reports/<int:pk>/", report_views.report_detail, name="report"),
    path("reports/<int:pk>/save/", report_views.report_save, name="report_save"),
    path("reports/<int:pk>/sign/", report_views.report_sign, name="report_sign"),
    path("reports/<int:pk>/return/", report_views.report_return, name="report_return"),
]
