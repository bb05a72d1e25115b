"""Demo contacts: a full buying centre per account (§4), with an org chart two or three levels deep.

The decision maker heads the chart; the technical, financial and management recommenders report to
them; influencers and users report to a recommender (or, at some small accounts, straight to the
decision maker). Contacts are bulk-created level by level so each level knows its managers' ids.
"""

import dataclasses
from dataclasses import dataclass

from salesflow.accounts.models import KeyAccountType, Tier
from salesflow.contacts.models import Attitude, BuyingRole, Contact, DecisionRole
from salesflow.contacts.social_styles import SocialStyle
from salesflow.core.demo import stakeholder_texts as texts
from salesflow.core.demo.accounts import AccountSeed
from salesflow.core.demo.fakes import DemoRandom

BATCH = 500
ACCOUNTS_PER_CHUNK = 500


@dataclass(frozen=True)
class Post:
    title: str
    title_en: str
    department: str
    buying_role: str
    decision_role: str

    @property
    def department_en(self) -> str:
        return DEPARTMENTS_EN[self.department]


DEPARTMENTS_EN = {
    "总经办": "General Management",
    "董事会": "Board",
    "总裁办": "Executive Office",
    "技术中心": "Technology",
    "信息中心": "IT",
    "工程部": "Engineering",
    "设计院": "Design Institute",
    "项目管理部": "PMO",
    "财务部": "Finance",
    "采购部": "Procurement",
    "质量部": "Quality",
    "运营管理部": "Operations",
    "生产部": "Production",
    "集团总部": "Group HQ",
    "外部": "External",
}


def posts(decision_role: str, rows: list[tuple[str, str, str, str]]) -> tuple[Post, ...]:
    """Posts from (title, English title, department, buying-centre role) rows."""
    return tuple(Post(*row, decision_role=decision_role) for row in rows)


B, D = BuyingRole, DecisionRole
DECISION_MAKERS = posts(
    D.DECISION_MAKER,
    [
        ("总经理", "General Manager", "总经办", B.SENIOR_LEADER),
        ("董事长", "Chairman", "董事会", B.SENIOR_LEADER),
        ("副总裁", "Vice President", "总裁办", B.SENIOR_LEADER),
    ],
)
# The three recommenders, each with the people who usually report to them.
BRANCHES: tuple[tuple[tuple[Post, ...], tuple[Post, ...]], ...] = (
    (
        posts(
            D.TECHNICAL_RECOMMENDER,
            [
                ("技术总监", "CTO", "技术中心", B.PROJECT_LEAD),
                ("信息中心主任", "Head of IT", "信息中心", B.USER),
                ("总工程师", "Chief Engineer", "工程部", B.PROJECT_LEAD),
            ],
        ),
        posts(
            D.INFLUENCER,
            [
                ("IT经理", "IT Manager", "信息中心", B.USER),
                ("系统工程师", "Systems Engineer", "信息中心", B.USER),
                ("设计院项目工程师", "Design Institute Engineer", "设计院", B.DESIGN_INSTITUTE),
                ("项目经理", "Project Manager", "项目管理部", B.PROJECT_LEAD),
            ],
        ),
    ),
    (
        posts(
            D.FINANCIAL_RECOMMENDER,
            [
                ("财务总监", "CFO", "财务部", B.GATEKEEPER),
                ("财务经理", "Finance Manager", "财务部", B.GATEKEEPER),
                ("采购总监", "Head of Procurement", "采购部", B.PURCHASER),
            ],
        ),
        posts(
            D.INFLUENCER,
            [
                ("采购经理", "Procurement Manager", "采购部", B.PURCHASER),
                ("采购专员", "Buyer", "采购部", B.PURCHASER),
                ("供应商资质审核", "Supplier Qualification", "质量部", B.GATEKEEPER),
            ],
        ),
    ),
    (
        posts(
            D.MANAGEMENT_RECOMMENDER,
            [
                ("副总经理", "Deputy General Manager", "总经办", B.SENIOR_LEADER),
                ("运营总监", "COO", "运营管理部", B.PROJECT_LEAD),
                ("项目总监", "Programme Director", "项目管理部", B.PROJECT_LEAD),
            ],
        ),
        posts(
            D.INFLUENCER,
            [
                ("生产经理", "Production Manager", "生产部", B.USER),
                ("车间主任", "Workshop Head", "生产部", B.USER),
                ("质量经理", "Quality Manager", "质量部", B.GATEKEEPER),
                ("总经理助理", "Assistant to the GM", "总经办", B.GATEKEEPER),
            ],
        ),
    ),
)
(SUPERIOR_AUTHORITY,) = posts(
    D.INFLUENCER, [("集团分管领导", "Group Executive", "集团总部", B.SUPERIOR_AUTHORITY)]
)
(COMPETITOR,) = posts(
    D.INFLUENCER, [("竞品厂商驻场代表", "Competitor's on-site rep", "外部", B.COMPETITOR)]
)

