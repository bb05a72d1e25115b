"""Forms for the FAB library, proposal outlines and the process editor. They parse input and draw
widgets; the services validate and save. Model forms here are never saved directly: they are
built without an instance, and the view hands cleaned_data to a service."""

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from salesflow.pipeline.models import SalesProcess, Stage
from salesflow.playbook import services
from salesflow.playbook.models import (
    Benefit,
    BenefitKind,
    Feature,
    Milestone,
    PlaybookItem,
    Product,
)


class ServiceForm(forms.ModelForm):
    """Parses a model's fields for a service, which validates the record and saves it."""

    def __init__(self, *args: Any, instance: Any = None, **kwargs: Any) -> None:
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = model_to_dict(instance, fields=self._meta.fields)
        super().__init__(*args, **kwargs)

    def _post_clean(self) -> None:
        # The model's own rules (required, ranges, uniqueness, the single default process) are
        # checked by the service against the record being changed; a fresh instance here would
        # clash with that very record.
        pass

    def add_service_errors(self, error: ValidationError) -> None:
        """Show a service's field-keyed errors next to their fields (the rest above the form)."""
        messages: dict[str, Any] = (
            error.message_dict
            if hasattr(error, "error_dict")
            else {NON_FIELD_ERRORS: error.messages}
        )
        for field, errors in messages.items():
            self.add_error(field if field in self.fields else None, errors)


# --- the FAB library ---------------------------------------------------------------------------


class ProductFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Product, feature, advantage, benefit…")}
        ),
    )

    def search_arguments(self) -> dict[str, Any]:
        self.is_valid()
        return {"q": (self.cleaned_data.get("q") or "").strip()}


class ProductForm(ServiceForm):
    class Meta:
        model = Product
        fields = services.PRODUCT_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class FeatureForm(ServiceForm):
    class Meta:
        model = Feature
        fields = services.FEATURE_FIELDS
        help_texts = {
            "feature": _("What the product has or does: a fact about it."),
            "advantage": _("What that feature makes possible, compared with doing without it."),
        }


class BenefitForm(ServiceForm):
    class Meta:
        model = Benefit
        fields = services.BENEFIT_FIELDS
        help_texts = {"text": _("What the customer gains, in the customer's terms.")}


# --- proposal outlines -------------------------------------------------------------------------


class ProposalBenefitForm(forms.Form):
    """Pick one benefit for the outline. An empty need is refused by the service, with its own
    message, so the form leaves the field optional."""

    benefit = forms.ModelChoiceField(queryset=Benefit.objects.all(), widget=forms.HiddenInput)
    customer_need = forms.CharField(
        label=_("Customer need it answers"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"list": "customer-needs", "autocomplete": "off"}),
    )


class CustomerNeedForm(forms.Form):
    customer_need = forms.CharField(
        label=_("Customer need it answers"), required=False, max_length=300
    )


class BenefitSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search other products"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Product, feature, benefit…")}
        ),
    )
    kind = forms.ChoiceField(
        label=_("Kind of benefit"),
        required=False,
        choices=[("", _("All kinds")), *BenefitKind.choices],
    )

    def search_arguments(self) -> dict[str, Any]:
        self.is_valid()
        data = self.cleaned_data
        return {"q": (data.get("q") or "").strip(), "kind": data.get("kind") or ""}


# --- processes ---------------------------------------------------------------------------------


class ProcessForm(ServiceForm):
    class Meta:
        model = SalesProcess
        fields = services.PROCESS_FIELDS
        widgets = {
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "description_zh": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "is_default": _(
                "New opportunities start in the default process. Making this one the default "
                "takes the flag from the current default."
            ),
            "is_active": _(
                "An inactive process is not offered for new opportunities; opportunities "
                "already in it carry on."
            ),
        }


class StageForm(ServiceForm):
    probability = forms.IntegerField(
        label=_("Win probability (%)"), min_value=0, max_value=100, initial=50
    )
    min_qualification_score = forms.IntegerField(
        label=_("Minimum qualification score to enter"),
        required=False,
        min_value=0,
        max_value=10,
        help_text=_("Yes counts 2, partly 1, no and unknown 0; five questions make 10."),
    )

    class Meta:
        model = Stage
        fields = services.STAGE_FIELDS

    SECTIONS = (
        (_("Names"), ("name_en", "name_zh", "customer_stage_en", "customer_stage_zh")),
        (_("Place in the funnel"), ("funnel_state", "buying_stage", "probability")),
        (
            _("Entry rules"),
            ("min_qualification_score", "requires_full_qualification"),
        ),
    )

    def sections(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]


BOTH_LANGUAGES = {
    "text_en": forms.TextInput(attrs={"placeholder": _("In English")}),
    "text_zh": forms.TextInput(attrs={"placeholder": _("In Chinese")}),
}


class MilestoneForm(ServiceForm):
    class Meta:
        model = Milestone
        fields = services.MILESTONE_FIELDS
        widgets = BOTH_LANGUAGES


class PlaybookItemForm(ServiceForm):
    class Meta:
        model = PlaybookItem
        fields = services.PLAYBOOK_ITEM_FIELDS
        widgets = BOTH_LANGUAGES
