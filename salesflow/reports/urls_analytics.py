from django.urls import path

from salesflow.reports import views_analytics as views

urlpatterns = [
    path("analytics/", views.analytics_page, name="analytics"),
    path("leaderboard/", views.leaderboard_page, name="leaderboard"),
    path("scorecard/", views.scorecard_page, name="scorecard"),
    path("scorecard/<str:username>/", views.scorecard_page, name="scorecard_of"),
]
