"""Render deploy/nginx.conf: fill in where nginx listens, where gunicorn is, and the directory
that holds everything nginx writes.

    python deploy/render.py --listen 8080 --upstream 127.0.0.1:8000 \
        --prefix /var/cache/stances-nginx > /var/cache/stances-nginx/nginx.conf
    nginx -p /var/cache/stances-nginx -c /var/cache/stances-nginx/nginx.conf

Placeholders are `${NAME}` in capitals; nginx's own variables (`$host`, `${host}`) are lower
case and left alone. A placeholder with no value, or a value that would change the syntax of
the configuration, is an error.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx.conf"
PLACEHOLDER = re.compile(r"\$\{([A-Z][A-Z0-9_]*)\}")
# Characters that would end a directive, open a block, quote or start a variable or comment.
UNSAFE = re.compile(r"[\s;{}\"'$#\\]")
LISTEN = re.compile(r"(?:(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):)?(\d{1,5})")
UPSTREAM = re.compile(r"(?:unix:/\S+|(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5})")
USER = re.compile(r"[a-z_][a-z0-9_-]*(?: [a-z_][a-z0-9_-]*)?")


def _checked(name: str, value: str, shape: re.Pattern[str] | None = None) -> str:
    if not value or UNSAFE.search(value):
        raise ValueError(f"{name}: {value!r} cannot go into nginx.conf as it is")
    if shape is not None and not shape.fullmatch(value):
        raise ValueError(f"{name}: {value!r} is not of the expected form")
    return value


def render(
    listen: int | str,
    upstream: str,
    prefix: Path | str,
    *,
    user: str | None = None,
    template: str | None = None,
) -> str:
    """The configuration, ready for `nginx -p PREFIX -c FILE`.

    listen: a port, or "address:port". upstream: gunicorn's "host:port" or "unix:/path".
    prefix: an absolute directory for the pid, logs, temp files and cache. user: the user (and
    optionally group, "user group") nginx's workers run as when started by root; nginx's
    default is `nobody`.
    """
    listen = _checked("listen", str(listen), LISTEN)
    port = int(LISTEN.fullmatch(listen).group(1))  # type: ignore[union-attr]
    if not 0 < port < 65536:
        raise ValueError(f"listen: port {port} is out of range")
    prefix_path = Path(prefix)
    if not prefix_path.is_absolute():
        raise ValueError(f"prefix: {prefix!r} must be an absolute path")
    values = {
        "LISTEN": listen,
        "UPSTREAM": _checked("upstream", upstream, UPSTREAM),
        "PREFIX": _checked("prefix", str(prefix_path).rstrip("/") or "/"),
    }
    text = TEMPLATE.read_text(encoding="utf-8") if template is None else template

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise ValueError(f"the template asks for ${{{name}}}, which has no value")
        return values[name]

    rendered = PLACEHOLDER.sub(fill, text)
    if user is not None:
        if not USER.fullmatch(user):
            raise ValueError(f"user: {user!r} is not a user name (or 'user group')")
        rendered = f"user {user};\n{rendered}"
    return rendered


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--listen", required=True, help="port, or address:port")
    parser.add_argument("--upstream", required=True, help="gunicorn's host:port or unix:/path")
    parser.add_argument(
        "--prefix", required=True, type=Path, help="absolute directory for pid, logs and cache"
    )
    parser.add_argument("--user", help="user (and group) of the workers when nginx starts as root")
    parser.add_argument("--output", "-o", type=Path, help="write here instead of to stdout")
    args = parser.parse_args(argv)
    try:
        text = render(args.listen, args.upstream, args.prefix, user=args.user)
    except ValueError as exc:
        parser.error(str(exc))
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
