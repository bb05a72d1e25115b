"""Customer companies (客户): size facts, key-account type, ABC tier and selection scores, account team."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from salesflow.accounts.credit_code import validate_credit_code
from salesflow.core.models import TimeStampedModel


class Tier(models.TextChoices):
    A = "A", _("A · priority")
    B = "B", _("B · general")
    C = "C", _("C · last")


class KeyAccountType(models.TextChoices):
    GLOBAL = "global", _("Global key account")
    NATIONAL = "national", _("National key account")
    REGIONAL = "regional", _("Regional key account")
    NONE = "none", _("Not a key account")


class AccountStatus(models.TextChoices):
    PROSPECT = "prospect", _("Prospect")
    CUSTOMER = "customer", _("Customer")
    DORMANT = "dormant", _("Dormant")
    CLOSED = "closed", _("Closed")


SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Account(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200, db_index=True)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_credit_code],
    )
    industry = models.CharField(_("industry"), max_length=100, blank=True, db_index=True)
    region = models.ForeignKey(
        "org.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accounts",
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    annual_revenue = models.DecimalField(
        _("annual revenue (¥)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    net_assets = models.DecimalField(
        _("net assets (¥)"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    key_account_type = models.CharField(
        _("key-account type"),
        max_length=10,
        choices=KeyAccountType.choices,
        default=KeyAccountType.NONE,
        db_index=True,
    )
    tier = models.CharField(_("tier"), max_length=1, choices=Tier.choices, default=Tier.C)
    score_sales_potential = models.PositiveSmallIntegerField(
        _("sales or sales potential"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    score_innovation = models.PositiveSmallIntegerField(
        _("ability to absorb technology and innovate"),
        null=True,
        blank=True,
        validators=SCORE_VALIDATORS,
    )
    score_market_strength = models.PositiveSmallIntegerField(
        _("market development strength"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    score_financial_health = models.PositiveSmallIntegerField(
        _("sound finances"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subsidiaries",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="owned_accounts",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AccountStatus.choices, default=AccountStatus.PROSPECT
    )

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["owner", "name"]),
            models.Index(fields=["tier", "name"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="account_not_own_parent"
            ),
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"{f}__isnull": True})
                    | models.Q(**{f"{f}__gte": 1, f"{f}__lte": 5}),
                    name=f"account_{f}_1_to_5",
                )
                for f in (
                    "score_sales_potential",
                    "score_innovation",
                    "score_market_strength",
                    "score_financial_health",
                )
            ],
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("accounts:detail", args=[self.pk])

    SCORE_FIELDS = (
        "score_sales_potential",
        "score_innovation",
        "score_market_strength",
        "score_financial_health",
    )

    @property
    def selection_score(self) -> int | None:
        """Total of the four key-account selection criteria, or None when none is scored."""
        scores = [getattr(self, f) for f in self.SCORE_FIELDS]
        given = [s for s in scores if s is not None]
        return sum(given) if given else None


class TeamRole(models.TextChoices):
    LEAD = "lead", _("Account lead")
    SALES = "sales", _("Sales")
    PRESALES = "presales", _("Pre-sales / technical")
    SERVICE = "service", _("Service")
    EXECUTIVE = "executive", _("Executive sponsor")


class AccountTeamMember(TimeStampedModel):
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="team_members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="account_memberships",
    )
    team_role = models.CharField(
        _("team role"), max_length=12, choices=TeamRole.choices, default=TeamRole.SALES
    )

    class Meta:
        verbose_name = _("account team member")
        verbose_name_plural = _("account team")
        ordering = ["account", "team_role", "user"]
        constraints = [
            models.UniqueConstraint(fields=["account", "user"], name="account_team_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_team_role_display()})"


class TierRule(models.Model):
    """Size thresholds that suggest an ABC tier. A tier is suggested when every given minimum is met."""

    tier = models.CharField(_("tier"), max_length=1, choices=Tier.choices, unique=True)
    min_annual_revenue = models.DecimalField(
        _("minimum annual revenue (¥)"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    min_employees = models.PositiveIntegerField(_("minimum employees"), null=True, blank=True)
    min_net_assets = models.DecimalField(
        _("minimum net assets (¥)"), max_digits=18, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("tier rule")
        verbose_name_plural = _("tier rules")
        ordering = ["tier"]

    def __str__(self) -> str:
        return f"{self.tier}"

    def matches(
        self,
        *,
        annual_revenue: Decimal | None,
        employees: int | None,
        net_assets: Decimal | None,
    ) -> bool:
        checks = [
            (self.min_annual_revenue, annual_revenue),
            (self.min_employees, employees),
            (self.min_net_assets, net_assets),
        ]
        given = [(minimum, value) for minimum, value in checks if minimum is not None]
        if not given:
            return False
        return all(value is not None and value >= minimum for minimum, value in given)
