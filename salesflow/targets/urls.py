from django.urls import path

from salesflow.targets import views, views_payments

app_name = "targets"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("new/", views.target_create, name="create"),
    path("<int:pk>/", views.target_detail, name="detail"),
    path("<int:pk>/delete/", views.target_delete, name="delete"),
    path("progress/", views.progress, name="progress"),
    path(
        "payments/<int:pk>/",
        views_payments.payment_create,
        name="payment_create",
    ),
]
