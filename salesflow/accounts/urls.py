from django.urls import path

from salesflow.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.account_list, name="list"),
    path("new/", views.account_create, name="create"),
    path("<int:pk>/", views.account_detail, name="detail"),
    path("<int:pk>/edit/", views.account_edit, name="edit"),
    path("<int:pk>/delete/", views.account_delete, name="delete"),
    path("<int:pk>/team/", views.team_member_add, name="team_add"),
    path("<int:pk>/team/<int:user_pk>/remove/", views.team_member_remove, name="team_remove"),
]
