from django.urls import path

from salesflow.playbook.views import library, objections, processes, proposals

app_name = "playbook"
urlpatterns = [
    # The FAB library: everyone reads it, managers and directors edit it.
    path("products/", library.product_list, name="products"),
    path("products/new/", library.product_create, name="product_create"),
    path("products/<int:pk>/", library.product_detail, name="product"),
    path("products/<int:pk>/edit/", library.product_edit, name="product_edit"),
    path("products/<int:pk>/delete/", library.product_delete, name="product_delete"),
    path("products/<int:pk>/features/new/", library.feature_create, name="feature_create"),
    path("features/<int:pk>/edit/", library.feature_edit, name="feature_edit"),
    path("features/<int:pk>/delete/", library.feature_delete, name="feature_delete"),
    path("features/<int:pk>/benefits/new/", library.benefit_create, name="benefit_create"),
    path("benefits/<int:pk>/edit/", library.benefit_edit, name="benefit_edit"),
    path("benefits/<int:pk>/delete/", library.benefit_delete, name="benefit_delete"),
    # The proposal outline of one opportunity (whoever sees the opportunity).
    path("proposal/<int:opportunity_pk>/", proposals.proposal, name="proposal"),
    path("proposal/<int:opportunity_pk>/add/", proposals.proposal_benefit_add, name="proposal_add"),
    path(
        "proposal/<int:opportunity_pk>/<int:pk>/need/",
        proposals.proposal_benefit_update,
        name="proposal_need",
    ),
    path(
        "proposal/<int:opportunity_pk>/<int:pk>/remove/",
        proposals.proposal_benefit_remove,
        name="proposal_remove",
    ),
    path("proposal/<int:opportunity_pk>/print/", proposals.proposal_print, name="proposal_print"),
    # The objection playbook: everyone reads it, directors edit it.
    path("objections/", objections.objection_list, name="objections"),
    path("objections/new/", objections.objection_create, name="objection_create"),
    path("objections/report/", objections.objection_report_page, name="objection_report"),
    path("objections/<int:pk>/", objections.objection_detail, name="objection"),
    path("objections/<int:pk>/edit/", objections.objection_edit, name="objection_edit"),
    # The process editor: directors only.
    path("processes/", processes.process_list, name="processes"),
    path("processes/<int:pk>/edit/", processes.process_edit, name="process_edit"),
    path("processes/<int:pk>/stages/new/", processes.stage_add, name="stage_add"),
    path("stages/<int:pk>/", processes.stage_edit, name="stage"),
    path("stages/<int:pk>/delete/", processes.stage_delete, name="stage_delete"),
    path("stages/<int:pk>/milestones/new/", processes.milestone_add, name="milestone_add"),
    path("milestones/<int:pk>/edit/", processes.milestone_edit, name="milestone_edit"),
    path("milestones/<int:pk>/delete/", processes.milestone_delete, name="milestone_delete"),
    path(
        "stages/<int:pk>/playbook/<str:kind>/new/",
        processes.playbook_item_add,
        name="playbook_item_add",
    ),
    path("playbook-items/<int:pk>/edit/", processes.playbook_item_edit, name="playbook_item_edit"),
    path(
        "playbook-items/<int:pk>/delete/",
        processes.playbook_item_delete,
        name="playbook_item_delete",
    ),
]
