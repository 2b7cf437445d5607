"""The HTML pages (api/pages) in a real browser."""
