from django.urls import path

from salesflow.pipeline.views import opportunities as views
from salesflow.pipeline.views import opportunity_actions as actions

urlpatterns = [
    path("opportunities/", views.opportunity_list, name="list"),
    path("opportunities/new/", views.opportunity_create, name="create"),
    path("opportunities/<int:pk>/", views.opportunity_detail, name="detail"),
    path("opportunities/<int:pk>/edit/", views.opportunity_edit, name="edit"),
    path(
        "opportunities/<int:pk>/milestones/<int:milestone_pk>/",
        actions.milestone_set,
        name="milestone_set",
    ),
    path("opportunities/<int:pk>/qualification/", actions.qualification_set, name="qualification"),
    path("opportunities/<int:pk>/advance/", actions.advance, name="advance"),
    path("opportunities/<int:pk>/back/", actions.move_back, name="move_back"),
    path("opportunities/<int:pk>/skip-gate/", actions.skip_gate, name="skip_gate"),
    path("opportunities/<int:pk>/close/", actions.close, name="close"),
    path("opportunities/<int:pk>/people/", actions.person_add, name="person_add"),
    path(
        "opportunities/<int:pk>/people/<int:contact_pk>/remove/",
        actions.person_remove,
        name="person_remove",
    ),
    path("opportunities/<int:pk>/competitors/", actions.competitor_add, name="competitor_add"),
    path(
        "opportunities/<int:pk>/competitors/<int:competitor_pk>/remove/",
        actions.competitor_remove,
        name="competitor_remove",
    ),
    path("opportunities/<int:pk>/lines/", actions.line_add, name="line_add"),
    path(
        "opportunities/<int:pk>/lines/<int:line_pk>/remove/",
        actions.line_remove,
        name="line_remove",
    ),
]
