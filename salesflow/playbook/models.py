"""The method as data: each stage's milestones (exit criteria) and playbook (goals, key actions),
and the FAB library of products, features, advantages and benefits (§6)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from salesflow.core.i18n import localized
from salesflow.core.models import TimeStampedModel


class Milestone(TimeStampedModel):
    stage = models.ForeignKey(
        "pipeline.Stage",
        verbose_name=_("stage"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text_en = models.CharField(_("milestone (English)"), max_length=300)
    text_zh = models.CharField(_("milestone (Chinese)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["stage", "order", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return localized(self, "text")


class PlaybookItem(TimeStampedModel):
    class Kind(models.TextChoices):
        GOAL = "goal", _("Sales goal")
        ACTION = "action", _("Key action")

    stage = models.ForeignKey(
        "pipeline.Stage",
        verbose_name=_("stage"),
        on_delete=models.CASCADE,
        related_name="playbook_items",
    )
    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text_en = models.CharField(_("text (English)"), max_length=300)
    text_zh = models.CharField(_("text (Chinese)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("playbook item")
        verbose_name_plural = _("stage playbook")
        ordering = ["stage", "kind", "order", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return localized(self, "text")


class Product(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    list_price = models.DecimalField(
        _("list price (¥)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Feature(TimeStampedModel):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="features")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    feature = models.CharField(_("feature"), max_length=300)
    advantage = models.CharField(_("advantage it gives"), max_length=300)

    class Meta:
        verbose_name = _("feature")
        verbose_name_plural = _("features")
        ordering = ["product", "order", "id"]

    def __str__(self) -> str:
        return self.feature


class BenefitKind(models.TextChoices):
    QUALITY = "quality", _("Quality")
    PRODUCTIVITY = "productivity", _("Productivity")
    COST = "cost", _("Cost")
    TIME = "time", _("Time")
    REVENUE = "revenue", _("Revenue")


class Benefit(TimeStampedModel):
    feature = models.ForeignKey(Feature, on_delete=models.CASCADE, related_name="benefits")
    kind = models.CharField(_("kind of benefit"), max_length=12, choices=BenefitKind.choices)
    text = models.CharField(_("benefit to the customer"), max_length=300)

    class Meta:
        verbose_name = _("benefit")
        verbose_name_plural = _("benefits")
        ordering = ["feature", "kind", "id"]

    def __str__(self) -> str:
        return self.text


class ProposalBenefit(models.Model):
    """A benefit picked for one opportunity because it answers this customer's need."""

    opportunity = models.ForeignKey(
        "pipeline.Opportunity", on_delete=models.CASCADE, related_name="proposal_benefits"
    )
    benefit = models.ForeignKey(Benefit, on_delete=models.CASCADE, related_name="+")
    customer_need = models.CharField(
        _("the customer's need it answers"), max_length=300, blank=True
    )

    class Meta:
        verbose_name = _("proposal benefit")
        verbose_name_plural = _("proposal outline")
        ordering = ["opportunity", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "benefit"], name="proposal_benefit_unique"
            )
        ]

    def __str__(self) -> str:
        return str(self.benefit)


class Objection(TimeStampedModel):
    """A reason customers give for saying no (§9), with the prepared answer."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title_en = models.CharField(_("objection (English)"), max_length=200)
    title_zh = models.CharField(_("objection (Chinese)"), max_length=200, blank=True)
    answer_en = models.TextField(_("prepared answer (English)"))
    answer_zh = models.TextField(_("prepared answer (Chinese)"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objection playbook")
        ordering = ["number"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def answer(self) -> str:
        return localized(self, "answer")
