from django.urls import path

from . import target_views, views

app_name = "kpis"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("targets/", target_views.target_list, name="targets"),
    path("targets/new/", target_views.target_create, name="target_create"),
    path("targets/industries/", target_views.industry_suggest, name="target_industries"),
    path("targets/<int:pk>/edit/", target_views.target_edit, name="target_edit"),
    path("targets/<int:pk>/delete/", target_views.target_delete, name="target_delete"),
    path("<slug:key>/items/", views.drilldown, name="items"),
]
