"""The home page's "My targets": the targets of the user's own level running now."""

from django.utils import timezone

from salesflow.targets.tests.conftest import shanghai

TODAY = timezone.localdate()
MONTH = f"{TODAY:%Y-%m}"


def test_a_rep_sees_their_months_target_with_its_progress_on_home(org, set_target, won, client_for):
    won(org["rep1"], 30_000, at=shanghai(TODAY.year, TODAY.month, 1, 9))
    set_target(org["rep1"], MONTH, 60_000)

    html = client_for(org["rep1"]).get("/").content.decode()

    section = html.split('id="my-targets"', 1)[1].split("</section>", 1)[0]
    assert "My targets" in html
    assert f"Sales revenue · {MONTH}" in section
    assert "50.0%" in section


def test_a_manager_sees_the_teams_targets_and_not_the_reps(org, set_target, client_for):
    team = set_target(org["team1"], MONTH, 200_000)
    set_target(org["rep1"], MONTH, 80_000, parent=team)

    response = client_for(org["manager1"]).get("/")

    assert [p.holder.key for p in response.context["my_targets"]] == [f"team:{org['team1'].pk}"]
    assert "My team's targets" in response.content.decode()


def test_without_targets_home_says_so(org, client_for):
    html = client_for(org["director"]).get("/").content.decode()

    assert "No targets running now." in html
