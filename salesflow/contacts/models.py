"""People at customer companies (联系人) and their place in the buying centre (§4)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from salesflow.contacts.social_styles import SocialStyle
from salesflow.core.models import TimeStampedModel


class BuyingRole(models.TextChoices):
    GATEKEEPER = "gatekeeper", _("Gatekeeper")
    USER = "user", _("User")
    PURCHASER = "purchaser", _("Purchaser")
    PROJECT_LEAD = "project_lead", _("Project lead")
    SENIOR_LEADER = "senior_leader", _("Buyer's senior leader")
    SUPERIOR_AUTHORITY = "superior_authority", _("Superior authority")
    DESIGN_INSTITUTE = "design_institute", _("Design institute")
    COMPETITOR = "competitor", _("Competitor (outside influence)")


class DecisionRole(models.TextChoices):
    DECISION_MAKER = "decision_maker", _("Decision maker")
    TECHNICAL_RECOMMENDER = "technical_recommender", _("Technical recommender")
    FINANCIAL_RECOMMENDER = "financial_recommender", _("Financial recommender")
    MANAGEMENT_RECOMMENDER = "management_recommender", _("Management recommender")
    INFLUENCER = "influencer", _("Influencer")


class Attitude(models.TextChoices):
    ACCEPTS = "accepts", _("Accepts")
    DOUBTS = "doubts", _("Doubts")
    RESISTS = "resists", _("Resists")
    INDIFFERENT = "indifferent", _("Indifferent")
    HOSTILE = "hostile", _("Hostile")


class Relationship(models.TextChoices):
    PARTNER = "partner", _("Partner")
    FRIEND = "friend", _("Friend")
    STRANGER = "stranger", _("Stranger")
    OPPONENT = "opponent", _("Opponent")


def relationship_for(*, meets_personal_needs: bool, meets_org_needs: bool) -> Relationship:
    """The needs matrix: personal and organisational needs both met make a partner, and so on."""
    if meets_personal_needs and meets_org_needs:
        return Relationship.PARTNER
    if meets_personal_needs:
        return Relationship.FRIEND
    if meets_org_needs:
        return Relationship.STRANGER
    return Relationship.OPPONENT


class Contact(TimeStampedModel):
    account = models.ForeignKey(
        "accounts.Account",
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    name = models.CharField(_("name"), max_length=100, db_index=True)
    title = models.CharField(_("title"), max_length=100, blank=True)
    department = models.CharField(_("department"), max_length=100, blank=True)
    mobile = models.CharField(_("mobile phone"), max_length=30, blank=True)
    phone = models.CharField(_("office phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    wechat = models.CharField(_("WeChat ID"), max_length=50, blank=True)
    reports_to = models.ForeignKey(
        "self",
        verbose_name=_("reports to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="direct_reports",
    )
    buying_role = models.CharField(
        _("buying-centre role"), max_length=20, choices=BuyingRole.choices, blank=True
    )
    decision_role = models.CharField(
        _("role in the decision"), max_length=25, choices=DecisionRole.choices, blank=True
    )
    attitude = models.CharField(
        _("attitude to us"), max_length=12, choices=Attitude.choices, blank=True
    )
    meets_personal_needs = models.BooleanField(
        _("our offer meets their personal needs"), default=False
    )
    meets_org_needs = models.BooleanField(
        _("our offer meets their organisation's needs"), default=False
    )
    social_style = models.CharField(
        _("social style"), max_length=12, choices=SocialStyle.choices, blank=True
    )
    is_ally = models.BooleanField(_("ally / coach"), default=False)
    view_of_need = models.TextField(_("view of the need or problem"), blank=True)
    view_of_us = models.TextField(_("view of us"), blank=True)
    view_of_competitors = models.TextField(_("view of competitors"), blank=True)
    buying_criteria = models.TextField(_("buying criteria"), blank=True)
    our_strategy = models.TextField(_("our strategy for them"), blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["account", "name"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(reports_to=models.F("id")), name="contact_not_own_manager"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("contacts:detail", args=[self.pk])

    @property
    def relationship(self) -> Relationship:
        return relationship_for(
            meets_personal_needs=self.meets_personal_needs, meets_org_needs=self.meets_org_needs
        )
