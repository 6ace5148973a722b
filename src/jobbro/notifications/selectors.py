from django.db.models import QuerySet

from jobbro.organisations.models import User

from .models import Notification


def notifications_to(user: User) -> QuerySet[Notification]:
    """The mails to a user, newest first."""
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")
