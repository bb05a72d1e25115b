"""What DATABASE_URL turns into. Settings are read in a fresh interpreter each time."""

import json
import os
import subprocess
import sys


def database_options(url: str) -> dict[str, object]:
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
    )
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_postgresql_runs_without_the_jit_compiler_which_slows_the_reports():
    options = database_options("postgres://postgres@127.0.0.1:5432/salesflow")

    assert options["options"] == "-c jit=off"


def test_options_in_the_url_are_kept_as_given():
    options = database_options(
        "postgres://postgres@127.0.0.1:5432/salesflow?options=-c%20statement_timeout%3D5000"
    )

    assert options["options"] == "-c statement_timeout=5000"


def test_sqlite_waits_for_a_busy_database_instead_of_failing_at_once():
    options = database_options("sqlite:////tmp/salesflow-settings-test.sqlite3")

    assert options["timeout"] == 20
