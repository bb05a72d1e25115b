"""Recording and reading the change history of a record, field by field."""

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from salesflow.core.models import ChangeRecord


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, str]:
    """The display value of each tracked field, as it would be shown in history."""
    values: dict[str, str] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if isinstance(field, models.ForeignKey):
            related = getattr(instance, name)
            values[name] = "" if related is None else str(related)
        elif isinstance(field, models.Field) and field.choices:
            raw = getattr(instance, name)
            values[name] = "" if raw in (None, "") else str(dict(field.flatchoices).get(raw, raw))
        else:
            raw = getattr(instance, name)
            values[name] = "" if raw is None else str(raw)
    return values


def record_changes(
    *,
    instance: models.Model,
    before: dict[str, str] | None,
    after: dict[str, str],
    acting_user: Any,
) -> list[ChangeRecord]:
    """Write one ChangeRecord per field whose value differs (all fields on creation)."""
    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=True)
    user = acting_user if getattr(acting_user, "pk", None) else None
    rows: list[ChangeRecord] = []
    if before is None:
        rows.append(
            ChangeRecord(
                content_type=content_type,
                object_id=instance.pk,
                action=ChangeRecord.Action.CREATE,
                changed_by=user,
            )
        )
        before = {name: "" for name in after}
    for name, new in after.items():
        old = before.get(name, "")
        if old != new:
            rows.append(
                ChangeRecord(
                    content_type=content_type,
                    object_id=instance.pk,
                    action=ChangeRecord.Action.UPDATE,
                    field=name,
                    old_value=old,
                    new_value=new,
                    changed_by=user,
                )
            )
    return ChangeRecord.objects.bulk_create(rows)


def record_deletion(*, instance: models.Model, acting_user: Any) -> None:
    ChangeRecord.objects.create(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=instance.pk,
        action=ChangeRecord.Action.DELETE,
        new_value=str(instance),
        changed_by=acting_user if getattr(acting_user, "pk", None) else None,
    )


def history_for(instance: models.Model) -> models.QuerySet[ChangeRecord]:
    """The record's history, newest first, with the verbose field names resolvable."""
    return ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=instance.pk,
    ).select_related("changed_by")


def field_label(model: type[models.Model], name: str) -> str:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return str(getattr(field, "verbose_name", name))
