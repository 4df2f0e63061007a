"""Loaded by the test servers (via PYTHONPATH): every attempt to reach beyond loopback is written
down in $DEBRIEF_NET_LOG and refused, as if the machine were offline.

It wraps the few doors a Python program uses to reach another host: name lookups
(`getaddrinfo`, `gethostbyname`) and `connect`/`sendto` on a socket. Loopback addresses, the
name `localhost` and Unix sockets pass; anything else is one line in the log and an OSError.
"""

from __future__ import annotations

import ipaddress
import os
import socket

_LOG = os.environ.get("DEBRIEF_NET_LOG")
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


def _is_local(host: object) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    text = str(host).strip("[]").lower()
    if text in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(text.split("%")[0]).is_loopback
    except ValueError:
        return False


def _refuse(what: str, target: object) -> None:
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()} {what} {target!r}\n")
    raise OSError(f"outbound network use refused by the test: {what} {target!r}")


def _guard_address(what: str, sock: socket.socket, address: object) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple) and not _is_local(address[0]):
        _refuse(what, address)


if _LOG:
    _getaddrinfo, _gethostbyname, _gethostbyname_ex = socket.getaddrinfo, socket.gethostbyname, socket.gethostbyname_ex
    _connect, _connect_ex, _sendto = socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto

    def getaddrinfo(host, *args, **kwargs):
        if not _is_local(host):
            _refuse("getaddrinfo", host)
        return _getaddrinfo(host, *args, **kwargs)

    def gethostbyname(host):
        if not _is_local(host):
            _refuse("gethostbyname", host)
        return _gethostbyname(host)

    def gethostbyname_ex(host):
        if not _is_local(host):
            _refuse("gethostbyname_ex", host)
        return _gethostbyname_ex(host)

    def connect(self, address):
        _guard_address("connect", self, address)
        return _connect(self, address)

    def connect_ex(self, address):
        _guard_address("connect_ex", self, address)
        return _connect_ex(self, address)

    def sendto(self, data, *args):
        _guard_address("sendto", self, args[-1])
        return _sendto(self, data, *args)

    socket.getaddrinfo, socket.gethostbyname, socket.gethostbyname_ex = getaddrinfo, gethostbyname, gethostbyname_ex
    socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto = connect, connect_ex, sendto
