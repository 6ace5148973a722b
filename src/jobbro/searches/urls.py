from django.urls import path

from . import views

app_name = "searches"
urlpatterns = [
    path("", views.free_search, name="search"),
    path("saved/", views.saved_search_create, name="save"),
    path("saved/<int:pk>/delete/", views.saved_search_delete, name="delete"),
]
