"""The process editor, for directors only (anyone else gets 404): processes with their stages,
each stage's rules, milestones (exit criteria) and playbook (sales goals and key actions)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from salesflow.pipeline.models import SalesProcess, Stage
from salesflow.playbook import services
from salesflow.playbook.forms import MilestoneForm, PlaybookItemForm, ProcessForm, StageForm
from salesflow.playbook.models import PlaybookItem
from salesflow.playbook.selectors import (
    milestone_get_editable,
    playbook_item_get_editable,
    process_get_editable,
    processes_for_editing,
    stage_get_editable,
    stage_milestones,
    stage_neighbours,
    stage_playbook_items,
)
from salesflow.playbook.views.common import HtmxHttpRequest

PLAYBOOK_HEADINGS = {
    PlaybookItem.Kind.GOAL: gettext_lazy("Sales goals"),
    PlaybookItem.Kind.ACTION: gettext_lazy("Key actions"),
}

# The row forms of the stage page, keyed by what they edit: ("milestone", pk), ("milestone",
# None) for the new one, (kind, pk) and (kind, None) for playbook items.
RowKey = tuple[str, int | None]


def _list_url(process: SalesProcess) -> str:
    return f"{reverse('playbook:processes')}#process-{process.pk}"


def _stage_url(stage: Stage, anchor: str = "") -> str:
    url = reverse("playbook:stage", args=[stage.pk])
    return f"{url}#{anchor}" if anchor else url


def _crumbs(process: SalesProcess | None = None) -> list[tuple[str, str]]:
    crumbs = [(reverse("playbook:processes"), _("Sales processes"))]
    if process is not None:
        crumbs.append((_list_url(process), process.name))
    return crumbs


@login_required
@require_GET
def process_list(request: HtmxHttpRequest) -> HttpResponse:
    return render(
        request, "playbook/process_list.html", {"processes": processes_for_editing(request.user)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def process_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    process = process_get_editable(request.user, pk)
    form = ProcessForm(request.POST or None, instance=process)
    if request.method == "POST" and form.is_valid():
        try:
            process = services.process_update(
                process=process, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Process “%(name)s” saved.") % {"name": process.name})
            return redirect(_list_url(process))
    context = {
        "form": form,
        "title": _("Edit %(name)s") % {"name": process.name},
        "crumbs": _crumbs(),
        "submit": _("Save"),
        "cancel": _list_url(process),
        "intro": "",
    }
    return render(request, "playbook/form.html", context, status=400 if form.errors else 200)


def _render_stage_form(
    request: HtmxHttpRequest, *, form: StageForm, process: SalesProcess, stage: Stage | None
) -> HttpResponse:
    context = {"form": form, "process": process, "stage": stage, "crumbs": _crumbs(process)}
    return render(request, "playbook/stage_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def stage_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    process = process_get_editable(request.user, pk)
    form = StageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            stage = services.stage_add(
                process=process, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("Stage %(stage)s added. Give it its milestones and playbook.") % {"stage": stage},
            )
            return redirect(_stage_url(stage))
    return _render_stage_form(request, form=form, process=process, stage=None)


def _row_forms(stage: Stage, bound: dict[RowKey, Any]) -> dict[str, Any]:
    """The stage page's milestone and playbook rows, each with its form (the refused one bound)."""

    def form_for(key: RowKey, form_class: Any, instance: Any = None, **initial: Any) -> Any:
        if key in bound:
            return bound[key]
        prefix = f"{key[0]}-{key[1] or 'new'}"
        if instance is not None:
            return form_class(instance=instance, prefix=prefix)
        return form_class(prefix=prefix, initial=initial)

    context: dict[str, Any] = {
        "milestone_rows": [
            (m, form_for(("milestone", m.pk), MilestoneForm, m)) for m in stage_milestones(stage)
        ],
        "milestone_new": form_for(("milestone", None), MilestoneForm),
        "playbook_sections": [],
    }
    for kind, label in PLAYBOOK_HEADINGS.items():
        context["playbook_sections"].append(
            {
                "kind": kind,
                "label": label,
                "rows": [
                    (item, form_for((kind, item.pk), PlaybookItemForm, item))
                    for item in stage_playbook_items(stage, kind)
                ],
                "new": form_for((kind, None), PlaybookItemForm, kind=kind),
            }
        )
    return context


def _render_stage(
    request: HtmxHttpRequest,
    stage: Stage,
    *,
    form: StageForm | None = None,
    bound: dict[RowKey, Any] | None = None,
) -> HttpResponse:
    refused = (form is not None and bool(form.errors)) or bool(bound)
    context = {
        "stage": stage,
        "process": stage.process,
        "neighbours": stage_neighbours(stage),
        "form": form or StageForm(instance=stage),
        "crumbs": _crumbs(stage.process),
        **_row_forms(stage, bound or {}),
    }
    return render(request, "playbook/stage_edit.html", context, status=400 if refused else 200)


