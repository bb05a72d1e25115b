"""What the accounts API reads and writes: one input schema per operation, one output schema."""

from datetime import datetime
from decimal import Decimal

from ninja import Field, Schema

from salesflow.accounts.models import Account, AccountStatus, KeyAccountType, Tier
from salesflow.core.api_support import PageQuery

Score = int | None


class AccountOut(Schema):
    id: int
    name: str
    credit_code: str | None
    industry: str
    region: str | None = Field(description="The region's name.")
    address: str
    website: str
    tier: Tier
    key_account_type: KeyAccountType
    annual_revenue: Decimal | None
    employees: int | None
    net_assets: Decimal | None
    owner: str = Field(description="The owner's username.")
    parent: int | None = Field(description="The parent account's id.")
    status: AccountStatus
    score_sales_potential: Score
    score_innovation: Score
    score_market_strength: Score
    score_financial_health: Score
    selection_score: int | None = Field(description="Total of the four scores; read-only.")
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_region(obj: Account) -> str | None:
        return obj.region.name if obj.region else None

    @staticmethod
    def resolve_owner(obj: Account) -> str:
        return obj.owner.username

    @staticmethod
    def resolve_parent(obj: Account) -> int | None:
        return obj.parent_id


class AccountPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[AccountOut]


class AccountListQuery(PageQuery):
    q: str = Field(
        "", description="Words to find in name, credit code, industry, address, contacts."
    )
    tier: Tier | None = None
    key_account_type: KeyAccountType | None = None
    region: str = Field("", description="A region's name.")
    owner: str = Field("", description="The owner's username.")
    industry: str = ""
    status: AccountStatus | None = None
    parent: int | None = Field(None, description="Only subsidiaries of this account id.")


class _AccountWritable(Schema):
    """Fields a client may set. On PATCH only the fields sent are changed."""

    name: str | None = None
    credit_code: str | None = None
    industry: str = ""
    region: str | None = Field(None, description="The name of an existing region.")
    address: str = ""
    website: str = ""
    tier: Tier | None = Field(None, description="Left out on create: suggested from size.")
    key_account_type: KeyAccountType = KeyAccountType.NONE
    annual_revenue: Decimal | None = None
    employees: int | None = None
    net_assets: Decimal | None = None
    owner: str | None = Field(None, description="A username; defaults to the caller on create.")
    parent: int | None = Field(None, description="The parent account's id.")
    status: AccountStatus = AccountStatus.PROSPECT
    score_sales_potential: Score = Field(None, ge=1, le=5)
    score_innovation: Score = Field(None, ge=1, le=5)
    score_market_strength: Score = Field(None, ge=1, le=5)
    score_financial_health: Score = Field(None, ge=1, le=5)


class AccountCreateIn(_AccountWritable):
    name: str


class AccountPatchIn(_AccountWritable):
    pass
