"""Activities (跟进记录): calls, visits, meetings… logged against an account and, optionally, a deal.
The effort they represent (count, minutes, expenses) feeds the funnel by funnel state."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from salesflow.accounts.models import Tier
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


class ActivityObjection(models.Model):
    """An objection met during an activity (§9), and whether the rep overcame it."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="objections_met")
    objection = models.ForeignKey(
        "playbook.Objection",
        verbose_name=_("objection"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    overcome = models.BooleanField(_("overcome"), default=False)

    class Meta:
        verbose_name = _("objection met")
        verbose_name_plural = _("objections met")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "objection"], name="activity_objection_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.objection}: {'✓' if self.overcome else '✗'}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class VisitPlan(TimeStampedModel):
    """每日拜访计划: the rep's visits for one day, approved by the supervisor before the day."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rep"),
        on_delete=models.PROTECT,
        related_name="visit_plans",
    )
    date = models.DateField(_("date"))
    area = models.CharField(_("area"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved or returned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("approved or returned at"), null=True, blank=True)
    comment = models.TextField(_("supervisor's comment"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("visit plan")
        verbose_name_plural = _("visit plans")
        ordering = ["-date", "owner"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "date"], name="visit_plan_one_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.owner} · {self.date}"

    @property
    def is_locked(self) -> bool:
        return self.status in (PlanStatus.SUBMITTED, PlanStatus.APPROVED)


class PlannedVisit(models.Model):
    plan = models.ForeignKey(VisitPlan, on_delete=models.CASCADE, related_name="visits")
    account = models.ForeignKey(
        "accounts.Account", verbose_name=_("account"), on_delete=models.CASCADE, related_name="+"
    )
    planned_at = models.DateTimeField(_("time"))
    purpose = models.CharField(_("purpose"), max_length=16, choices=ActivityPurpose.choices)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    activity = models.OneToOneField(
        Activity,
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="planned_visit",
        help_text=_("The activity to complete, created when the plan is approved."),
    )

    class Meta:
        verbose_name = _("planned visit")
        verbose_name_plural = _("planned visits")
        ordering = ["plan", "planned_at", "id"]

    def __str__(self) -> str:
        return f"{self.account} @ {self.planned_at:%H:%M}"


class PlanEvent(models.Model):
    """Every submission, approval, return and reopening of a plan or report, with what was
    submitted (a snapshot), so nothing submitted is lost when a supervisor returns it."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")
        REOPENED = "reopened", _("Reopened for changes")
        SIGNED = "signed", _("Signed")

    visit_plan = models.ForeignKey(
        VisitPlan, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    daily_report = models.ForeignKey(
        "activities.DailyReport",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)
    snapshot = models.JSONField(_("what was submitted"), default=dict, blank=True)

    class Meta:
        verbose_name = _("plan or report event")
        verbose_name_plural = _("plan and report events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.at:%Y-%m-%d %H:%M}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    SIGNED = "signed", _("Signed")


class Attendance(models.TextChoices):
    PRESENT = "present", _("At work")
    FIELD = "field", _("In the field")
    TRAVEL = "travel", _("On a business trip")
    LEAVE = "leave", _("On leave")
    SICK = "sick", _("Sick")


class DailyReport(TimeStampedModel):
    """每日销售报告: the rep's day against the plan and the target, signed by the supervisor."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rep"),
        on_delete=models.PROTECT,
        related_name="daily_reports",
    )
    date = models.DateField(_("date"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.PRESENT
    )
    orders_amount = models.DecimalField(
        _("orders of the day (¥)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    collections_amount = models.DecimalField(
        _("collections of the day (¥)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    daily_target = models.DecimalField(
        _("the day's share of the target (¥)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    complaints_handled = models.TextField(_("complaints handled"), blank=True)
    competitor_info = models.TextField(_("competitor information"), blank=True)
    customer_feedback = models.TextField(_("customer feedback"), blank=True)
    customer_news = models.TextField(_("news about customers"), blank=True)
    lessons = models.TextField(_("lessons of the day"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    on_time = models.BooleanField(_("submitted on time"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    instructions = models.TextField(_("supervisor's instructions"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("daily sales report")
        verbose_name_plural = _("daily sales reports")
        ordering = ["-date", "owner"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "date"], name="daily_report_one_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.owner} · {self.date}"


class MarketReportKind(models.TextChoices):
    MARKET = "market", _("Market situation")
    COMPLAINT = "complaint", _("Complaint")


class MarketReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    RESOLVED = "resolved", _("Resolved")


class MarketReport(TimeStampedModel):
    """市场情况反映表 / complaint report: news that could hurt sales, raised at once."""

    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        on_delete=models.PROTECT,
        related_name="market_reports",
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=MarketReportKind.choices, default=MarketReportKind.MARKET
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("what happened"))
    account = models.ForeignKey(
        "accounts.Account",
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="market_reports",
    )
    competitor = models.CharField(_("competitor"), max_length=200, blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=MarketReportStatus.choices,
        default=MarketReportStatus.OPEN,
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolution = models.TextField(_("how it was handled"), blank=True)

    class Meta:
        verbose_name = _("market or complaint report")
        verbose_name_plural = _("market and complaint reports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject


class CadenceRule(models.Model):
    """How often an account of a tier must be called and visited (§8), in months."""

    tier = models.CharField(_("tier"), max_length=1, choices=Tier.choices, unique=True)
    call_every_months = models.PositiveSmallIntegerField(
        _("call every (months)"), validators=[MinValueValidator(1)]
    )
    visit_every_months = models.PositiveSmallIntegerField(
        _("visit every (months)"), validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("cadence rule")
        verbose_name_plural = _("cadence rules")
        ordering = ["tier"]

    def __str__(self) -> str:
        return f"{self.tier}: {self.call_every_months} / {self.visit_every_months}"
