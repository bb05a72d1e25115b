"""Forms for the contact screens. They parse input; the services validate it and write."""

from typing import Any, cast

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from salesflow.accounts.models import Account
from salesflow.accounts.selectors import account_list_visible
from salesflow.contacts.models import Attitude, Contact, DecisionRole
from salesflow.contacts.selectors import contact_reports_to_choices

FIELDSETS = (
    ("person", _("Person"), ("name", "title", "department", "account", "reports_to")),
    ("reach", _("How to reach them"), ("mobile", "phone", "email", "wechat")),
    (
        "buying-centre",
        _("Buying centre"),
        (
            "buying_role",
            "decision_role",
            "attitude",
            "meets_personal_needs",
            "meets_org_needs",
            "is_ally",
        ),
    ),
    (
        "stakeholder-sheet",
        _("Stakeholder sheet"),
        (
            "view_of_need",
            "view_of_us",
            "view_of_competitors",
            "buying_criteria",
            "our_strategy",
            "social_style",
        ),
    ),
)
CONTACT_FIELDS = [name for _key, _legend, names in FIELDSETS for name in names]
TEXT_AREA = forms.Textarea(attrs={"rows": 3})


class ContactForm(forms.ModelForm):
    """Create and edit a contact. Never saved directly: the view hands cleaned_data to a service."""

    class Meta:
        model = Contact
        fields = CONTACT_FIELDS
        widgets = {
            "view_of_need": TEXT_AREA,
            "view_of_us": TEXT_AREA,
            "view_of_competitors": TEXT_AREA,
            "buying_criteria": TEXT_AREA,
            "our_strategy": TEXT_AREA,
        }
        help_texts = {
            "reports_to": _("Someone at the same account. Choose the account first."),
            "meets_personal_needs": _("Money, security, belonging, respect, achievement, power."),
            "meets_org_needs": _("Profit and cost, competition, environment, image, performance."),
            "is_ally": _(
                "An inside coach who sells for us, gives information, steers the decision."
            ),
            "social_style": _("Compared with your own style on the contact page to advise you."),
        }

    def __init__(self, *args: Any, user: Any, contact: Contact | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.visible_accounts = account_list_visible(user).only("id", "name").order_by("name", "id")
        cast(forms.ModelChoiceField, self.fields["account"]).queryset = self.visible_accounts
        reports_to = cast(forms.ModelChoiceField, self.fields["reports_to"])
        reports_to.queryset = contact_reports_to_choices(
            user, account=self.chosen_account(), contact=contact
        )

    def chosen_account(self) -> Account | None:
        """The account picked in the submitted data, or preselected; None unless visible."""
        name = "account"
        value = self.data.get(self.add_prefix(name)) if self.is_bound else self.initial.get(name)
        if isinstance(value, Account):
            value = value.pk
        if value in (None, ""):
            return None
        try:
            return self.visible_accounts.filter(pk=str(value)).first()
        except (ValueError, TypeError):
            return None

    def fieldsets(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        """(id, legend, fields) per group, for the template to draw one fieldset each."""
        return [
            (key, str(legend), [self[name] for name in names]) for key, legend, names in FIELDSETS
        ]


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's field-keyed errors next to their fields (the rest above the form)."""
    messages: dict[str, Any] = (
        error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
    )
    for field, errors in messages.items():
        form.add_error(field if field in form.fields else None, errors)


class FlagCheckbox(forms.CheckboxInput):
    """A checkbox that submits `=1`, so links such as ?is_ally=1 and the ticked box agree."""

    def format_value(self, value: Any) -> str:
        return "1"


class ContactFilterForm(forms.Form):
    """The contact list's search and filters, read from the query string."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.SearchInput(attrs={"placeholder": _("Name, title, phone, email, account")}),
    )
    decision_role = forms.ChoiceField(
        label=_("Role in the decision"),
        choices=[("", _("Any role")), *DecisionRole.choices],
        required=False,
    )
    attitude = forms.ChoiceField(
        label=_("Attitude to us"),
        choices=[("", _("Any attitude")), *Attitude.choices],
        required=False,
    )
    account = forms.ModelChoiceField(
        label=_("Account"), queryset=Account.objects.none(), required=False, empty_label=_("Any")
    )
    is_ally = forms.BooleanField(label=_("Allies only"), required=False, widget=FlagCheckbox)

    def __init__(self, *args: Any, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["account"]).queryset = (
            account_list_visible(user).only("id", "name").order_by("name", "id")
        )

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for contact_search; a filter with a bad value is ignored."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "q": data.get("q", ""),
            "decision_role": data.get("decision_role", ""),
            "attitude": data.get("attitude", ""),
            "account": data["account"].pk if data.get("account") else None,
            "is_ally": True if data.get("is_ally") else None,
        }

    def is_filtered(self) -> bool:
        return any(value not in ("", None) for value in self.filters().values())