# (fewest, most) contacts per account, by key-account type or, for ordinary accounts, by tier.
HEADCOUNT: dict[str, tuple[int, int]] = {
    KeyAccountType.GLOBAL: (14, 20),
    KeyAccountType.NATIONAL: (12, 16),
    KeyAccountType.REGIONAL: (9, 13),
    Tier.A: (7, 10),
    Tier.B: (6, 8),
    Tier.C: (5, 6),
}
ATTITUDE_WEIGHTS = {
    Attitude.ACCEPTS: 30,
    Attitude.DOUBTS: 25,
    Attitude.INDIFFERENT: 25,
    Attitude.RESISTS: 12,
    Attitude.HOSTILE: 8,
}
ATTITUDES, ATTITUDE_ODDS = tuple(ATTITUDE_WEIGHTS), tuple(ATTITUDE_WEIGHTS.values())
# Chance that our offer meets the (personal, organisational) needs of a person with this attitude.
NEEDS_MET = {
    Attitude.ACCEPTS: (0.7, 0.8),
    Attitude.DOUBTS: (0.4, 0.5),
    Attitude.INDIFFERENT: (0.3, 0.3),
    Attitude.RESISTS: (0.2, 0.3),
    Attitude.HOSTILE: (0.1, 0.1),
}
ALLY_CHANCE = {"key": 0.85, Tier.A: 0.3, Tier.B: 0.25, Tier.C: 0.1}


@dataclass(frozen=True)
class Slot:
    post: Post
    level: int
    boss: int | None  # index of the manager in the same roster
    ally: bool = False
    # Some staff are in the org chart without a say in this decision.
    has_say: bool = True


def roster(seed: AccountSeed, randomness: DemoRandom) -> list[Slot]:
    """Who is in this account's buying centre and who reports to whom."""
    rng = randomness.rng
    is_key = seed.key_account_type != KeyAccountType.NONE
    low, high = HEADCOUNT[seed.key_account_type if is_key else seed.tier]
    headcount = rng.randint(low, high)
    slots = [Slot(rng.choice(DECISION_MAKERS), 1, None)]
    heads = []
    for heads_posts, _staff in BRANCHES:
        heads.append(len(slots))
        slots.append(Slot(rng.choice(heads_posts), 2, 0))
    if is_key and randomness.chance(0.3):
        slots.append(Slot(SUPERIOR_AUTHORITY, 1, None))
    if is_key and randomness.chance(0.15):
        slots.append(Slot(COMPETITOR, 1, None))
    flat = seed.tier == Tier.C and not is_key and randomness.chance(0.5)
    first_staff = len(slots)
    while len(slots) < headcount:
        branch = rng.randrange(len(BRANCHES))
        post = rng.choice(BRANCHES[branch][1])
        # The first of the staff always influences the decision, so every centre has an influencer.
        has_say = len(slots) == first_staff or randomness.chance(0.9)
        level, boss = (2, 0) if flat else (3, heads[branch])
        slots.append(Slot(post, level, boss, has_say=has_say))
    chance = ALLY_CHANCE["key" if is_key else seed.tier]
    if randomness.chance(chance):
        candidates = [
            i for i, s in enumerate(slots) if s.level > 1 and s.post.buying_role != B.COMPETITOR
        ]
        pick = rng.choice(candidates)
        slots[pick] = dataclasses.replace(slots[pick], ally=True)
    return slots


