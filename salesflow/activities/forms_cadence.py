"""Forms for the cadence screens: the filters of the due list and the directors' tier rules."""

from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from salesflow.accounts.models import Tier
from salesflow.activities.models import CadenceRule
from salesflow.activities.selectors.cadence import TOUCH_KINDS
from salesflow.activities.services.cadence import MAX_MONTHS
from salesflow.org.visibility import users_visible_to


class CadenceFilterForm(forms.Form):
    """The due list's filters; an invalid value is dropped, never an error page."""

    owner = forms.ModelChoiceField(
        label=_("Owner"),
        required=False,
        queryset=get_user_model().objects.none(),
        empty_label=_("Anyone"),
    )
    tier = forms.ChoiceField(
        label=_("Tier"), required=False, choices=[("", _("All tiers")), *Tier.choices]
    )
    kind = forms.ChoiceField(
        label=_("Call or visit"),
        required=False,
        choices=[("", _("Calls and visits")), *((k.value, k.label) for k in TOUCH_KINDS)],
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = users_visible_to(user)

    def search_arguments(self) -> dict[str, Any]:
        """The selector's keyword arguments from whichever filters are valid."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "owner": data.get("owner"),
            "tier": data.get("tier", ""),
            "kind": data.get("kind", ""),
            "overdue_only": bool(data.get("overdue")),
        }

    @property
    def is_filtered(self) -> bool:
        return any(self.search_arguments().values())


class CadenceRuleForm(forms.Form):
    """One tier's rule; one form per tier on the settings page, prefixed with the tier."""

    call_every_months = forms.IntegerField(
        label=_("Call every (months)"), min_value=1, max_value=MAX_MONTHS
    )
    visit_every_months = forms.IntegerField(
        label=_("Visit every (months)"), min_value=1, max_value=MAX_MONTHS
    )

    def __init__(self, *args: Any, rule: CadenceRule, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "call_every_months": rule.call_every_months,
                "visit_every_months": rule.visit_every_months,
            },
        )
        kwargs["prefix"] = f"tier-{rule.tier}"
        super().__init__(*args, **kwargs)
        self.rule = rule

    @property
    def tier_label(self) -> str:
        return str(Tier(self.rule.tier).label)
