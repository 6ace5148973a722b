from django.urls import path

from .views import inquiries, public, registration, reporting

app_name = "intake"
urlpatterns = [
    path("", inquiries.inquiry_list, name="list"),
    path("new/", registration.inquiry_create, name="create"),
    path("new/companies/", registration.company_search, name="company_search"),
    path("new/routing/", registration.routing, name="routing"),
    path("<int:pk>/", inquiries.inquiry_detail, name="detail"),
    path("<int:pk>/take/", inquiries.inquiry_take, name="take"),
    path("<int:pk>/confirm-company/", inquiries.inquiry_confirm_company, name="confirm_company"),
    path("<int:pk>/reject-company/", inquiries.inquiry_reject_company, name="reject_company"),
    path("<int:pk>/answer/", inquiries.inquiry_answer, name="answer"),
    path("<int:pk>/forward/", inquiries.inquiry_forward, name="forward"),
    path("<int:pk>/close/", inquiries.inquiry_close, name="close"),
    path("targets/", reporting.targets, name="targets"),
    path("report/", reporting.report, name="report"),
    # The companies' own form, without login.
    path("contact/", public.web_form_index, name="web_form_index"),
    path("contact/<int:pk>/", public.web_form, name="web_form"),
    path("contact/<int:pk>/received/", public.web_receipt, name="web_receipt"),
]
