"""The target tree of a period: each visible target with its parts beneath it, what is allocated
and what is not, and its progress. A constant number of queries for any size of tree."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from salesflow.org.visibility import sees_everything
from salesflow.targets.holders import Holder
from salesflow.targets.models import HolderKind, Target
from salesflow.targets.periods import Period
from salesflow.targets.progress import Progress, progress_of_targets
from salesflow.targets.selectors import target_search
from salesflow.targets.services import is_locked, may_change_target
from salesflow.users.models import Role


@dataclass
class Node:
    target: Target
    progress: Progress
    depth: int
    children: list["Node"] = field(default_factory=list)
    may_change: bool = False
    may_break_down: bool = False
    locked: bool = False

    @property
    def holder(self) -> Holder:
        return Holder.of(self.target)

    @property
    def allocated(self) -> Decimal:
        return self.target.allocated  # type: ignore[attr-defined]

    @property
    def unallocated(self) -> Decimal:
        return self.target.amount - self.allocated

    @property
    def has_parts(self) -> bool:
        return self.allocated > 0 or bool(self.children)

    def walk(self) -> list["Node"]:
        return [self, *(node for child in self.children for node in child.walk())]


def may_break_down(user: Any, target: Target) -> bool:
    """Whether `user` may set parts of `target` (the rules then check each part)."""
    if sees_everything(user):
        return True
    if user.role != Role.MANAGER:
        return False
    return target.holder_kind == HolderKind.TEAM or may_change_target(user, target)


def target_tree(
    user: Any, *, period: Period, metric: str, product: Any = None, today: date
) -> list[Node]:
    """The roots of the tree of `metric` targets inside `period` that `user` sees; a target whose
    parent the user does not see (or lies outside the period) is a root."""
    targets = list(
        target_search(user, metric=metric, period=period, product=product, within=True)
        .filter(product=product)
        .select_related("parent")
    )
    progress = progress_of_targets(targets, today)
    nodes = {
        t.pk: Node(
            target=t,
            progress=progress[t.pk],
            depth=0,
            may_change=may_change_target(user, t),
            may_break_down=may_break_down(user, t),
            locked=is_locked(t, today),
        )
        for t in targets
    }
    roots: list[Node] = []
    for node in nodes.values():
        parent = nodes.get(node.target.parent_id or 0)
        (parent.children if parent is not None else roots).append(node)
    roots.sort(key=_order)
    for root in roots:
        _set_depth(root, 0)
    return roots


def _set_depth(node: Node, depth: int) -> None:
    node.depth = depth
    node.children.sort(key=_order)
    for child in node.children:
        _set_depth(child, depth + 1)


def _order(node: Node) -> tuple[Any, ...]:
    """Wider periods first, then company, regions, teams, reps, dealers, each by name."""
    kind = list(HolderKind.values).index(node.target.holder_kind)
    return (node.target.period_start, -node.target.period_end.toordinal(), kind, node.holder.label)
