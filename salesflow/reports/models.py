"""What the reports keep of their own: the manager's plan for the week after a weekly report."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from salesflow.core.models import TimeStampedModel


class WeeklyPlan(TimeStampedModel):
    """Next week's targets and plan (下周目标与计划), written by the manager under the weekly
    report (周报) of one team or one region for one ISO week ("2026-W47")."""

    week = models.CharField(_("week"), max_length=8, db_index=True)
    team = models.ForeignKey(
        "org.Team",
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="weekly_plans",
    )
    region = models.ForeignKey(
        "org.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="weekly_plans",
    )
    text = models.TextField(_("next week's targets and plan"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("weekly plan")
        verbose_name_plural = _("weekly plans")
        ordering = ["-week", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(team__isnull=False, region__isnull=True)
                    | models.Q(team__isnull=True, region__isnull=False)
                ),
                name="weekly_plan_team_or_region",
            ),
            models.UniqueConstraint(
                fields=["team", "week"],
                condition=models.Q(team__isnull=False),
                name="weekly_plan_one_per_team_week",
            ),
            models.UniqueConstraint(
                fields=["region", "week"],
                condition=models.Q(region__isnull=False),
                name="weekly_plan_one_per_region_week",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team or self.region} · {self.week}"
