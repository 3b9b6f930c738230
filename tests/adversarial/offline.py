"""Run `mkdocs ARGS...` with the network closed: every attempt to open a connection or resolve a
name is refused and reported on stderr ("NETWORK ATTEMPT"), through Python's audit hooks (PEP 578),
so a build that fetches anything a scrape points at (an image, a stylesheet, a link) is caught."""

from __future__ import annotations

import sys

EVENTS = {
    "socket.connect",
    "socket.connect_ex",
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.gethostbyaddr",
    "socket.sendto",
    "socket.sendmsg",
    "urllib.Request",
    "http.client.connect",
    "ftplib.connect",
    "smtplib.connect",
}


def _refuse(event: str, args: tuple) -> None:
    if event in EVENTS:
        print(f"NETWORK ATTEMPT: {event} {args!r:.200}", file=sys.stderr, flush=True)
        raise OSError(f"network closed by the test: {event}")


if __name__ == "__main__":
    sys.addaudithook(_refuse)
    from mkdocs.__main__ import cli

    sys.argv = ["mkdocs", *sys.argv[1:]]
    sys.exit(cli())
