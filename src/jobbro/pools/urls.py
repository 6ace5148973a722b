from django.urls import path

from . import views

app_name = "pools"
urlpatterns = [
    path("", views.pool_list, name="list"),
    path("new/", views.pool_create, name="create"),
    path("<int:pk>/", views.pool_detail, name="detail"),
    path("<int:pk>/edit/", views.pool_edit, name="edit"),
    path("<int:pk>/members/", views.member_add, name="member_add"),
    path("<int:pk>/members/<int:member>/remove/", views.member_remove, name="member_remove"),
]
