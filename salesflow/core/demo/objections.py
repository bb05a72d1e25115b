"""Demo objections met (§9): on a share of the calls that got through, and on some first visits to
prospects, the customer raised one of the playbook's objections (now and then two), and the rep
overcame it or not. Some objections are met far more often than others, and some are overcome
far more often: "send me some material" usually leads to a meeting, "no budget" seldom does.
A call that set an appointment overcame its last objection."""

from dataclasses import dataclass

from django.db.models import Q

from salesflow.activities.models import Activity, ActivityKind, ActivityObjection, ActivityPurpose
from salesflow.core.demo.bulk import BATCH
from salesflow.core.demo.fakes import DemoRandom
from salesflow.playbook.models import Objection

ACTIVITIES_PER_CHUNK = 5000
CALL_SHARE = 0.4
FIRST_VISIT_SHARE = 0.2
SECOND_OBJECTION_SHARE = 0.15
# By the shipped objections' numbers: (how often met, relative; how often overcome).
HABITS: dict[int, tuple[int, float]] = {
    1: (25, 0.65),  # send me some material
    2: (7, 0.35),  # we do that in-house
    3: (22, 0.4),  # we already have a supplier
    4: (10, 0.75),  # I'm not the person responsible
    5: (14, 0.25),  # no budget
    6: (18, 0.45),  # your price is too high
    7: (4, 0.2),  # we used you before and were unhappy
}
OTHER_HABIT = (5, 0.4)


@dataclass
class ObjectionsResult:
    met: int = 0
    overcome: int = 0
    activities: int = 0

    @property
    def rows(self) -> int:
        return self.met

    @property
    def detail(self) -> str:
        return (
            f"{self.met:,} objections met on {self.activities:,} calls and visits, "
            f"{self.overcome:,} overcome"
        )


def objections_create(*, randomness: DemoRandom) -> ObjectionsResult:
    result = ObjectionsResult()
    playbook = list(Objection.objects.filter(is_active=True).order_by("number"))
    if not playbook:
        return result
    habits = [HABITS.get(o.number, OTHER_HABIT) for o in playbook]
    weights = [met for met, _overcome in habits]
    heard_the_customer = Q(kind=ActivityKind.CALL, connected=True) | Q(
        kind=ActivityKind.VISIT, purpose=ActivityPurpose.NEW_CUSTOMER, occurred_at__isnull=False
    )
    candidates = list(
        Activity.objects.filter(heard_the_customer)
        .order_by("id")
        .values_list("id", "kind", "appointment_set")
    )
    for start in range(0, len(candidates), ACTIVITIES_PER_CHUNK):
        rows = []
        for pk, kind, appointment_set in candidates[start : start + ACTIVITIES_PER_CHUNK]:
            share = CALL_SHARE if kind == ActivityKind.CALL else FIRST_VISIT_SHARE
            if not randomness.chance(share):
                continue
            count = 2 if randomness.chance(SECOND_OBJECTION_SHARE) else 1
            picked: list[int] = []
            while len(picked) < min(count, len(playbook)):
                index = randomness.rng.choices(range(len(playbook)), weights=weights)[0]
                if index not in picked:
                    picked.append(index)
            for position, index in enumerate(picked):
                last = position == len(picked) - 1
                overcome = (last and bool(appointment_set)) or randomness.chance(habits[index][1])
                rows.append(
                    ActivityObjection(activity_id=pk, objection=playbook[index], overcome=overcome)
                )
            result.activities += 1
        ActivityObjection.objects.bulk_create(rows, batch_size=BATCH)
        result.met += len(rows)
        result.overcome += sum(1 for r in rows if r.overcome)
    return result
