"""Forms of the objection playbook: search, the director's editor, and the report's filters."""

from datetime import date, timedelta
from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Field
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from salesflow.org.models import Team
from salesflow.org.visibility import users_visible_to
from salesflow.playbook.models import Objection

# The report's default window: the last three months, so every objection has had a chance.
DEFAULT_DAYS = 90


def _label(name: str) -> Any:
    return capfirst(cast(Field, Objection._meta.get_field(name)).verbose_name)


class ObjectionSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Objection or answer…")}),
    )

    def query(self) -> str:
        self.is_valid()
        return (self.cleaned_data.get("q") or "").strip()


class ObjectionForm(forms.Form):
    number = forms.IntegerField(label=_label("number"), min_value=1, max_value=999)
    title_en = forms.CharField(label=_label("title_en"), max_length=200)
    title_zh = forms.CharField(label=_label("title_zh"), max_length=200, required=False)
    answer_en = forms.CharField(label=_label("answer_en"), widget=forms.Textarea(attrs={"rows": 6}))
    answer_zh = forms.CharField(
        label=_label("answer_zh"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    is_active = forms.BooleanField(
        label=_label("is_active"),
        required=False,
        initial=True,
        help_text=_("An inactive objection is no longer offered while logging; records keep it."),
    )

    @classmethod
    def for_objection(cls, data: Any, objection: Objection | None) -> "ObjectionForm":
        if objection is None:
            return cls(data)
        return cls(data, initial={name: getattr(objection, name) for name in cls.base_fields})


class ObjectionReportForm(forms.Form):
    """The period and whose activities; a value that does not parse falls back to the default."""

    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    owner = forms.ModelChoiceField(
        label=_("Rep"),
        required=False,
        queryset=get_user_model().objects.none(),
        empty_label=_("Anyone"),
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        required=False,
        queryset=Team.objects.order_by("name"),
        empty_label=_("All teams"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = users_visible_to(user)

    def period(self, today: date | None = None) -> tuple[date, date]:
        self.is_valid()
        today = today or timezone.localdate()
        end = self.cleaned_data.get("date_to") or today
        start = self.cleaned_data.get("date_from") or end - timedelta(days=DEFAULT_DAYS - 1)
        return (start, end) if start <= end else (end, start)

    def scope(self) -> dict[str, Any]:
        self.is_valid()
        return {
            name: getattr(self.cleaned_data.get(name), "pk", None) for name in ("owner", "team")
        }
