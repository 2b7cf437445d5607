"""HTTP plumbing that knows no domain: problem documents, headers, ETags, JSON in and out,
pagination, rate limits, the docs and the OpenAPI document, the request's session."""
