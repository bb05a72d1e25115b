"""Sales processes as data (stages, funnel states, probabilities) and the opportunities that move
through them, with their milestone checks and the history of every stage change."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from salesflow.contacts.models import DecisionRole
from salesflow.core.i18n import localized, prefers_chinese
from salesflow.core.models import TimeStampedModel


class FunnelState(models.TextChoices):
    SEARCH = "search", pgettext_lazy("funnel state", "Search")
    IN_FUNNEL = "in_funnel", pgettext_lazy("funnel state", "In funnel")
    BEST = "best", pgettext_lazy("funnel state", "Best")


class BuyingStage(models.TextChoices):
    """The customer's buying stage of §4, which says whose voice matters now."""

    INTENT = "intent", _("Intent")
    RESEARCH = "research", _("Research")
    PRESELECTION = "preselection", _("Pre-selection")
    COMPARISON = "comparison", _("In-depth comparison")
    DECISION = "decision", _("Decision")
    USE = "use", _("Use")


class SalesProcess(TimeStampedModel):
    key = models.SlugField(_("key"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    is_default = models.BooleanField(_("default for new opportunities"), default=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("sales process")
        verbose_name_plural = _("sales processes")
        ordering = ["-is_default", "name_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="one_default_sales_process",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")


class Stage(TimeStampedModel):
    process = models.ForeignKey(
        SalesProcess, verbose_name=_("process"), on_delete=models.CASCADE, related_name="stages"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100, blank=True)
    customer_stage_en = models.CharField(
        _("customer's procurement stage (English)"), max_length=200, blank=True
    )
    customer_stage_zh = models.CharField(
        _("customer's procurement stage (Chinese)"), max_length=200, blank=True
    )
    funnel_state = models.CharField(_("funnel state"), max_length=10, choices=FunnelState.choices)
    buying_stage = models.CharField(
        _("customer's buying stage"), max_length=12, choices=BuyingStage.choices, blank=True
    )
    probability = models.PositiveSmallIntegerField(
        _("win probability (%)"), validators=[MaxValueValidator(100)]
    )
    min_qualification_score = models.PositiveSmallIntegerField(
        _("minimum qualification score to enter"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(10)],
        help_text=_("Yes counts 2, partly 1, no and unknown 0; five questions make 10."),
    )
    requires_full_qualification = models.BooleanField(
        _("all five qualification questions answered to enter"), default=False
    )

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["process", "number"]
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="stage_number_unique"),
            models.CheckConstraint(
                condition=models.Q(probability__lte=100), name="stage_probability_0_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def customer_stage(self) -> str:
        return localized(self, "customer_stage")


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    WON = "won", _("Won")
    LOST = "lost", _("Lost")
    ABANDONED = "abandoned", _("Abandoned")


class ProjectType(models.TextChoices):
    SELF_FUNDED = "self_funded", _("Self-funded")
    STATE_FUNDED = "state_funded", _("State-funded")


class Source(models.TextChoices):
    REFERRAL = "referral", _("Referral")
    EXISTING_CUSTOMER = "existing_customer", _("Existing customer")
    COLD_CALL = "cold_call", _("Cold call")
    EXHIBITION = "exhibition", _("Exhibition")
    MARKETING = "marketing", _("Marketing campaign")
    TENDER = "tender", _("Public tender notice")
    PARTNER = "partner", _("Partner or dealer")
    OTHER = "other", _("Other")


class OurPosition(models.TextChoices):
    LEADER = "leader", _("Leader")
    CHALLENGER = "challenger", _("Challenger")
    FOLLOWER = "follower", _("Follower")


class DecisionCycleState(models.IntegerChoices):
    """Where the customer is in its own buying loop (§2)."""

    SATISFIED = 1, _("1 · Satisfied with the status quo")
    RECOGNISES_PROBLEM = 2, _("2 · Recognises a problem")
    ACTS = 3, _("3 · Acts: starts a project")
    EVALUATES = 4, _("4 · Evaluates suppliers")
    COMMITS = 5, _("5 · Commits")
    IMPLEMENTS = 6, _("6 · Implements")


class ForecastCategory(models.TextChoices):
    PIPELINE = "pipeline", pgettext_lazy("forecast category", "Pipeline")
    BEST_CASE = "best_case", pgettext_lazy("forecast category", "Best case")
    COMMIT = "commit", pgettext_lazy("forecast category", "Commit")
    CLOSED = "closed", pgettext_lazy("forecast category", "Closed")


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Unknown")


ANSWER_POINTS = {Answer.YES: 2, Answer.PARTLY: 1, Answer.NO: 0, Answer.UNKNOWN: 0}

# The five questions of §5, in order: (field, question).
QUALIFICATION_QUESTIONS = (
    ("need", _("Need: do we have a solution that meets the customer's need?")),
    (
        "decision_process",
        _("Decision process and time frame: do we know how and when the customer decides?"),
    ),
    ("budget", _("Money: do we know the customer's budget, and does it fit?")),
    ("relationship", _("Relationship: can we build a mutually beneficial relationship?")),
    ("worth", _("Worth: is the deal worth doing (cost, profit)?")),
)
QUALIFICATION_FIELDS = tuple(name for name, _question in QUALIFICATION_QUESTIONS)


def _answer_field(verbose: Any) -> models.CharField:
    return models.CharField(verbose, max_length=8, choices=Answer.choices, default=Answer.UNKNOWN)


class Opportunity(TimeStampedModel):
    account = models.ForeignKey(
        "accounts.Account",
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="opportunities",
    )
    name = models.CharField(_("name"), max_length=200)
    amount = models.DecimalField(
        _("amount (¥)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal("999999999999"))],
    )
    cost = models.DecimalField(
        _("expected cost (¥)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal("999999999999"))],
    )
    expected_close_date = models.DateField(_("expected close date"), db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="opportunities",
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, blank=True)
    project_type = models.CharField(
        _("project type"), max_length=12, choices=ProjectType.choices, blank=True
    )
    process = models.ForeignKey(
        SalesProcess, verbose_name=_("process"), on_delete=models.PROTECT, related_name="+"
    )
    stage = models.ForeignKey(
        Stage, verbose_name=_("stage"), on_delete=models.PROTECT, related_name="opportunities"
    )
    stage_entered_at = models.DateTimeField(_("in this stage since"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    forecast_category = models.CharField(
        _("forecast category"),
        max_length=10,
        choices=ForecastCategory.choices,
        default=ForecastCategory.PIPELINE,
    )
    our_position = models.CharField(
        _("our position"), max_length=10, choices=OurPosition.choices, blank=True
    )
    favourable_factors = models.TextField(_("favourable factors"), blank=True)
    unfavourable_factors = models.TextField(_("unfavourable factors"), blank=True)
    decision_cycle_state = models.PositiveSmallIntegerField(
        _("customer's decision-cycle state"),
        choices=DecisionCycleState.choices,
        default=DecisionCycleState.RECOGNISES_PROBLEM,
    )
    need = _answer_field(_("need"))
    need_evidence = models.TextField(_("evidence for the need"), blank=True)
    decision_process = _answer_field(_("decision process"))
    decision_process_evidence = models.TextField(_("evidence for the decision process"), blank=True)
    budget = _answer_field(_("budget"))
    budget_evidence = models.TextField(_("evidence for the budget"), blank=True)
    relationship = _answer_field(_("relationship"))
    relationship_evidence = models.TextField(_("evidence for the relationship"), blank=True)
    worth = _answer_field(_("worth"))
    worth_evidence = models.TextField(_("evidence for the worth"), blank=True)
    close_reason = models.TextField(_("reason for the result"), blank=True)
    won_by = models.CharField(_("competitor who won"), max_length=200, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ["expected_close_date", "id"]
        indexes = [
            models.Index(fields=["status", "stage"]),
            models.Index(fields=["owner", "status"]),
            models.Index(fields=["status", "expected_close_date"]),
            # The reports count deals closed in a period, and an account's earlier wins.
            models.Index(fields=["status", "closed_at"]),
            models.Index(fields=["account", "status", "closed_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="opportunity_amount_gte_0"
            ),
            models.CheckConstraint(
                condition=models.Q(cost__isnull=True) | models.Q(cost__gte=0),
                name="opportunity_cost_gte_0",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("pipeline:detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.status != Status.OPEN

    @property
    def gross_margin(self) -> Decimal | None:
        return None if self.cost is None else self.amount - self.cost

    @property
    def weighted_amount(self) -> Decimal:
        return self.amount * self.stage.probability / 100

    @property
    def qualification_score(self) -> int:
        return sum(ANSWER_POINTS[Answer(getattr(self, f))] for f in QUALIFICATION_FIELDS)

    @property
    def qualification_answered(self) -> int:
        return sum(1 for f in QUALIFICATION_FIELDS if getattr(self, f) != Answer.UNKNOWN)

    def days_in_stage(self, today: date | None = None) -> int:
        today = today or timezone.localdate()
        return max(0, (today - timezone.localtime(self.stage_entered_at).date()).days)


class Strength(models.TextChoices):
    STRONG = "strong", _("Strong")
    MEDIUM = "medium", _("Medium")
    WEAK = "weak", _("Weak")


class Competitor(models.Model):
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="competitors"
    )
    name = models.CharField(_("competitor"), max_length=200)
    strength = models.CharField(
        _("strength"), max_length=8, choices=Strength.choices, default=Strength.MEDIUM
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("competitor")
        verbose_name_plural = _("competitors")
        ordering = ["opportunity", "name"]

    def __str__(self) -> str:
        return self.name


class OpportunityLine(models.Model):
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        "playbook.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    quantity = models.DecimalField(
        _("quantity"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    unit_price = models.DecimalField(
        _("unit price (¥)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )

    class Meta:
        verbose_name = _("product line")
        verbose_name_plural = _("product lines")
        ordering = ["opportunity", "id"]

    def __str__(self) -> str:
        return f"{self.product} × {self.quantity}"

    @property
    def total(self) -> Decimal:
        return self.quantity * self.unit_price


class OpportunityContact(models.Model):
    """A person of the buying centre involved in this deal, with their role in it."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="deal_contacts"
    )
    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.CASCADE, related_name="deal_roles"
    )
    decision_role = models.CharField(
        _("role in this decision"),
        max_length=25,
        choices=DecisionRole.choices,
        blank=True,
    )
    is_key_person = models.BooleanField(_("key person (VIP)"), default=False)

    class Meta:
        verbose_name = _("person in the deal")
        verbose_name_plural = _("buying centre of the deal")
        ordering = ["opportunity", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "contact"], name="opportunity_contact_unique"
            )
        ]

    def __str__(self) -> str:
        return str(self.contact)

    @property
    def effective_decision_role(self) -> str:
        """The role in this deal, or the contact's usual role when none is given for the deal."""
        return self.decision_role or self.contact.decision_role


class MilestoneCheck(models.Model):
    """A milestone of a stage, checked (or unchecked) for one opportunity by one person."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="milestone_checks"
    )
    milestone = models.ForeignKey(
        "playbook.Milestone", null=True, on_delete=models.SET_NULL, related_name="checks"
    )
    milestone_text = models.CharField(_("milestone"), max_length=300)
    milestone_text_zh = models.CharField(_("milestone (Chinese)"), max_length=300, blank=True)
    stage_number = models.PositiveSmallIntegerField(_("stage"))
    done = models.BooleanField(_("done"), default=False)
    evidence = models.TextField(_("evidence"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("milestone check")
        verbose_name_plural = _("milestone checks")
        ordering = ["opportunity", "stage_number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "milestone"], name="milestone_check_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.milestone_text}: {'✓' if self.done else '✗'}"

    @property
    def milestone_label(self) -> str:
        """The milestone as it read when checked, in the reader's language."""
        return (
            self.milestone_text_zh
            if prefers_chinese() and self.milestone_text_zh
            else self.milestone_text
        )


class StageChange(models.Model):
    """One move of one opportunity. Names and numbers are copied so that editing a process later
    never rewrites what happened."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Opened")
        ADVANCED = "advanced", _("Advanced")
        SKIPPED_GATE = "skipped_gate", _("Gate skipped, with a reason")
        MOVED_BACK = "moved_back", _("Moved back")
        CLOSED = "closed", _("Closed")
        REOPENED = "reopened", _("Reopened")

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="stage_changes"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    from_stage = models.ForeignKey(
        Stage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_stage = models.ForeignKey(
        Stage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_number = models.PositiveSmallIntegerField(null=True, blank=True)
    to_number = models.PositiveSmallIntegerField(db_index=True)
    from_name = models.CharField(max_length=100, blank=True)
    from_name_zh = models.CharField(max_length=100, blank=True)
    to_name = models.CharField(max_length=100)
    to_name_zh = models.CharField(max_length=100, blank=True)
    to_funnel_state = models.CharField(max_length=10, choices=FunnelState.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    reason = models.TextField(_("reason"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    # Facts the stage conversion report counts, kept up to date as the history grows
    # (pipeline/history.py): when the stay this row began ended (the deal's next change); for a
    # row entering a stage, whether the deal ever entered a later stage or was won from this one,
    # and when it last entered this stage before (none on its first entry).
    left_at = models.DateTimeField(null=True, blank=True, editable=False)
    went_on = models.BooleanField(default=False, editable=False)
    previous_entry_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage history")
        ordering = ["opportunity", "changed_at", "id"]
        indexes = [
            models.Index(fields=["opportunity", "to_number"]),
            # The stage conversion report looks up the change after each stay began.
            models.Index(fields=["opportunity", "changed_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.opportunity_id}: {self.from_number} → {self.to_number} ({self.kind})"

    @property
    def from_label(self) -> str:
        """The stage left, named as it was then, in the reader's language."""
        return self.from_name_zh if prefers_chinese() and self.from_name_zh else self.from_name

    @property
    def to_label(self) -> str:
        return self.to_name_zh if prefers_chinese() and self.to_name_zh else self.to_name