@login_required
@require_http_methods(["GET", "POST"])
def stage_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    stage = stage_get_editable(request.user, pk)
    if request.method == "GET":
        return _render_stage(request, stage)
    form = StageForm(request.POST, instance=stage)
    if form.is_valid():
        try:
            services.stage_update(stage=stage, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Stage %(stage)s saved.") % {"stage": stage})
            return redirect(_stage_url(stage))
    return _render_stage(request, stage, form=form)


@login_required
@require_http_methods(["GET", "POST"])
def stage_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    stage = stage_get_editable(request.user, pk)
    refusal = ""
    if request.method == "POST":
        try:
            services.stage_delete(stage=stage, acting_user=request.user)
        except ValidationError as error:
            refusal = " ".join(error.messages)
        else:
            messages.success(request, _("Stage %(stage)s deleted.") % {"stage": stage})
            return redirect(_list_url(stage.process))
    elif stage.opportunity_count:  # type: ignore[attr-defined]
        refusal = _(
            "Opportunities are in this stage, so it cannot be deleted. "
            "Move them to other stages first."
        )
    context = {
        "title": _("Delete stage %(stage)s?") % {"stage": stage},
        "consequences": [
            _("Its milestones and playbook are deleted with it."),
            _(
                "Opportunities that passed through it keep its name in their stage history "
                "and their milestone checks."
            ),
            _("The other stages keep their numbers."),
        ],
        "submit": _("Delete the stage"),
        "cancel": _stage_url(stage),
        "refusal": refusal,
    }
    refused = bool(refusal) and request.method == "POST"
    return render(request, "playbook/confirm_delete.html", context, status=400 if refused else 200)


# --- milestones and playbook items: small forms on the stage page -------------------------------


def _back_to_stage(request: HtmxHttpRequest, stage: Stage, message: str, anchor: str) -> Any:
    messages.success(request, message)
    return redirect(_stage_url(stage, anchor))


def _refused(request: HtmxHttpRequest, stage: Stage, key: RowKey, form: Any) -> HttpResponse:
    return _render_stage(request, stage_get_editable(request.user, stage.pk), bound={key: form})


@login_required
@require_POST
def milestone_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    stage = stage_get_editable(request.user, pk)
    form = MilestoneForm(request.POST, prefix="milestone-new")
    if form.is_valid():
        try:
            services.milestone_add(stage=stage, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return _back_to_stage(request, stage, _("Milestone added."), "milestones")
    return _refused(request, stage, ("milestone", None), form)


@login_required
@require_POST
def milestone_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    milestone = milestone_get_editable(request.user, pk)
    form = MilestoneForm(request.POST, prefix=f"milestone-{milestone.pk}")
    if form.is_valid():
        try:
            services.milestone_update(
                milestone=milestone, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return _back_to_stage(request, milestone.stage, _("Milestone saved."), "milestones")
    return _refused(request, milestone.stage, ("milestone", milestone.pk), form)


@login_required
@require_POST
def milestone_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    milestone = milestone_get_editable(request.user, pk)
    services.milestone_delete(milestone=milestone, acting_user=request.user)
    return _back_to_stage(request, milestone.stage, _("Milestone removed."), "milestones")


@login_required
@require_POST
def playbook_item_add(request: HtmxHttpRequest, pk: int, kind: str) -> HttpResponse:
    stage = stage_get_editable(request.user, pk)
    if kind not in PlaybookItem.Kind.values:
        raise Http404("No such kind of playbook item")
    form = PlaybookItemForm(request.POST, prefix=f"{kind}-new")
    if form.is_valid():
        try:
            services.playbook_item_add(stage=stage, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return _back_to_stage(request, stage, _("Playbook item added."), "playbook")
    return _refused(request, stage, (kind, None), form)


@login_required
@require_POST
def playbook_item_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    item = playbook_item_get_editable(request.user, pk)
    form = PlaybookItemForm(request.POST, prefix=f"{item.kind}-{item.pk}")
    if form.is_valid():
        try:
            services.playbook_item_update(item=item, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return _back_to_stage(request, item.stage, _("Playbook item saved."), "playbook")
    return _refused(request, item.stage, (item.kind, item.pk), form)


@login_required
@require_POST
def playbook_item_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    item = playbook_item_get_editable(request.user, pk)
    services.playbook_item_delete(item=item, acting_user=request.user)
    return _back_to_stage(request, item.stage, _("Playbook item removed."), "playbook")
