"""Who holds a target: the company, a region, a team, a rep or a dealer, and which holders sit
under which (region under the company, team in its region, rep in their team, dealer in its region
or team)."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from salesflow.targets.models import HolderKind, Target

# The Target field that points at each kind of holder; the company has none.
HOLDER_FIELDS = {
    HolderKind.REGION: "region",
    HolderKind.TEAM: "team",
    HolderKind.REP: "user",
    HolderKind.DEALER: "dealer",
}


@dataclass(frozen=True)
class Holder:
    """A target holder: its kind and its record (None for the company)."""

    kind: str
    record: Any = None

    def __post_init__(self) -> None:
        # A plain string, whether built from a HolderKind member or read from the database.
        object.__setattr__(self, "kind", str(self.kind))

    @classmethod
    def company(cls) -> "Holder":
        return cls(HolderKind.COMPANY)

    @classmethod
    def of(cls, target: Target) -> "Holder":
        field = HOLDER_FIELDS.get(HolderKind(target.holder_kind))
        return cls(target.holder_kind, getattr(target, field) if field else None)

    @property
    def pk(self) -> int | None:
        return None if self.record is None else self.record.pk

    @property
    def key(self) -> str:
        """ "company", or the kind and id: "team:4". Forms and links carry holders this way."""
        return self.kind if self.record is None else f"{self.kind}:{self.record.pk}"

    @property
    def label(self) -> str:
        return str(_("Company")) if self.kind == HolderKind.COMPANY else str(self.record)

    @property
    def public_name(self) -> str:
        """What the API calls the holder: "company", a username, or a team, region or dealer name."""
        if self.kind == HolderKind.COMPANY:
            return "company"
        if self.kind == HolderKind.REP:
            return self.record.username
        return self.record.name

    def target_fields(self) -> dict[str, Any]:
        """holder_kind and the holder's foreign key, every other holder key cleared."""
        fields: dict[str, Any] = {"holder_kind": self.kind}
        for kind, field in HOLDER_FIELDS.items():
            fields[field] = self.record if kind == self.kind else None
        return fields

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Holder) and (self.kind, self.pk) == (other.kind, other.pk)

    def __hash__(self) -> int:
        return hash((self.kind, self.pk))

    def __str__(self) -> str:
        return self.label


def _region_of_team(team: Any) -> int | None:
    return None if team is None else team.region_id


def holds_under(parent: Holder, child: Holder) -> bool:
    """Whether `child` sits under `parent` in the sales organisation (at any depth). Reads the
    child's team (select_related("team") saves the query)."""
    if parent.kind == HolderKind.COMPANY:
        return child.kind != HolderKind.COMPANY
    record = child.record
    if parent.kind == HolderKind.REGION:
        if child.kind == HolderKind.TEAM:
            return record.region_id == parent.pk
        if child.kind == HolderKind.REP:
            return _region_of_team(record.team) == parent.pk
        if child.kind == HolderKind.DEALER:
            return record.region_id == parent.pk or _region_of_team(record.team) == parent.pk
        return False
    if parent.kind == HolderKind.TEAM:
        return child.kind in (HolderKind.REP, HolderKind.DEALER) and record.team_id == parent.pk
    return False
