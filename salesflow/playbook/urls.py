from django.urls import path

from salesflow.playbook import views

app_name = "playbook"
urlpatterns = [
    path("products/", views.product_list, name="products"),
    path("processes/", views.process_list, name="processes"),
]
