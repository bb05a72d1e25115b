"""Whose work a management report covers: one rep, a team, or a region (the teams in it), always
within what the reader may see. A region is the owner's team's region, as for targets."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from salesflow.org.models import Region, Team
from salesflow.org.visibility import users_visible_to, visible_user_ids


@dataclass(frozen=True)
class Scope:
    owner: int | None = None
    team: int | None = None
    region: int | None = None

    def of(self, person: str) -> Q:
        """The condition on the field `person` ("owner", "raised_by"; "" for users themselves)."""
        prefix = f"{person}__" if person else ""
        condition = Q()
        if self.owner:
            condition &= Q(**{f"{prefix}pk": self.owner})
        if self.team:
            condition &= Q(**{f"{prefix}team_id": self.team})
        if self.region:
            condition &= Q(**{f"{prefix}team__region_id": self.region})
        return condition


def teams_visible(user: Any) -> QuerySet[Team]:
    """Teams with someone in them whose records `user` sees; every team for a director."""
    ids = visible_user_ids(user)
    teams = Team.objects.order_by("name")
    if ids is None:
        return teams
    return teams.filter(pk__in=_team_ids_of(ids))


def regions_visible(user: Any) -> QuerySet[Region]:
    ids = visible_user_ids(user)
    regions = Region.objects.order_by("name")
    if ids is None:
        return regions
    return regions.filter(teams__in=_team_ids_of(ids)).distinct()


def _team_ids_of(user_ids: set[int]) -> QuerySet[Any]:
    return (
        get_user_model()
        .objects.filter(pk__in=user_ids, team__isnull=False)
        .values("team_id")
        .order_by()
    )


def scope_from_names(user: Any, *, owner: str = "", team: str = "", region: str = "") -> Scope:
    """The scope the API names: a username, a team name, a region name. A name the caller cannot
    see reads exactly like one that does not exist (422 naming the filter)."""
    errors: dict[str, str] = {}
    found: dict[str, int | None] = {"owner": None, "team": None, "region": None}
    if owner:
        found["owner"] = (
            users_visible_to(user).filter(username=owner).values_list("pk", flat=True).first()
        )
        if found["owner"] is None:
            errors["owner"] = _("There is nobody you can see with the username “%(name)s”.") % {
                "name": owner
            }
    if team:
        found["team"] = teams_visible(user).filter(name=team).values_list("pk", flat=True).first()
        if found["team"] is None:
            errors["team"] = _("There is no team named “%(name)s”.") % {"name": team}
    if region:
        found["region"] = (
            regions_visible(user).filter(name=region).values_list("pk", flat=True).first()
        )
        if found["region"] is None:
            errors["region"] = _("There is no region named “%(name)s”.") % {"name": region}
    if errors:
        raise ValidationError(errors)
    return Scope(**found)
