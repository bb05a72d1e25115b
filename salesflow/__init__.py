"""Salesflow: a sales-process CRM for B2B teams that sell to key accounts."""
