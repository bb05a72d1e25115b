"""How often each objection is met and overcome, per rep and per team, over a period; only the
activities the reader may see count."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from salesflow.activities.selectors.activities import objection_report
from salesflow.activities.services.activities import ObjectionMet

REPORT = reverse("playbook:objection_report")


@pytest.fixture
def calls(org, make_account, log_activity, objections):
    """rep1 (Shanghai): price met 3 times, overcome twice; budget met once, not overcome.
    rep2 (Shanghai): price met once, overcome. rep3 (Beijing): price met twice, overcome once.
    rep1 also met price 40 days ago (overcome), outside a 30-day period."""

    def call(rep, *met, days_ago=1):
        log_activity(
            org[rep],
            accounts[rep],
            occurred_at=timezone.now() - timedelta(days=days_ago),
            objections=[ObjectionMet(objection=objections[n], overcome=o) for n, o in met],
        )

    accounts = {rep: make_account(org[rep]) for rep in ("rep1", "rep2", "rep3")}
    call("rep1", (6, True), (5, False))
    call("rep1", (6, True))
    call("rep1", (6, False))
    call("rep2", (6, True))
    call("rep3", (6, True))
    call("rep3", (6, False))
    call("rep1", (6, True), days_ago=40)
    return objections


def period():
    today = timezone.localdate()
    return {"date_from": today - timedelta(days=29), "date_to": today}


def test_totals_per_objection(org, calls):
    report = objection_report(org["director"], **period())

    price, budget = report.by_objection[calls[6].pk], report.by_objection[calls[5].pk]
    assert (price.met, price.overcome, price.rate) == (6, 4, 66.7)
    assert (budget.met, budget.overcome, budget.rate) == (1, 0, 0.0)
    assert (report.total.met, report.total.overcome) == (7, 4)


def test_per_rep_and_per_team(org, calls):
    report = objection_report(org["director"], **period())

    reps = {row.label: (row.total.met, row.total.overcome) for row in report.by_rep}
    teams = {row.label: (row.total.met, row.total.overcome) for row in report.by_team}
    assert reps == {"rep1": (4, 2), "rep2": (1, 1), "rep3": (2, 1)}
    assert teams == {"Shanghai": (5, 3), "Beijing": (2, 1)}
    rep1 = next(row for row in report.by_rep if row.label == "rep1")
    price = rep1.tallies[[o.number for o in report.objections].index(6)]
    assert (price.met, price.overcome) == (3, 2)


def test_the_period_decides_what_counts(org, calls):
    today = timezone.localdate()

    report = objection_report(
        org["rep1"], date_from=today - timedelta(days=60), date_to=today - timedelta(days=30)
    )

    assert (report.total.met, report.total.overcome) == (1, 1)


def test_a_manager_counts_only_their_team(org, calls):
    report = objection_report(org["manager1"], **period())

    assert {row.label for row in report.by_rep} == {"rep1", "rep2"}
    assert report.by_objection[calls[6].pk].met == 4


def test_a_rep_counts_only_their_own(org, calls):
    report = objection_report(org["rep3"], **period())

    assert [(row.label, row.total.met) for row in report.by_rep] == [("rep3", 2)]


def test_a_never_met_objection_has_no_rate(org, calls):
    report = objection_report(org["director"], **period())

    assert report.by_objection.get(calls[1].pk) is None
    assert dict((o.number, t.rate) for o, t in report.objection_rows())[1] is None


def test_the_page_shows_the_tallies(org, calls, client_for):
    response = client_for(org["manager1"]).get(REPORT)

    html = response.content.decode()
    assert [row.label for row in response.context["report"].by_team] == ["Shanghai"]
    assert '<td class="num" data-testid="rate">80 %</td>' in html  # price: 4 of 5 in 90 days


def test_the_page_filters_by_rep(org, calls, client_for):
    response = client_for(org["director"]).get(REPORT, {"owner": org["rep3"].pk})

    assert [row.label for row in response.context["report"].by_rep] == ["rep3"]


@pytest.mark.parametrize("count", [5, 50])
def test_the_page_runs_a_constant_number_of_queries(
    org,
    make_account,
    log_activity,
    objections,
    client_for,
    count,
    django_assert_max_num_queries,
):
    accounts = {rep: make_account(org[rep]) for rep in ("rep1", "rep2", "rep3")}
    for n in range(count):
        rep = ("rep1", "rep2", "rep3")[n % 3]
        log_activity(
            org[rep],
            accounts[rep],
            objections=[ObjectionMet(objection=objections[1 + n % 7], overcome=n % 2 == 0)],
        )
    client = client_for(org["director"])

    with django_assert_max_num_queries(10):
        response = client.get(REPORT)

    assert response.status_code == 200
