from django.urls import path

from . import views

app_name = "companies"
urlpatterns = [
    path("", views.company_list, name="list"),
    path("new/", views.company_create, name="create"),
    path("new/cvr/", views.cvr_fetch, name="cvr_fetch"),
    path("duplicates/", views.duplicates, name="duplicates"),
    path("agenda/", views.agenda, name="agenda"),
    path("agreements/", views.agreement_overview, name="agreements"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
    path("follow-ups/<int:pk>/done/", views.follow_up_done, name="follow_up_done"),
    path(
        "follow-ups/<int:pk>/reschedule/", views.follow_up_reschedule, name="follow_up_reschedule"
    ),
    path("<int:pk>/", views.company_detail, name="detail"),
    path("<int:pk>/edit/", views.company_edit, name="edit"),
    path("<int:pk>/contact-consultant/", views.contact_consultant, name="contact_consultant"),
    path("<int:pk>/contacts/new/", views.contact_create, name="contact_create"),
    path("<int:pk>/interactions/new/", views.interaction_create, name="interaction_create"),
    path("<int:pk>/agreements/new/", views.agreement_create, name="agreement_create"),
    path("<int:pk>/commitments/new/", views.commitment_create, name="commitment_create"),
    path("commitments/<int:pk>/end/", views.commitment_end, name="commitment_end"),
    path("<int:pk>/merge/", views.merge, name="merge"),
]
