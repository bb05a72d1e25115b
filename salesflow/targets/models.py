"""Targets (目标分解) broken down top-down from the company to regions, teams, reps and dealers,
by period and optionally by product; and the payments that make up collections (回款)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from salesflow.core.models import TimeStampedModel


class Metric(models.TextChoices):
    REVENUE = "revenue", _("Sales revenue")
    GROSS_MARGIN = "gross_margin", _("Gross margin")
    NEW_CUSTOMERS = "new_customers", _("New customers")
    COLLECTIONS = "collections", _("Collections")


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Year")
    QUARTER = "quarter", _("Quarter")
    MONTH = "month", _("Month")


class HolderKind(models.TextChoices):
    COMPANY = "company", _("Company")
    REGION = "region", _("Region")
    TEAM = "team", _("Team")
    REP = "rep", _("Rep")
    DEALER = "dealer", _("Dealer")


class Target(TimeStampedModel):
    """One target: a metric for a holder over a period ("2026", "2026-Q1" or "2026-03")."""

    metric = models.CharField(_("metric"), max_length=14, choices=Metric.choices)
    period = models.CharField(_("period"), max_length=7, db_index=True)
    period_kind = models.CharField(_("period kind"), max_length=7, choices=PeriodKind.choices)
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    holder_kind = models.CharField(_("holder kind"), max_length=8, choices=HolderKind.choices)
    region = models.ForeignKey(
        "org.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="targets"
    )
    team = models.ForeignKey(
        "org.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="targets"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="targets",
    )
    dealer = models.ForeignKey(
        "org.Dealer", null=True, blank=True, on_delete=models.PROTECT, related_name="targets"
    )
    product = models.ForeignKey(
        "playbook.Product",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="targets",
    )
    amount = models.DecimalField(
        _("amount"),
        max_digits=16,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Yuan for revenue, margin and collections; a count for new customers."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["period_start", "metric", "holder_kind", "id"]
        indexes = [models.Index(fields=["metric", "period"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="target_amount_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.get_metric_display()} {self.period} · {self.holder}"

    @property
    def holder(self) -> object:
        return {
            HolderKind.COMPANY: _("Company"),
            HolderKind.REGION: self.region,
            HolderKind.TEAM: self.team,
            HolderKind.REP: self.user,
            HolderKind.DEALER: self.dealer,
        }[HolderKind(self.holder_kind)]


class TargetChange(models.Model):
    """A change to a target after its period started: only a director, always with a reason."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="changes")
    old_amount = models.DecimalField(max_digits=16, decimal_places=2)
    new_amount = models.DecimalField(max_digits=16, decimal_places=2)
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("target change")
        verbose_name_plural = _("target changes")
        ordering = ["-changed_at"]

    def __str__(self) -> str:
        return f"{self.target_id}: {self.old_amount} → {self.new_amount}"


class Payment(TimeStampedModel):
    """Money received on a won opportunity: the source of collections until after-sales lands."""

    opportunity = models.ForeignKey(
        "pipeline.Opportunity",
        verbose_name=_("opportunity"),
        on_delete=models.PROTECT,
        related_name="payments",
    )
    amount = models.DecimalField(
        _("amount (¥)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    received_on = models.DateField(_("received on"), db_index=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_amount_gt_0")
        ]

    def __str__(self) -> str:
        return f"{self.opportunity} · {self.amount}"
