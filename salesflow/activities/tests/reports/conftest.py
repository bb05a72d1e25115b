from salesflow.activities.tests.loop_fixtures import *  # noqa: F403
