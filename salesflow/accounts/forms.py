"""Forms for the account screens: they parse input and draw widgets; the services validate and save."""

from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Field
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from salesflow.accounts.credit_code import validate_credit_code
from salesflow.accounts.models import Account, AccountStatus, KeyAccountType, TeamRole, Tier
from salesflow.accounts.selectors import account_owner_choices, account_parent_choices
from salesflow.org.models import Region, Team
from salesflow.org.visibility import users_visible_to

SORT_CHOICES = [
    ("name", _("Name")),
    ("-name", _("Name, Z–A")),
    ("tier", _("Tier")),
    ("-tier", _("Tier, C–A")),
    ("revenue", _("Revenue, lowest first")),
    ("-revenue", _("Revenue, highest first")),
    ("score", _("Selection score, lowest first")),
    ("-score", _("Selection score, highest first")),
    ("updated", _("Updated, oldest first")),
    ("-updated", _("Updated, newest first")),
]
SCORE_CHOICES = [("", "—"), *[(str(n), str(n)) for n in range(1, 6)]]


def _label(name: str) -> Any:
    return capfirst(cast(Field, Account._meta.get_field(name)).verbose_name)


def _blank_first(choices: Any, blank: Any) -> list[tuple[str, Any]]:
    return [("", blank), *choices]


class AccountFilterForm(forms.Form):
    """The list's search box and filters; an invalid value is dropped, never an error page."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Name, credit code, industry, contact…")}
        ),
    )
    tier = forms.ChoiceField(
        label=_label("tier"), required=False, choices=_blank_first(Tier.choices, _("All tiers"))
    )
    key_account_type = forms.ChoiceField(
        label=_label("key_account_type"),
        required=False,
        choices=_blank_first(KeyAccountType.choices, _("All types")),
    )
    region = forms.ModelChoiceField(
        label=_label("region"),
        required=False,
        queryset=Region.objects.order_by("name"),
        empty_label=_("All regions"),
    )
    owner = forms.ModelChoiceField(
        label=_label("owner"),
        required=False,
        queryset=get_user_model().objects.none(),
        empty_label=_("Anyone"),
    )
    team = forms.ModelChoiceField(
        label=_("Owner's team"),
        required=False,
        queryset=Team.objects.order_by("name"),
        empty_label=_("All teams"),
    )
    status = forms.ChoiceField(
        label=_label("status"),
        required=False,
        choices=_blank_first(AccountStatus.choices, _("Any status")),
    )
    sort = forms.ChoiceField(required=False, choices=SORT_CHOICES, widget=forms.HiddenInput)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = users_visible_to(user)  # type: ignore[attr-defined]

    def search_arguments(self) -> dict[str, Any]:
        """Keyword arguments for selectors.account_search from whatever parsed cleanly."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "q": (data.get("q") or "").strip(),
            "tier": data.get("tier") or "",
            "key_account_type": data.get("key_account_type") or "",
            "region": data["region"].pk if data.get("region") else None,
            "owner": data["owner"].pk if data.get("owner") else None,
            "team": data["team"].pk if data.get("team") else None,
            "status": data.get("status") or "",
            "sort": data.get("sort") or "name",
        }

    @property
    def is_filtered(self) -> bool:
        args = self.search_arguments()
        return any(value for key, value in args.items() if key != "sort")


def _score_field(name: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=_label(name), required=False, choices=SCORE_CHOICES, coerce=int, empty_value=None
    )


