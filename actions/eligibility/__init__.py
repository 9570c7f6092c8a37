"""Eligibility and fee engine for the routes to "humanitair niet tijdelijk". Plain Python, no Rasa."""

from .assessment import assess
from .knowledge import KnowledgeError, laad_kennis

__all__ = ["assess", "laad_kennis", "KnowledgeError"]
