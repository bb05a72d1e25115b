"""Screens of the playbook app: the FAB library, proposal outlines and the process editor."""
