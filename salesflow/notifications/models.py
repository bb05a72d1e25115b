"""The in-app inbox: one row per message to one person (also sent by e-mail when they have one)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    PLAN_SUBMITTED = "plan_submitted", _("Visit plan submitted")
    PLAN_APPROVED = "plan_approved", _("Visit plan approved")
    PLAN_RETURNED = "plan_returned", _("Visit plan returned")
    REPORT_SUBMITTED = "report_submitted", _("Daily report submitted")
    REPORT_SIGNED = "report_signed", _("Daily report signed")
    REPORT_RETURNED = "report_returned", _("Daily report returned")
    MARKET_REPORT = "market_report", _("Market or complaint report")
    CADENCE_DIGEST = "cadence_digest", _("Calls and visits due")
    OTHER = "other", _("Other")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"])]

    def __str__(self) -> str:
        return self.title
