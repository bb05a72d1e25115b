"""The sales processes as the demo sees them: read once from the database (directors may have edited
them), with the names and milestone texts in both languages that history rows copy."""

from dataclasses import dataclass

from salesflow.pipeline.models import FunnelState, SalesProcess, Stage
from salesflow.playbook.models import Milestone


@dataclass(frozen=True)
class MilestoneInfo:
    pk: int
    text_en: str
    text_zh: str


@dataclass(frozen=True)
class StageInfo:
    pk: int
    number: int
    name_en: str
    name_zh: str
    funnel_state: str
    buying_stage: str
    probability: int
    requires_full_qualification: bool
    min_qualification_score: int | None
    milestones: tuple[MilestoneInfo, ...]

    @property
    def is_search(self) -> bool:
        return self.funnel_state == FunnelState.SEARCH

    @property
    def is_best(self) -> bool:
        return self.funnel_state == FunnelState.BEST


@dataclass(frozen=True)
class ProcessInfo:
    pk: int
    key: str
    is_default: bool
    stages: tuple[StageInfo, ...]  # in order; a position in this tuple is a "step"

    @property
    def last(self) -> int:
        """The position of the last stage."""
        return len(self.stages) - 1


def processes_load() -> list[ProcessInfo]:
    """Active processes with at least one stage, the default first, then by key."""
    processes = list(SalesProcess.objects.filter(is_active=True).order_by("-is_default", "key"))
    stages = list(Stage.objects.filter(process__in=processes).order_by("process_id", "number"))
    milestones: dict[int, list[MilestoneInfo]] = {}
    for milestone in Milestone.objects.filter(stage__in=stages).order_by("stage_id", "order", "id"):
        milestones.setdefault(milestone.stage_id, []).append(
            MilestoneInfo(pk=milestone.pk, text_en=milestone.text_en, text_zh=milestone.text_zh)
        )
    by_process: dict[int, list[StageInfo]] = {}
    for stage in stages:
        by_process.setdefault(stage.process_id, []).append(
            StageInfo(
                pk=stage.pk,
                number=stage.number,
                name_en=stage.name_en,
                name_zh=stage.name_zh,
                funnel_state=stage.funnel_state,
                buying_stage=stage.buying_stage,
                probability=stage.probability,
                requires_full_qualification=stage.requires_full_qualification,
                min_qualification_score=stage.min_qualification_score,
                milestones=tuple(milestones.get(stage.pk, ())),
            )
        )
    return [
        ProcessInfo(pk=p.pk, key=p.key, is_default=p.is_default, stages=tuple(by_process[p.pk]))
        for p in processes
        if by_process.get(p.pk)
    ]
