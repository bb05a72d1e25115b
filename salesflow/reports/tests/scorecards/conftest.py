from salesflow.reports.tests.closing import activity_at, lose, report_day  # noqa: F401
