from django.contrib.auth import views as auth_views
from django.urls import path

from salesflow.users import views

urlpatterns = [
    path("login/", views.SalesflowLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/", views.token_create, name="token_create"),
    path("profile/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("profile/calendar/", views.calendar_token_create, name="calendar_token_create"),
    path("profile/calendar/revoke/", views.calendar_token_revoke, name="calendar_token_revoke"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
