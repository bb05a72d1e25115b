"""Shared test fixtures: people in an organisation, accounts built through the real services,
an API client, and a Chromium page driven by Playwright."""

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from salesflow.accounts.models import Account
from salesflow.accounts.services import account_create
from salesflow.contacts.models import Contact
from salesflow.contacts.services import contact_create
from salesflow.org.models import Region, Team
from salesflow.users.models import Role, User
from salesflow.users.services import api_token_create, user_create

PASSWORD = "correct-horse-42"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Real hashing is slow by design; tests only need passwords to round-trip."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_user(db: Any) -> Callable[..., User]:
    counter = {"n": 0}

    def make(
        role: str = Role.REP,
        *,
        username: str | None = None,
        supervisor: User | None = None,
        team: Team | None = None,
        **extra: Any,
    ) -> User:
        counter["n"] += 1
        user = user_create(
            username=username or f"{role}{counter['n']}",
            role=role,
            password=PASSWORD,
            supervisor=supervisor,
            team=team,
        )
        for key, value in extra.items():
            setattr(user, key, value)
        if extra:
            user.save()
        return user

    return make


@pytest.fixture
def org(make_user: Callable[..., User]) -> dict[str, Any]:
    """A director; two managers; rep1 and rep2 under manager1, rep3 under manager2."""
    region = Region.objects.create(name="East")
    team1 = Team.objects.create(name="Shanghai", region=region)
    team2 = Team.objects.create(name="Beijing")
    director = make_user(Role.DIRECTOR, username="director")
    manager1 = make_user(Role.MANAGER, username="manager1", supervisor=director, team=team1)
    manager2 = make_user(Role.MANAGER, username="manager2", supervisor=director, team=team2)
    rep1 = make_user(Role.REP, username="rep1", supervisor=manager1, team=team1)
    rep2 = make_user(Role.REP, username="rep2", supervisor=manager1, team=team1)
    rep3 = make_user(Role.REP, username="rep3", supervisor=manager2, team=team2)
    return {
        "region": region,
        "team1": team1,
        "team2": team2,
        "director": director,
        "manager1": manager1,
        "manager2": manager2,
        "rep1": rep1,
        "rep2": rep2,
        "rep3": rep3,
    }


@pytest.fixture
def make_account(db: Any) -> Callable[..., Account]:
    counter = {"n": 0}

    def make(owner: User, **fields: Any) -> Account:
        counter["n"] += 1
        fields.setdefault("name", f"Account {counter['n']}")
        return account_create(acting_user=owner, owner=owner, **fields)

    return make


@pytest.fixture
def make_contact(db: Any) -> Callable[..., Contact]:
    counter = {"n": 0}

    def make(account: Account, **fields: Any) -> Contact:
        counter["n"] += 1
        fields.setdefault("name", f"Contact {counter['n']}")
        return contact_create(acting_user=account.owner, account=account, **fields)

    return make


@pytest.fixture
def client_for() -> Callable[[User], Client]:
    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def api_client_for() -> Callable[[User], Client]:
    """A test client that sends `Authorization: Bearer <token>` for the user."""

    def make(user: User) -> Client:
        _token, raw = api_token_create(user=user, name="test")
        return Client(headers={"Authorization": f"Bearer {raw}"})

    return make


# --- Browser tests -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, live_server: Any, request: Any) -> Iterator[Any]:
    """A fresh browser context (English unless a test sets a locale) on the live server."""
    locale = getattr(request, "param", "en-US")
    context = browser.new_context(
        locale=locale, base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15000)
    page = context.new_page()
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Iterator[None]:
    outcome = yield
    rep = outcome.get_result()  # type: ignore[attr-defined]
    setattr(item, "rep_" + rep.when, rep)


@pytest.fixture
def sign_in(live_server: Any) -> Callable[[Any, User], None]:
    def do(page: Any, user: User) -> None:
        page.goto("/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("form button[type=submit].primary")
        page.wait_for_url(f"{live_server.url}/")

    return do
