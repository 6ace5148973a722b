from django.urls import path

from . import views

app_name = "joborders"
urlpatterns = [
    path("", views.job_order_list, name="list"),
    path("new/", views.job_order_create, name="create"),
    path("<int:pk>/", views.job_order_detail, name="detail"),
    path("<int:pk>/edit/", views.job_order_edit, name="edit"),
    path("<int:pk>/tasks/", views.job_order_tasks, name="tasks"),
    path("referrals/<int:pk>/answer/", views.referral_transition, name="referral_transition"),
    path("referrals/<int:pk>/hire/", views.referral_hire, name="hire"),
    path("follow-ups/", views.follow_up_list, name="follow_ups"),
    path("follow-ups/<int:pk>/", views.follow_up_record, name="follow_up"),
    path("projects/", views.project_list, name="projects"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
]
