from django.urls import path

from salesflow.pipeline.views import board as views

urlpatterns = [
    path("pipeline/board/", views.board, name="board"),
    path("pipeline/board/<int:pk>/move/", views.board_move, name="board_move"),
]
