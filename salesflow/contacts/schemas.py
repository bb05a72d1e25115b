"""What the contacts API reads and writes: one input schema per operation, one output schema."""

from typing import Any

from ninja import Field, Schema
from pydantic import field_validator

from salesflow.contacts.models import Attitude, BuyingRole, Contact, DecisionRole, Relationship
from salesflow.contacts.social_styles import SocialStyle
from salesflow.core.api_support import PageQuery


class ContactOut(Schema):
    id: int
    account: int = Field(description="The account's id.")
    name: str
    title: str
    department: str
    mobile: str
    phone: str
    email: str
    wechat: str
    reports_to: int | None = Field(description="The id of the contact this person reports to.")
    buying_role: BuyingRole | None
    decision_role: DecisionRole | None
    attitude: Attitude | None
    meets_personal_needs: bool
    meets_org_needs: bool
    relationship: Relationship = Field(description="From the needs matrix; read-only.")
    social_style: SocialStyle | None
    is_ally: bool
    view_of_need: str
    view_of_us: str
    view_of_competitors: str
    buying_criteria: str
    our_strategy: str

    @staticmethod
    def resolve_account(obj: Contact) -> int:
        return obj.account_id

    @staticmethod
    def resolve_reports_to(obj: Contact) -> int | None:
        return obj.reports_to_id

    @field_validator("buying_role", "decision_role", "attitude", "social_style", mode="before")
    @classmethod
    def unset_is_null(cls, value: Any) -> Any:
        return value or None


class ContactPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[ContactOut]


class ContactListQuery(PageQuery):
    q: str = Field("", description="Words to find in name, title, department, email, mobile.")
    account: int | None = Field(None, description="Only contacts at this account id.")
    decision_role: DecisionRole | None = None
    attitude: Attitude | None = None
    is_ally: bool | None = None


class _ContactWritable(Schema):
    """Fields a client may set. On PATCH only the fields sent are changed; null clears a choice."""

    account: int | None = Field(None, description="The account's id.")
    name: str | None = None
    title: str = ""
    department: str = ""
    mobile: str = ""
    phone: str = ""
    email: str = ""
    wechat: str = ""
    reports_to: int | None = Field(None, description="The id of a contact at the same account.")
    buying_role: BuyingRole | None = None
    decision_role: DecisionRole | None = None
    attitude: Attitude | None = None
    meets_personal_needs: bool = False
    meets_org_needs: bool = False
    social_style: SocialStyle | None = None
    is_ally: bool = False
    view_of_need: str = ""
    view_of_us: str = ""
    view_of_competitors: str = ""
    buying_criteria: str = ""
    our_strategy: str = ""


class ContactCreateIn(_ContactWritable):
    account: int = Field(description="The account's id.")
    name: str


class ContactPatchIn(_ContactWritable):
    pass
