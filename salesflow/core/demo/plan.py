"""How big a demo is: every count follows linearly from one scale factor."""

from dataclasses import dataclass

from salesflow.core.demo.geography import REGIONS

REPS_PER_TEAM = 4
TEAMS_PER_SCALE = 8
ACCOUNTS_PER_SCALE = 400
OPPORTUNITIES_PER_SCALE = 800
# Below this the quotas (one account of each key-account type and tier) stop making sense.
MIN_ACCOUNTS = 20
MIN_TEAMS = 2
# Enough for one open opportunity at every stage of every shipped process, and some closed ones.
MIN_OPPORTUNITIES = 60


@dataclass(frozen=True)
class DemoPlan:
    scale: float
    regions: int
    teams: int
    reps_per_team: int
    accounts: int
    opportunities: int

    @classmethod
    def for_scale(cls, scale: float) -> "DemoPlan":
        if scale <= 0:
            raise ValueError("The scale must be greater than zero.")
        teams = max(MIN_TEAMS, round(TEAMS_PER_SCALE * scale))
        regions = min(len(REGIONS), teams, max(MIN_TEAMS, round(4 * scale)))
        return cls(
            scale=scale,
            regions=regions,
            teams=teams,
            reps_per_team=REPS_PER_TEAM,
            accounts=max(MIN_ACCOUNTS, round(ACCOUNTS_PER_SCALE * scale)),
            opportunities=max(MIN_OPPORTUNITIES, round(OPPORTUNITIES_PER_SCALE * scale)),
        )

    @property
    def managers(self) -> int:
        return self.teams

    @property
    def reps(self) -> int:
        return self.teams * self.reps_per_team

    def usernames(self) -> list[str]:
        return (
            ["director"]
            + [f"manager{i}" for i in range(1, self.managers + 1)]
            + [f"rep{i}" for i in range(1, self.reps + 1)]
        )
