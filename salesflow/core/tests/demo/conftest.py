"""Running the demo command at a tiny scale, reading back what it built, and emptying the
database between two builds."""

from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from salesflow.accounts.models import Account, AccountTeamMember
from salesflow.activities.models import Activity, DailyReport, MarketReport, VisitPlan
from salesflow.contacts.models import Contact
from salesflow.org.models import Region, Team
from salesflow.pipeline.models import Opportunity
from salesflow.targets.models import Payment, Target
from salesflow.users.models import User

TINY = "0.1"


@pytest.fixture
def run_demo(db: Any) -> Callable[..., str]:
    """Runs `salesflow demo` with the given options; returns what it printed."""

    def run(*args: str) -> str:
        out = StringIO()
        call_command("demo", *args, stdout=out)
        return out.getvalue()

    return run


@pytest.fixture
def tiny_demo(run_demo: Callable[..., str]) -> str:
    return run_demo("--scale", TINY, "--seed", "7")


def _empty_the_database() -> None:
    """What `flush` does, in an order that works inside the test's transaction on PostgreSQL too
    (TRUNCATE is refused there while deferred foreign-key checks are pending). The product
    catalogue and the processes stay: a second demo uses them as they are."""
    Payment.objects.all().delete()
    while Target.objects.exists():  # parts before their targets
        Target.objects.filter(parts__isnull=True).delete()
    MarketReport.objects.all().delete()
    DailyReport.objects.all().delete()
    VisitPlan.objects.all().delete()
    Activity.objects.all().delete()
    Opportunity.objects.all().delete()
    Contact.objects.update(reports_to=None)
    Contact.objects.all().delete()
    AccountTeamMember.objects.all().delete()
    Account.objects.update(parent=None)
    Account.objects.all().delete()
    User.objects.update(supervisor=None)
    User.objects.all().delete()
    Team.objects.all().delete()
    Region.objects.all().delete()


@pytest.fixture
def empty_the_database(db: Any) -> Callable[[], None]:
    return _empty_the_database
