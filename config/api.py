"""The one NinjaAPI: /api/v1/. Each app contributes a router."""

from ninja import NinjaAPI

api = NinjaAPI(title="Salesflow API", version="1", urls_namespace="api")
