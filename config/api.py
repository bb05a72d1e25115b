"""The one NinjaAPI: /api/v1/. Each app contributes a router; auth and error shapes are shared."""

from ninja import NinjaAPI, Swagger
from ninja.operation import Operation

from salesflow.accounts.api import router as accounts_router
from salesflow.activities.api_activities import market_router as market_reports_router
from salesflow.activities.api_activities import router as activities_router
from salesflow.activities.api_cadence import router as cadence_router
from salesflow.activities.api_loop import plans_router as visit_plans_router
from salesflow.activities.api_loop import reports_router as daily_reports_router
from salesflow.contacts.api import router as contacts_router
from salesflow.core.api_support import BearerToken, SignedInSession, install_error_handlers
from salesflow.pipeline.api import processes_router
from salesflow.pipeline.api import router as opportunities_router
from salesflow.reports.api import router as reports_router
from salesflow.targets.api import progress_router as target_progress_router
from salesflow.targets.api import router as targets_router


class SalesflowAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        # The view's name ("list_accounts") is unique across routers and reads well in clients.
        return operation.view_func.__name__


api = SalesflowAPI(
    title="Salesflow API",
    version="1",
    urls_namespace="api",
    auth=[BearerToken(), SignedInSession()],
    # Swagger UI comes from ninja's own static files; no validator badge calling out.
    docs=Swagger(settings={"validatorUrl": None}),
)
install_error_handlers(api)
api.add_router("/accounts", accounts_router)
api.add_router("/contacts", contacts_router)
api.add_router("/processes", processes_router)
api.add_router("/opportunities", opportunities_router)
api.add_router("/reports", reports_router)
api.add_router("/reports/progress", target_progress_router)
api.add_router("/cadence", cadence_router)
api.add_router("/activities", activities_router)
api.add_router("/market-reports", market_reports_router)
api.add_router("/visit-plans", visit_plans_router)
api.add_router("/daily-reports", daily_reports_router)
api.add_router("/targets", targets_router)
