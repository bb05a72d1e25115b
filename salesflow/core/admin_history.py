"""Admin edits are recorded in the same change history as edits made in the app."""

from typing import Any

from django.db import transaction

from salesflow.core.history import record_changes, record_deletion, snapshot


class RecordHistoryAdminMixin:
    history_fields: tuple[str, ...] = ()

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = None
            if change and obj.pk is not None:
                previous = type(obj).objects.filter(pk=obj.pk).first()
                before = snapshot(previous, self.history_fields) if previous else None
            super().save_model(request, obj, form, change)  # type: ignore[misc]
            record_changes(
                instance=obj,
                before=before,
                after=snapshot(obj, self.history_fields),
                acting_user=request.user,
            )

    def delete_model(self, request: Any, obj: Any) -> None:
        with transaction.atomic():
            record_deletion(instance=obj, acting_user=request.user)
            super().delete_model(request, obj)  # type: ignore[misc]
