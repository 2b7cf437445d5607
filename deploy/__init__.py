"""The production recipes: nginx in front of gunicorn."""
