"""Activities (跟进记录): calls, visits, meetings… logged against an account and, optionally, a deal.
The effort they represent (count, minutes, expenses) feeds the funnel by funnel state."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from salesflow.core.models import TimeStampedModel


class ActivityKind(models.TextChoices):
    CALL = "call", _("Call")
    VISIT = "visit", _("Visit")
    MEETING = "meeting", _("Meeting")
    PRESENTATION = "presentation", _("Presentation")
    EMAIL = "email", _("E-mail")
    OTHER = "other", _("Other")


class ActivityPurpose(models.TextChoices):
    NEW_CUSTOMER = "new_customer", _("New customer development")
    MARKET_RESEARCH = "market_research", _("Market research")
    COLLECTION = "collection", _("Collection")
    SERVICE = "service", _("Service")
    COMPLAINT = "complaint", _("Complaint handling")
    ORDER = "order", _("Taking an order")
    OTHER = "other", _("Other")


class Activity(TimeStampedModel):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ActivityKind.choices)
    purpose = models.CharField(
        _("purpose"), max_length=16, choices=ActivityPurpose.choices, default=ActivityPurpose.OTHER
    )
    account = models.ForeignKey(
        "accounts.Account",
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    contacts = models.ManyToManyField(
        "contacts.Contact", verbose_name=_("contacts"), blank=True, related_name="activities"
    )
    opportunity = models.ForeignKey(
        "pipeline.Opportunity",
        verbose_name=_("opportunity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    planned_at = models.DateTimeField(_("planned for"), null=True, blank=True)
    occurred_at = models.DateTimeField(_("happened at"), null=True, blank=True, db_index=True)
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=0)
    expenses = models.DecimalField(
        _("expenses (¥)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    notes = models.TextField(_("notes"), blank=True)
    connected = models.BooleanField(_("call connected"), null=True, blank=True)
    appointment_set = models.BooleanField(_("appointment set"), null=True, blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "occurred_at"]),
            models.Index(fields=["opportunity"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.account}"
