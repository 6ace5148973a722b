from django.urls import path

from . import request_views, screening_views, views

app_name = "joborders"
urlpatterns = [
    path("", views.job_order_list, name="list"),
    path("new/", views.job_order_create, name="create"),
    path("<int:pk>/", views.job_order_detail, name="detail"),
    path("<int:pk>/edit/", views.job_order_edit, name="edit"),
    path("<int:pk>/candidates/", views.candidate_search, name="search"),
    path("<int:pk>/propose/", views.referral_propose, name="propose"),
    path("<int:pk>/for-company/", screening_views.company_sheet, name="company_sheet"),
    path("<int:pk>/ask-job-centres/", request_views.request_create, name="request_create"),
    path("referrals/<int:pk>/answer/", views.referral_transition, name="referral_transition"),
    path("referrals/<int:pk>/hire/", views.referral_hire, name="hire"),
    path("follow-ups/", views.follow_up_list, name="follow_ups"),
    path("follow-ups/<int:pk>/", views.follow_up_record, name="follow_up"),
    path("requests/", request_views.request_list, name="requests"),
    path("requests/<int:pk>/", request_views.request_detail, name="request_detail"),
    path("requests/<int:pk>/answers/", request_views.request_answers, name="request_answers"),
    path("requests/<int:pk>/answer/", request_views.request_answer, name="request_answer"),
    path("requests/<int:pk>/close/", request_views.request_close, name="request_close"),
    path("screening/", screening_views.checklists, name="screening"),
]
