"""One demo deal, computed without a database: its product lines, amount and cost, the five
qualification answers, competitors, the people of the buying centre involved, a proposal outline
and its history. opportunities.py writes the rows."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from salesflow.accounts.models import AccountStatus
from salesflow.contacts.models import BuyingRole, DecisionRole
from salesflow.core.demo import deal_texts as texts
from salesflow.core.demo.fakes import DemoRandom
from salesflow.core.demo.fates import DealAccount
from salesflow.core.demo.histories import Fate, History, history
from salesflow.core.demo.products import CatalogueProduct
from salesflow.pipeline.coverage import NEEDED_BY_BUYING_STAGE
from salesflow.pipeline.models import (
    ANSWER_POINTS,
    QUALIFICATION_FIELDS,
    Answer,
    BuyingStage,
    DecisionCycleState,
    ForecastCategory,
    FunnelState,
    Opportunity,
    OurPosition,
    ProjectType,
    Source,
    Status,
    Strength,
)
from salesflow.pipeline.services import FORECAST_BY_FUNNEL

MIN_AMOUNT, MAX_AMOUNT = Decimal(50_000), Decimal(20_000_000)
# (lowest, highest) amount a deal aims at, by account size.
TARGET_AMOUNT = {
    "global": (1_500_000, 20_000_000),
    "key": (500_000, 10_000_000),
    "A": (250_000, 5_000_000),
    "B": (100_000, 1_500_000),
    "C": (50_000, 500_000),
}
ADD_ON_CHANCE = 0.45
RECOMMENDERS = (
    DecisionRole.TECHNICAL_RECOMMENDER,
    DecisionRole.FINANCIAL_RECOMMENDER,
    DecisionRole.MANAGEMENT_RECOMMENDER,
)
STRENGTH_WEIGHTS: dict[str, int] = {Strength.STRONG: 30, Strength.MEDIUM: 45, Strength.WEAK: 25}
STRENGTH_ORDER: dict[str, int] = {Strength.STRONG: 0, Strength.MEDIUM: 1, Strength.WEAK: 2}
SOURCE_WEIGHTS = {
    Source.REFERRAL: 12,
    Source.EXISTING_CUSTOMER: 30,
    Source.COLD_CALL: 14,
    Source.EXHIBITION: 10,
    Source.MARKETING: 10,
    Source.TENDER: 8,
    Source.PARTNER: 10,
    Source.OTHER: 4,
}
STATE_FUNDED_INDUSTRIES = {"能源电力", "建筑工程", "通信", "钢铁冶金"}
CYCLE_BY_BUYING_STAGE = {
    BuyingStage.INTENT: DecisionCycleState.RECOGNISES_PROBLEM,
    BuyingStage.RESEARCH: DecisionCycleState.ACTS,
    BuyingStage.PRESELECTION: DecisionCycleState.EVALUATES,
    BuyingStage.COMPARISON: DecisionCycleState.EVALUATES,
    BuyingStage.DECISION: DecisionCycleState.COMMITS,
    BuyingStage.USE: DecisionCycleState.IMPLEMENTS,
}
UPGRADE = {Answer.UNKNOWN: Answer.PARTLY, Answer.NO: Answer.PARTLY, Answer.PARTLY: Answer.YES}


@dataclass(frozen=True)
class ContactRow:
    pk: int
    decision_role: str
    buying_role: str
    is_ally: bool


# Who belongs to each participant group of §4's "who matters when" table (see pipeline.coverage).
IN_GROUP: dict[str, Callable[[ContactRow], bool]] = {
    "users": lambda c: c.buying_role == BuyingRole.USER,
    "influencers": lambda c: c.decision_role == DecisionRole.INFLUENCER,
    "gatekeepers": lambda c: c.buying_role == BuyingRole.GATEKEEPER,
    "recommenders": lambda c: c.decision_role in RECOMMENDERS,
    "purchasers": lambda c: c.buying_role == BuyingRole.PURCHASER,
    "decision_makers": lambda c: c.decision_role == DecisionRole.DECISION_MAKER,
}


@dataclass(frozen=True)
class Line:
    product: CatalogueProduct
    quantity: int
    unit_price: Decimal

    @property
    def total(self) -> Decimal:
        return self.quantity * self.unit_price


@dataclass
class Deal:
    account: DealAccount
    fate: Fate
    history: History
    opportunity: Opportunity
    lines: list[Line]
    competitors: list[tuple[str, str, str]]  # name, strength, notes
    people: list[tuple[int, str, bool]]  # contact id, decision role in this deal, key person
    proposal: list[tuple[int, str]]  # benefit id, the customer's need it answers
    evidence: list[str]  # one per milestone check
    close_reason: str


def _unit_price(product: CatalogueProduct, randomness: DemoRandom) -> Decimal:
    """The list price less a discount, rounded as a quotation would be."""
    price = product.spec.list_price * randomness.rng.uniform(0.78, 1.0)
    step = 100 if price >= 10_000 else 10
    return Decimal(round(price / step) * step)


def _quantity(product: CatalogueProduct, budget: float, unit_price: Decimal) -> int:
    low, high = product.spec.quantities
    return min(high, max(low, round(budget / float(unit_price))))


def _lines(
    account: DealAccount, products: list[CatalogueProduct], randomness: DemoRandom
) -> list[Line]:
    rng = randomness.rng
    target = randomness.log_uniform(*TARGET_AMOUNT[account.size])
    mains = [p for p in products if not p.spec.add_on]
    weights = [
        (4.0 if account.industry in p.spec.industries else 1.0)
        * (1.0 if p.spec.quantities[0] * p.spec.list_price <= target * 1.2 else 0.02)
        for p in mains
    ]
    main = rng.choices(mains, weights=weights)[0]
    extras = [p for p in products if p.spec.add_on and randomness.chance(ADD_ON_CHANCE)]
    share = rng.uniform(0.55, 0.85) if extras else 1.0
    price = _unit_price(main, randomness)
    lines = [Line(main, _quantity(main, target * share, price), price)]
    for extra in extras:
        price = _unit_price(extra, randomness)
        budget = target * (1 - share) / len(extras)
        lines.append(Line(extra, _quantity(extra, budget, price), price))
    return _within_bounds(lines)


def _within_bounds(lines: list[Line]) -> list[Line]:
    """Keep the amount between ¥50,000 and ¥20 million by changing the main line's quantity."""
    main, others = lines[0], lines[1:]
    rest = sum((line.total for line in others), Decimal(0))
    quantity = main.quantity
    if rest + quantity * main.unit_price < MIN_AMOUNT:
        quantity = int(-(-(MIN_AMOUNT - rest) // main.unit_price))
    while quantity > 1 and rest + quantity * main.unit_price > MAX_AMOUNT:
        quantity -= 1
    return [Line(main.product, quantity, main.unit_price), *others]


def _cost(lines: list[Line], randomness: DemoRandom) -> Decimal:
    cost = sum(
        (
            line.total
            * Decimal(str(round(randomness.rng.uniform(*line.product.spec.cost_share), 3)))
            for line in lines
        ),
        Decimal(0),
    )
    return (cost / 100).quantize(Decimal(1)) * 100


def _competitors(fate: Fate, randomness: DemoRandom) -> list[tuple[str, str, str]]:
    rng = randomness.rng
    progress = fate.step / max(1, fate.process.last)
    if fate.status != Status.LOST and randomness.chance(0.3 * (1 - progress)):
        return []
    found = []
    for name in rng.sample(texts.COMPETITORS, rng.randint(1, 3)):
        strength = rng.choices(list(STRENGTH_WEIGHTS), weights=list(STRENGTH_WEIGHTS.values()))[0]
        notes = rng.choice(texts.COMPETITOR_NOTES[strength]) if randomness.chance(0.5) else ""
        found.append((name, strength, notes))
    return sorted(found, key=lambda c: STRENGTH_ORDER[c[1]])


def _our_position(
    fate: Fate, competitors: list[tuple[str, str, str]], randomness: DemoRandom
) -> str:
    rng = randomness.rng
    if fate.status == Status.WON or not competitors:
        return "" if fate.step == 0 and randomness.chance(0.5) else OurPosition.LEADER
    if competitors[0][1] == Strength.STRONG:
        return rng.choices((OurPosition.CHALLENGER, OurPosition.FOLLOWER), weights=(70, 30))[0]
    return rng.choices((OurPosition.LEADER, OurPosition.CHALLENGER), weights=(60, 40))[0]


def _factors(pool: tuple[str, ...], randomness: DemoRandom) -> str:
    if not randomness.chance(0.6):
        return ""
    return "；".join(randomness.rng.sample(pool, randomness.rng.randint(1, 2)))


def _qualification(fate: Fate, highest_step: int, randomness: DemoRandom) -> dict[str, str]:
    """The five answers and their evidence. Every stage the deal ever entered had its entry rules
    met, so the answers meet them all (answers are only ever raised to meet a rule)."""
    rng = randomness.rng
    progress = fate.step / max(1, fate.process.last)
    unknown = max(0.0, 0.65 - 0.9 * progress)
    weights = (30 + 50 * progress, 35, 25 if fate.status == Status.LOST else 8)
    answers = {
        name: Answer.UNKNOWN
        if randomness.chance(unknown)
        else rng.choices((Answer.YES, Answer.PARTLY, Answer.NO), weights=weights)[0]
        for name in QUALIFICATION_FIELDS
    }
    entered = fate.process.stages[1 : highest_step + 1]
    if any(stage.requires_full_qualification for stage in entered):
        for name, answer in answers.items():
            if answer == Answer.UNKNOWN:
                answers[name] = rng.choices((Answer.YES, Answer.PARTLY), weights=(60, 40))[0]
    minimum = max((stage.min_qualification_score or 0 for stage in entered), default=0)
    while sum(ANSWER_POINTS[Answer(a)] for a in answers.values()) < minimum:
        name = rng.choice([n for n, a in answers.items() if a != Answer.YES])
        answers[name] = UPGRADE[Answer(answers[name])]
    evidence = {
        f"{name}_evidence": rng.choice(texts.QUALIFICATION_EVIDENCE[name][answer])
        for name, answer in answers.items()
        if answer != Answer.UNKNOWN and randomness.chance(0.8)
    }
    return {**answers, **evidence}


def _people(
    contacts: list[ContactRow], fate: Fate, randomness: DemoRandom
) -> list[tuple[int, str, bool]]:
    """2–6 people of the account's buying centre, more as the deal advances. The further the deal
    has gone, the likelier the decision maker, the ally and the people the customer's buying stage
    needs (§4) are involved, as a rep who follows the method would have it."""
    rng = randomness.rng
    pool = [c for c in contacts if c.buying_role != BuyingRole.COMPETITOR]
    if not pool:
        return []
    progress = fate.step / max(1, fate.process.last)
    wanted = min(len(pool), 6, max(2, rng.randint(2, 3) + round(3 * progress)))
    chosen: list[ContactRow] = []

    def perhaps(candidates: Iterable[ContactRow], chance: float) -> None:
        options = [c for c in candidates if c not in chosen]
        if options and randomness.chance(chance):
            chosen.append(rng.choice(options))

    perhaps(
        (c for c in pool if c.decision_role == DecisionRole.DECISION_MAKER), 0.35 + 0.6 * progress
    )
    perhaps((c for c in pool if c.is_ally), 0.3 + 0.65 * progress)
    buying_stage = fate.process.stages[fate.step].buying_stage
    for group in NEEDED_BY_BUYING_STAGE.get(BuyingStage(buying_stage), ()) if buying_stage else ():
        perhaps((c for c in pool if IN_GROUP[group](c)), 0.5 + 0.4 * progress)
    rest = [c for c in pool if c not in chosen]
    rng.shuffle(rest)
    rest.sort(key=lambda c: 0 if c.decision_role in RECOMMENDERS else 1 if c.decision_role else 2)
    chosen = (chosen + rest[: max(0, wanted - len(chosen))])[:6]
    people = []
    for contact in chosen:
        role = ""
        if contact.decision_role == DecisionRole.INFLUENCER and randomness.chance(0.15):
            role = rng.choice(RECOMMENDERS)
        effective = role or contact.decision_role
        if effective == DecisionRole.DECISION_MAKER:
            key_person = randomness.chance(0.8)
        else:
            key_person = effective in RECOMMENDERS and randomness.chance(0.35)
        people.append((contact.pk, role, key_person))
    return people


def _proposal(fate: Fate, lines: list[Line], randomness: DemoRandom) -> list[tuple[int, str]]:
    """Benefits picked for the proposal once the solution is being designed and shown."""
    rng = randomness.rng
    stages = fate.process.stages
    first_in_funnel = next(
        (i for i, s in enumerate(stages) if s.funnel_state != FunnelState.SEARCH), None
    )
    if first_in_funnel is None or fate.step <= first_in_funnel:
        return []
    benefits = [b for line in lines for b in line.product.benefits]
    picked = rng.sample(benefits, min(len(benefits), rng.randint(2, 4)))
    return [
        (pk, rng.choice(texts.CUSTOMER_NEEDS[kind]) if randomness.chance(0.8) else "")
        for pk, kind in picked
    ]


def _expected_close(fate: Fate, past: History, randomness: DemoRandom, today: date) -> date:
    """Closed deals: near the day they closed. Open ones: further off the earlier the stage, and
    one in ten has slipped past its date."""
    rng = randomness.rng
    if past.closed_at is not None:
        day = timezone.localtime(past.closed_at).date() + timedelta(days=rng.randint(-10, 10))
        return max(day, today - timedelta(days=91))
    if randomness.chance(0.1):
        return today - timedelta(days=rng.randint(1, 90))
    ahead = (fate.process.last - fate.step) * rng.randint(10, 28) + rng.randint(5, 40)
    return today + timedelta(days=min(ahead, 270))


def _name(account: DealAccount, main: CatalogueProduct, close: date, randomness: DemoRandom) -> str:
    rng = randomness.rng
    theme_zh, theme_en = rng.choice(main.spec.themes)
    phase_zh, phase_en = rng.choice(texts.PHASES)
    if account.english:
        return f"{theme_en.format(year=close.year)} {phase_en}".strip()
    return f"{rng.choice(texts.SITES)}{theme_zh.format(year=close.year)}{phase_zh}"


def _source_and_type(account: DealAccount, randomness: DemoRandom) -> tuple[str, str]:
    rng = randomness.rng
    state_share = 0.45 if account.industry in STATE_FUNDED_INDUSTRIES else 0.12
    project_type = (
        ProjectType.STATE_FUNDED if randomness.chance(state_share) else ProjectType.SELF_FUNDED
    )
    weights = dict(SOURCE_WEIGHTS)
    if account.status != AccountStatus.CUSTOMER:
        weights[Source.EXISTING_CUSTOMER] = 0
    if project_type == ProjectType.STATE_FUNDED:
        weights[Source.TENDER] += 25
    source = rng.choices(list(weights), weights=list(weights.values()))[0]
    return source, project_type


def _decision_cycle(fate: Fate) -> int:
    if fate.status in (Status.WON, Status.LOST):
        return DecisionCycleState.IMPLEMENTS  # with us, or with the competitor who won
    if fate.status == Status.ABANDONED:
        return DecisionCycleState.SATISFIED
    buying_stage = fate.process.stages[fate.step].buying_stage
    return CYCLE_BY_BUYING_STAGE.get(
        BuyingStage(buying_stage) if buying_stage else BuyingStage.INTENT,
        DecisionCycleState.RECOGNISES_PROBLEM,
    )


def _close_reason(fate: Fate, randomness: DemoRandom) -> str:
    rng = randomness.rng
    if fate.status == Status.WON:
        return rng.choice(texts.WON_REASONS) if randomness.chance(0.5) else ""
    if fate.status == Status.LOST:
        return rng.choice(texts.LOST_REASONS)
    if fate.status == Status.ABANDONED:
        return rng.choice(texts.ABANDONED_REASONS)
    return ""


def deal_build(
    account: DealAccount,
    fate: Fate,
    *,
    contacts: list[ContactRow],
    products: list[CatalogueProduct],
    randomness: DemoRandom,
    today: date,
) -> Deal:
    stage = fate.process.stages[fate.step]
    past = history(
        fate, randomness=randomness, today=today, may_skip=account.manager_id is not None
    )
    lines = _lines(account, products, randomness)
    amount = sum((line.total for line in lines), Decimal(0))
    competitors = _competitors(fate, randomness)
    highest = max(move.to_step for move in past.moves)
    answers = _qualification(fate, highest, randomness)
    people = _people(contacts, fate, randomness)
    proposal = _proposal(fate, lines, randomness)
    close = _expected_close(fate, past, randomness, today)
    source, project_type = _source_and_type(account, randomness)
    close_reason = _close_reason(fate, randomness)
    evidence = [
        texts.MILESTONE_EVIDENCE.get(check.milestone.text_en)
        or randomness.rng.choice(texts.GENERIC_EVIDENCE)
        if randomness.chance(0.7)
        else ""
        for check in past.checks
    ]
    forecast = FORECAST_BY_FUNNEL[FunnelState(stage.funnel_state)]
    opportunity = Opportunity(
        account_id=account.pk,
        name=_name(account, lines[0].product, close, randomness),
        amount=amount,
        cost=_cost(lines, randomness),
        expected_close_date=close,
        owner_id=account.owner_id,
        source=source,
        project_type=project_type,
        process_id=fate.process.pk,
        stage_id=stage.pk,
        stage_entered_at=past.stage_entered_at,
        status=fate.status,
        forecast_category=ForecastCategory.CLOSED if fate.status == Status.WON else forecast,
        our_position=_our_position(fate, competitors, randomness),
        favourable_factors=_factors(texts.FAVOURABLE_FACTORS, randomness),
        unfavourable_factors=_factors(texts.UNFAVOURABLE_FACTORS, randomness),
        decision_cycle_state=_decision_cycle(fate),
        close_reason=close_reason,
        won_by=competitors[0][0] if fate.status == Status.LOST and competitors else "",
        closed_at=past.closed_at,
        created_at=past.opened_at,
        updated_at=past.last_event,
        **answers,
    )
    writes = len(past.moves) + len(past.checks) + len(people) + len(competitors) + len(lines)
    opportunity.version = writes + (1 if past.closed_at else 0) + 1
    return Deal(
        account=account,
        fate=fate,
        history=past,
        opportunity=opportunity,
        lines=lines,
        competitors=competitors,
        people=people,
        proposal=proposal,
        evidence=evidence,
        close_reason=close_reason,
    )
