from salesflow.pipeline.urls_board import urlpatterns as board_urls
from salesflow.pipeline.urls_opportunities import urlpatterns as opportunity_urls

app_name = "pipeline"
urlpatterns = opportunity_urls + board_urls
