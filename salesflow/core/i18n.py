"""Content stored in both languages (process and stage names, milestones, playbooks, objections)."""

from django.db import models
from django.utils.translation import get_language


def prefers_chinese() -> bool:
    return (get_language() or "").lower().startswith("zh")


def localized(obj: models.Model, field: str) -> str:
    """obj.<field>_zh when the interface is Chinese and it is filled in, else obj.<field>_en."""
    if prefers_chinese():
        value = getattr(obj, f"{field}_zh", "")
        if value:
            return str(value)
    return str(getattr(obj, f"{field}_en", ""))
