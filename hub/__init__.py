"""Network Engagement Hub: a GraphQL service for a global network and its stakeholders."""

from __future__ import annotations

__version__ = "0.1.0"
