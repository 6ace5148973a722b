from django.urls import path

from . import views

app_name = "companies"
urlpatterns = [
    path("", views.company_list, name="list"),
    path("new/", views.company_create, name="create"),
    path("<int:pk>/", views.company_detail, name="detail"),
    path("<int:pk>/edit/", views.company_edit, name="edit"),
    path("<int:pk>/contacts/new/", views.contact_create, name="contact_create"),
    path("<int:pk>/interactions/new/", views.interaction_create, name="interaction_create"),
    path("<int:pk>/agreements/new/", views.agreement_create, name="agreement_create"),
]