def _contact(seed: AccountSeed, slot: Slot, randomness: DemoRandom, *, full_sheet: bool) -> Contact:
    rng, zh = randomness.rng, randomness.zh
    english = randomness.chance(0.4 if seed.english else 0.03)
    given, family = randomness.person_name(english=english)
    post = slot.post
    if slot.ally:
        attitude = Attitude.ACCEPTS
        personal, organisational = True, randomness.chance(0.7)
    elif post.buying_role == B.COMPETITOR:
        attitude = rng.choice((Attitude.HOSTILE, Attitude.RESISTS))
        personal = organisational = False
    else:
        attitude = rng.choices(ATTITUDES, weights=ATTITUDE_ODDS)[0]
        p_personal, p_org = NEEDS_MET[attitude]
        personal, organisational = randomness.chance(p_personal), randomness.chance(p_org)
    style = rng.choice(SocialStyle.values)
    area = seed.city.area_code
    if english:
        local = "".join(c for c in f"{given}.{family}".lower() if c.isalnum() or c == ".")
    else:
        local = zh.user_name()
    contact = Contact(
        account_id=seed.pk,
        name=f"{given} {family}" if english else f"{family}{given}",
        title=post.title_en if seed.english else post.title,
        department=post.department_en if seed.english else post.department,
        mobile=zh.phone_number(),
        phone=f"{area}-{randomness.digits(8 if len(area) == 3 else 7)}",
        email=f"{local}@{seed.domain}" if randomness.chance(0.7) else "",
        wechat=f"{zh.user_name()}{randomness.digits(2)}" if randomness.chance(0.5) else "",
        buying_role=post.buying_role,
        decision_role=post.decision_role if slot.has_say else "",
        attitude=attitude,
        meets_personal_needs=personal,
        meets_org_needs=organisational,
        social_style=style,
        is_ally=slot.ally,
    )
    if post is COMPETITOR:
        contact.view_of_us = texts.COMPETITOR_VIEW_OF_US
        contact.our_strategy = texts.COMPETITOR_STRATEGY
    elif full_sheet or slot.level < 3:
        # A superior authority judges the project as the decision maker would.
        role = D.DECISION_MAKER if post is SUPERIOR_AUTHORITY else post.decision_role
        contact.view_of_need = rng.choice(texts.VIEW_OF_NEED[role])
        contact.view_of_us = rng.choice(texts.VIEW_OF_US[attitude])
        contact.view_of_competitors = rng.choice(texts.VIEW_OF_COMPETITORS)
        contact.buying_criteria = rng.choice(texts.BUYING_CRITERIA[role])
        contact.our_strategy = (
            rng.choice(texts.STRATEGY_BY_ATTITUDE[attitude]) + texts.STRATEGY_BY_STYLE[style]
        )
    return contact


def contacts_create(*, seeds: list[AccountSeed], randomness: DemoRandom) -> int:
    created = 0
    for start in range(0, len(seeds), ACCOUNTS_PER_CHUNK):
        by_level: dict[int, list[tuple[Slot, Contact, list[Contact]]]] = {1: [], 2: [], 3: []}
        for seed in seeds[start : start + ACCOUNTS_PER_CHUNK]:
            slots = roster(seed, randomness)
            full_sheet = seed.key_account_type != KeyAccountType.NONE or seed.tier == Tier.A
            people = [_contact(seed, slot, randomness, full_sheet=full_sheet) for slot in slots]
            for slot, person in zip(slots, people, strict=True):
                by_level[slot.level].append((slot, person, people))
        for level in (1, 2, 3):
            rows = by_level[level]
            for slot, person, people in rows:
                if slot.boss is not None:
                    person.reports_to_id = people[slot.boss].pk
            Contact.objects.bulk_create(
                [person for _slot, person, _people in rows], batch_size=BATCH
            )
            created += len(rows)
    return created
