"""Forms of the pipeline board: its filters and a card's move. They parse input; the board
selectors read and the services decide."""

from datetime import date
from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Field
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from salesflow.org.models import Region, Team
from salesflow.org.visibility import users_visible_to
from salesflow.pipeline.forms import close_period_range
from salesflow.pipeline.models import Opportunity, SalesProcess
from salesflow.pipeline.selectors import processes_active

CUSTOM_PERIOD = "custom"
CLOSE_PERIOD_CHOICES = [
    ("", _("Any time")),
    ("this_month", _("This month")),
    ("this_quarter", _("This quarter")),
    ("next_quarter", _("Next quarter")),
    (CUSTOM_PERIOD, _("From – to")),
]
# The board's query parameters that the opportunity list understands as well.
LIST_PARAMETERS = ("owner", "team", "region", "process", "close_from", "close_to")


def _label(name: str) -> Any:
    return capfirst(cast(Field, Opportunity._meta.get_field(name)).verbose_name)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class BoardFilterForm(forms.Form):
    """The board's filters; a value that does not parse is dropped, never an error page."""

    process = forms.ChoiceField(label=_label("process"), required=False)
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
    region = forms.ModelChoiceField(
        label=capfirst(_("region")),
        required=False,
        queryset=Region.objects.order_by("name"),
        empty_label=_("All regions"),
    )
    close = forms.ChoiceField(
        label=_("Expected close"), required=False, choices=CLOSE_PERIOD_CHOICES
    )
    close_from = forms.DateField(label=_("Closing from"), required=False, widget=DateInput())
    close_to = forms.DateField(label=_("Closing until"), required=False, widget=DateInput())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.processes = list(processes_active())
        process_field = cast(forms.ChoiceField, self.fields["process"])
        process_field.choices = [(p.key, p.name) for p in self.processes]
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = users_visible_to(user)

    def _value(self, name: str) -> Any:
        """The cleaned value of one filter; None when it is missing or did not parse."""
        self.is_valid()
        return self.cleaned_data.get(name)

    @property
    def chosen_process(self) -> SalesProcess | None:
        """The chosen process, or the default one (with its stages prefetched)."""
        chosen = self._value("process")
        by_preference = sorted(self.processes, key=lambda p: (p.key != chosen, not p.is_default))
        return by_preference[0] if by_preference else None

    def close_range(self) -> tuple[date | None, date | None]:
        period = self._value("close")
        if period == CUSTOM_PERIOD:
            return self._value("close_from"), self._value("close_to")
        if period:
            return close_period_range(period, timezone.localdate())
        return None, None

    def board_filters(self) -> dict[str, Any]:
        """Keyword arguments for `board_build` from whatever parsed cleanly."""
        close_from, close_to = self.close_range()
        owner, team, region = self._value("owner"), self._value("team"), self._value("region")
        return {
            "owner": owner.pk if owner else None,
            "team": team.pk if team else None,
            "region": region.pk if region else None,
            "close_from": close_from,
            "close_to": close_to,
        }

    def list_parameters(self, process: SalesProcess) -> dict[str, str]:
        """The filters as the opportunity list's query parameters."""
        values = {k: v for k, v in self.board_filters().items() if v is not None}
        values["process"] = process.pk
        return {k: str(values[k]) for k in LIST_PARAMETERS if k in values}


class BoardMoveForm(forms.Form):
    stage = forms.IntegerField()
    version = forms.IntegerField(required=False)
    reason = forms.CharField(required=False, max_length=2000)
