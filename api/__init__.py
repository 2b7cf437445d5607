"""Stances: who said what about a policy question, over HTTP/JSON."""

from api.app import create_app

__all__ = ["create_app"]
