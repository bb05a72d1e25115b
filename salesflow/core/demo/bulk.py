"""Bulk inserts of rows whose history lies in the past."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import models

BATCH = 1000


@contextmanager
def timestamps_as_given(*model_classes: type[models.Model]) -> Iterator[None]:
    """Let bulk_create keep the created_at/updated_at the demo sets on each row.

    A demo deal opened five months ago should say so; auto_now_add would stamp it with today.
    The auto flags are restored afterwards, even when the insert fails."""
    fields = [
        field
        for model in model_classes
        for field in model._meta.concrete_fields
        if isinstance(field, models.DateTimeField) and (field.auto_now or field.auto_now_add)
    ]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add
