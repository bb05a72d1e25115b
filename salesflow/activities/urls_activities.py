"""Activities and market reports, under /activities/ (namespace "activities")."""

from django.urls import path

from salesflow.activities.views import activities, market

app_name = "activities"
urlpatterns = [
    path("", activities.activity_list, name="list"),
    path("new/", activities.activity_create, name="create"),
    path("form/account-fields/", activities.account_fields, name="account_fields"),
    path("form/objections/", activities.objection_panel, name="objections"),
    path("<int:pk>/", activities.activity_detail, name="detail"),
    path("<int:pk>/edit/", activities.activity_edit, name="edit"),
    path("<int:pk>/delete/", activities.activity_delete, name="delete"),
    path("market/", market.market_list, name="market_list"),
    path("market/new/", market.market_create, name="market_create"),
    path("market/<int:pk>/", market.market_detail, name="market_detail"),
    path("market/<int:pk>/acknowledge/", market.market_acknowledge, name="market_acknowledge"),
    path("market/<int:pk>/resolve/", market.market_resolve, name="market_resolve"),
]
