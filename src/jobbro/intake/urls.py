from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("", views.inquiry_list, name="list"),
    path("new/", views.inquiry_create, name="create"),
    path("new/companies/", views.company_search, name="company_search"),
    path("new/routing/", views.routing, name="routing"),
    path("<int:pk>/", views.inquiry_detail, name="detail"),
    path("<int:pk>/take/", views.inquiry_take, name="take"),
    path("<int:pk>/confirm-company/", views.inquiry_confirm_company, name="confirm_company"),
    path("<int:pk>/reject-company/", views.inquiry_reject_company, name="reject_company"),
    path("<int:pk>/answer/", views.inquiry_answer, name="answer"),
    path("<int:pk>/forward/", views.inquiry_forward, name="forward"),
    path("<int:pk>/close/", views.inquiry_close, name="close"),
    path("targets/", views.targets, name="targets"),
    path("report/", views.report, name="report"),
    # The companies' own form, without login.
    path("contact/", views.web_form_index, name="web_form_index"),
    path("contact/<int:pk>/", views.web_form, name="web_form"),
    path("contact/<int:pk>/received/", views.web_receipt, name="web_receipt"),
]