class AccountForm(forms.Form):
    """Every editable fact of an account. Choices are limited to what the user may pick."""

    name = forms.CharField(label=_label("name"), max_length=200)
    credit_code = forms.CharField(
        label=_label("credit_code"),
        required=False,
        max_length=30,
        # The service checks the code again; checking it here too shows a bad code together
        # with the form's other errors instead of after they are fixed.
        validators=[validate_credit_code],
        help_text=_("18 characters, the last one a check character. Spaces are ignored."),
    )
    industry = forms.CharField(label=_label("industry"), required=False, max_length=100)
    region = forms.ModelChoiceField(
        label=_label("region"),
        required=False,
        queryset=Region.objects.order_by("name"),
        empty_label="—",
    )
    address = forms.CharField(label=_label("address"), required=False, max_length=300)
    website = forms.URLField(
        label=_label("website"), required=False, max_length=200, assume_scheme="https"
    )
    annual_revenue = forms.DecimalField(
        label=_label("annual_revenue"), required=False, max_digits=18, decimal_places=2
    )
    employees = forms.IntegerField(label=_label("employees"), required=False, min_value=0)
    net_assets = forms.DecimalField(
        label=_label("net_assets"), required=False, max_digits=18, decimal_places=2
    )
    key_account_type = forms.ChoiceField(
        label=_label("key_account_type"),
        choices=KeyAccountType.choices,
        initial=KeyAccountType.NONE,
    )
    tier = forms.ChoiceField(
        label=_label("tier"),
        required=False,
        choices=_blank_first(Tier.choices, _("Suggest from size")),
        help_text=_(
            "Leave blank to use the tier the size rule suggests from revenue, employees "
            "and net assets."
        ),
    )
    score_sales_potential = _score_field("score_sales_potential")
    score_innovation = _score_field("score_innovation")
    score_market_strength = _score_field("score_market_strength")
    score_financial_health = _score_field("score_financial_health")
    parent = forms.ModelChoiceField(
        label=_label("parent"),
        required=False,
        queryset=Account.objects.none(),
        empty_label=_("None"),
    )
    owner = forms.ModelChoiceField(
        label=_label("owner"), queryset=get_user_model().objects.none(), empty_label="—"
    )
    status = forms.ChoiceField(
        label=_label("status"), choices=AccountStatus.choices, initial=AccountStatus.PROSPECT
    )

    SECTIONS = (
        (
            _("Company"),
            "",
            ("name", "credit_code", "industry", "region", "address", "website"),
        ),
        (
            _("Size"),
            _("Measurable facts: the size rule suggests the tier from them."),
            ("annual_revenue", "employees", "net_assets"),
        ),
        (
            _("Key account"),
            _(
                "Score each selection criterion from 1 (weak) to 5 (strong); the total ranks "
                "key-account candidates."
            ),
            (
                "key_account_type",
                "tier",
                "score_sales_potential",
                "score_innovation",
                "score_market_strength",
                "score_financial_health",
            ),
        ),
        (_("Ownership"), "", ("parent", "owner", "status")),
    )

    def __init__(self, *args: Any, user: Any, account: Account | None = None, **kwargs: Any):
        if account is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_from_account(account)
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = account_parent_choices(user, account=account)  # type: ignore[attr-defined]
        self.fields["owner"].queryset = account_owner_choices(user, account=account)  # type: ignore[attr-defined]
        if account is None:
            self.fields["owner"].initial = user.pk

    def sections(self) -> list[tuple[Any, Any, list[forms.BoundField]]]:
        return [
            (title, note, [self[name] for name in names]) for title, note, names in self.SECTIONS
        ]

    def add_service_errors(self, error: ValidationError) -> None:
        """Show each of the service's errors next to its field (or above the form)."""
        for field, messages in error.message_dict.items():
            target = field.removesuffix("_id")
            for message in messages:
                self.add_error(target if target in self.fields else None, message)


def initial_from_account(account: Account) -> dict[str, Any]:
    initial = {name: getattr(account, name) for name in AccountForm.base_fields}
    initial.update(region=account.region_id, parent=account.parent_id, owner=account.owner_id)
    return initial


class TeamMemberForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Person"), queryset=get_user_model().objects.none(), empty_label="—"
    )
    team_role = forms.ChoiceField(
        label=_("Team role"), choices=TeamRole.choices, initial=TeamRole.SALES
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users_visible_to(user)  # type: ignore[attr-defined]
