"""GET /api/v1/processes: the shipped processes with their stages and milestones, in order."""

import pytest
from django.test import Client

from salesflow.pipeline.models import SalesProcess

URL = "/api/v1/processes"


def test_every_active_process_is_listed_with_the_default_first(org, api_client_for):
    response = api_client_for(org["rep1"]).get(URL)

    assert response.status_code == 200
    processes = response.json()
    assert [p["key"] for p in processes][0] == "eight_step"
    assert {p["key"] for p in processes} == {"eight_step", "ten_step", "prospecting"}
    assert [p["is_default"] for p in processes] == [True, False, False]


def test_the_eight_step_process_reads_as_the_table_of_the_method(org, api_client_for):
    [eight] = [p for p in api_client_for(org["rep1"]).get(URL).json() if p["key"] == "eight_step"]

    stages = eight["stages"]
    assert [s["number"] for s in stages] == list(range(1, 9))
    assert [s["funnel_state"] for s in stages] == ["search"] * 2 + ["in_funnel"] * 3 + ["best"] * 3
    first = stages[0]
    assert set(first) == {
        "id", "number", "name", "customer_stage", "funnel_state", "probability", "milestones",
    }  # fmt: skip
    assert (first["name"], first["customer_stage"]) == (
        "Project initiation",
        "Finds a problem, states a need",
    )
    assert [m["text"] for m in first["milestones"]] == [
        "Project analysed",
        "Initiation approved internally",
    ]
    assert all(set(m) == {"id", "text"} for m in first["milestones"])
    assert [s["probability"] for s in stages] == sorted(s["probability"] for s in stages)


def test_names_follow_the_callers_language(org, api_client_for):
    client = api_client_for(org["rep1"])

    process = client.get(f"{URL}/eight_step", HTTP_ACCEPT_LANGUAGE="zh-hans").json()

    assert process["name"] == "销售推进八步流程"
    assert process["stages"][0]["milestones"][0]["text"] == "分析项目"


def test_a_process_is_found_by_key_or_by_id(org, api_client_for):
    client = api_client_for(org["rep1"])
    ten = SalesProcess.objects.get(key="ten_step")

    by_key = client.get(f"{URL}/ten_step")
    by_id = client.get(f"{URL}/{ten.pk}")

    assert by_key.status_code == by_id.status_code == 200
    assert by_key.json() == by_id.json()
    assert len(by_key.json()["stages"]) == 10


def test_an_unknown_process_is_not_found(org, api_client_for):
    response = api_client_for(org["rep1"]).get(f"{URL}/nine_step")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_retired_process_is_not_listed_but_still_readable(org, api_client_for):
    SalesProcess.objects.filter(key="prospecting").update(is_active=False)
    client = api_client_for(org["rep1"])

    listed = {p["key"] for p in client.get(URL).json()}

    assert "prospecting" not in listed
    assert client.get(f"{URL}/prospecting").status_code == 200


@pytest.mark.parametrize("path", [URL, f"{URL}/eight_step"])
def test_processes_need_a_signed_in_caller(db, path):
    assert Client().get(path).status_code == 401


def test_the_list_takes_a_constant_number_of_queries(
    org, api_client_for, django_assert_max_num_queries
):
    client = api_client_for(org["rep1"])

    with django_assert_max_num_queries(5):
        response = client.get(URL)

    assert sum(len(s["milestones"]) for p in response.json() for s in p["stages"]) > 20
