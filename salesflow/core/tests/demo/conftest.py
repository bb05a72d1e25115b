"""Running the demo command at a tiny scale, and reading back what it built."""

from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

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
