"""The rep scorecard: its figures on hand-counted data, who may read it, exports and queries."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from salesflow.reports.forms_analytics import Window
from salesflow.reports.scorecards import due_working_days, scorecard
from salesflow.reports.tests.closing import local
from salesflow.targets.holders import Holder
from salesflow.targets.models import HolderKind, Metric
from salesflow.targets.services import target_create
from salesflow.users.models import User

MARCH = Window(date(2024, 3, 1), date(2024, 3, 31))
MARCH_QUERY = {"start": "2024-03-01", "end": "2024-03-31"}


def scorecard_url(username: str) -> str:
    return reverse("reports:scorecard_of", args=[username])


@pytest.fixture
def march_of_rep1(org, make_deal, win, lose, make_account, activity_at, report_day):
    """rep1's March 2024: two deals won (¥30,000 + ¥20,000), one lost; three calls and an hour's
    visit; reports on time on 1 and 4 March, late on 5 March, and one on Saturday 2 March.
    rep1 joined at the start of the year."""
    rep = org["rep1"]
    User.objects.filter(pk=rep.pk).update(date_joined=local(date(2024, 1, 2)))
    win(make_deal(rep, amount=Decimal("30000")), at=local(date(2024, 3, 4)))
    win(make_deal(rep, amount=Decimal("20000")), at=local(date(2024, 3, 28)))
    lose(make_deal(rep), at=local(date(2024, 3, 12)))
    win(make_deal(rep, amount=Decimal("55555")), at=local(date(2024, 4, 1)))
    account = make_account(rep)
    for day in (4, 5, 6):
        activity_at(rep, account, local(date(2024, 3, day)), kind="call", minutes=10)
    activity_at(rep, account, local(date(2024, 3, 7)), kind="visit", minutes=60)
    activity_at(rep, account, local(date(2024, 4, 2)), kind="call")
    report_day(rep, date(2024, 3, 1))
    report_day(rep, date(2024, 3, 2))
    report_day(rep, date(2024, 3, 4))
    report_day(rep, date(2024, 3, 5), on_time=False)
    return rep


def test_revenue_deals_and_activities_are_counted_in_the_period(org, march_of_rep1):
    card = scorecard(org["manager1"], person=march_of_rep1, window=MARCH)

    assert card.results.won_amount == Decimal("50000.00")
    assert (card.results.won, card.results.lost) == (2, 1)
    assert card.results.win_rate == Decimal("66.7")
    assert card.results.average_deal == Decimal("25000.00")
    counts = {row.kind: row.count for row in card.activities}
    assert counts["call"] == 3 and counts["visit"] == 1 and counts["meeting"] == 0
    assert card.activity_total == 4
    assert card.hours == Decimal("1.5")


def test_revenue_is_measured_against_the_reps_target_for_that_month(org, march_of_rep1):
    target_create(
        acting_user=org["director"],
        metric=Metric.REVENUE,
        period="2024-03",
        holder=Holder(HolderKind.REP, march_of_rep1),
        amount=Decimal("100000"),
    )

    card = scorecard(org["manager1"], person=march_of_rep1, window=MARCH)
    quarter = scorecard(
        org["manager1"], person=march_of_rep1, window=Window(date(2024, 1, 1), date(2024, 3, 31))
    )

    assert card.target == Decimal("100000.00")
    assert card.achievement == Decimal("50.0")
    assert quarter.target is None and quarter.achievement is None
    assert quarter.period_key == "2024-Q1"


def test_report_punctuality_counts_due_working_days_on_time_late_and_missing(org, march_of_rep1):
    card = scorecard(org["manager1"], person=march_of_rep1, window=MARCH)

    punctuality = card.punctuality
    assert punctuality.due == 21  # the weekdays of March 2024
    assert punctuality.submitted == 4
    assert (punctuality.on_time, punctuality.late) == (3, 1)
    assert punctuality.missing == 18  # the Saturday report covers no working day


def test_no_report_is_due_from_before_the_rep_joined(org, report_day):
    rep = org["rep2"]
    User.objects.filter(pk=rep.pk).update(date_joined=local(date(2024, 3, 25), 9))
    report_day(rep, date(2024, 3, 25))

    card = scorecard(org["director"], person=rep, window=MARCH)

    assert card.punctuality.due == 5  # Monday 25 to Friday 29 March
    assert card.punctuality.missing == 4


def test_a_days_report_is_due_only_after_its_cut_off_hour(settings):
    settings.DAILY_REPORT_CUTOFF_HOUR = 21
    friday = Window(date(2024, 3, 1), date(2024, 3, 3))

    before = due_working_days(friday, now=local(date(2024, 3, 1), 20, 59))
    after = due_working_days(friday, now=local(date(2024, 3, 1), 21, 0))
    weekend = due_working_days(friday, now=local(date(2024, 3, 4)))

    assert (before, after, weekend) == ([], [date(2024, 3, 1)], [date(2024, 3, 1)])


def test_the_page_shows_the_figures_and_says_satisfaction_is_not_measured_yet(
    org, march_of_rep1, client_for
):
    response = client_for(march_of_rep1).get(reverse("reports:scorecard"), MARCH_QUERY)

    assert response.status_code == 200
    html = response.content.decode()
    assert "¥50,000" in html
    assert "Target —" in html
    missing = html.split('data-figure-name="missing"', 1)[1].split("</dd>", 1)[0]
    assert missing.endswith("18")
    satisfaction = html.split('id="scorecard-satisfaction"', 1)[1].split("</section>", 1)[0]
    assert "—" in satisfaction and "Not measured yet" in satisfaction


@pytest.mark.parametrize(
    ("reader", "person", "status"),
    [
        ("rep1", "rep1", 200),
        ("rep1", "rep2", 404),
        ("manager1", "rep1", 200),
        ("manager1", "rep3", 404),
        ("manager2", "rep1", 404),
        ("director", "rep3", 200),
        ("director", "nobody", 404),
    ],
)
def test_a_rep_reads_their_own_a_manager_their_reps_a_director_everyones(
    org, client_for, reader, person, status
):
    response = client_for(org[reader]).get(scorecard_url(person))

    assert response.status_code == status


def test_a_hidden_scorecard_is_404_by_the_person_parameter_too(org, client_for):
    response = client_for(org["rep1"]).get(reverse("reports:scorecard"), {"person": "rep2"})

    assert response.status_code == 404


def test_a_manager_picks_the_person_from_the_people_they_see(org, client_for):
    response = client_for(org["manager1"]).get(reverse("reports:scorecard"), {"person": "rep2"})

    html = response.content.decode()
    assert "Scorecard: rep2" in html
    picker = html.split('name="person"', 1)[1].split("</select>", 1)[0]
    assert 'value="rep1"' in picker and 'value="rep3"' not in picker


def test_the_csv_export_lists_each_measure(org, march_of_rep1, client_for):
    response = client_for(org["manager1"]).get(
        scorecard_url("rep1"), MARCH_QUERY | {"format": "csv"}
    )

    rows = dict(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows["Revenue won (¥)"] == "50000.00"
    assert rows["Deals won"] == "2"
    assert rows["Reports missing"] == "18"
    assert rows["Customer satisfaction"] == "Not measured yet"
    assert "scorecard-rep1-2024-03-01_2024-03-31.csv" in response["Content-Disposition"]


def test_the_page_runs_a_constant_number_of_queries(
    org, make_account, activity_at, report_day, client_for, django_assert_max_num_queries
):
    rep = org["rep1"]
    account = make_account(rep)
    client = client_for(org["manager1"])

    def log(count: int) -> None:
        for n in range(count):
            activity_at(rep, account, local(date(2024, 3, 1 + n % 28)), kind="call")

    log(5)
    with django_assert_max_num_queries(10):
        client.get(scorecard_url("rep1"), MARCH_QUERY)
    log(45)
    for day in range(1, 29):
        report_day(rep, date(2024, 3, day))
    with django_assert_max_num_queries(10):
        assert client.get(scorecard_url("rep1"), MARCH_QUERY).status_code == 200
