from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/companies/search/", views.company_search, name="company_search"),
    path("<int:pk>/companies/add/", views.company_add, name="company_add"),
    path("<int:pk>/candidates/search/", views.candidate_search, name="candidate_search"),
    path("<int:pk>/candidates/add/", views.candidate_add, name="candidate_add"),
    path("companies/<int:pk>/", views.company_update, name="company_update"),
    path("candidates/<int:pk>/", views.candidate_update, name="candidate_update"),
    # The company's personal link: no login, the token is the key.
    path("invitation/<slug:token>/", views.company_answer, name="company_answer"),
]
