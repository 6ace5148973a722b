from django.urls import path

from .views import agreements, commitments, companies, contacts, interactions, merges

app_name = "companies"
urlpatterns = [
    path("", companies.company_list, name="list"),
    path("new/", companies.company_create, name="create"),
    path("new/cvr/", companies.cvr_fetch, name="cvr_fetch"),
    path("duplicates/", merges.duplicates, name="duplicates"),
    path("agenda/", interactions.agenda, name="agenda"),
    path("agreements/", agreements.agreement_overview, name="agreements"),
    path("agreements/<int:pk>/edit/", agreements.agreement_edit, name="agreement_edit"),
    path("follow-ups/<int:pk>/done/", interactions.follow_up_done, name="follow_up_done"),
    path(
        "follow-ups/<int:pk>/reschedule/",
        interactions.follow_up_reschedule,
        name="follow_up_reschedule",
    ),
    path("<int:pk>/", companies.company_detail, name="detail"),
    path("<int:pk>/edit/", companies.company_edit, name="edit"),
    path("<int:pk>/contact-consultant/", contacts.contact_consultant, name="contact_consultant"),
    path("<int:pk>/contacts/new/", contacts.contact_create, name="contact_create"),
    path("<int:pk>/interactions/new/", interactions.interaction_create, name="interaction_create"),
    path("<int:pk>/agreements/new/", agreements.agreement_create, name="agreement_create"),
    path("<int:pk>/commitments/new/", commitments.commitment_create, name="commitment_create"),
    path("commitments/<int:pk>/end/", commitments.commitment_end, name="commitment_end"),
    path("<int:pk>/merge/", merges.merge, name="merge"),
]
