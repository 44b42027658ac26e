"""The preview serves only this machine: requests addressed to another host name are refused
(DNS rebinding), idle connections are closed, a client that hangs up prints nothing, HEAD is
answered like GET, and changes come from file events, not from walking the folders."""

from __future__ import annotations

import http.client
import socket
import struct
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from s3gen.serve import Preview, allowed_hosts, host_name, make_server, watched_in


@pytest.fixture(scope="module")
def address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    from tests.conftest import copy_fixture

    strategy = copy_fixture("minimal", tmp_path_factory.mktemp("serve"))
    server = make_server(Preview(strategy, None), "127.0.0.1", 0, idle_seconds=0.5)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield "127.0.0.1", server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def request(address: tuple[str, int], method: str, host: str | None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(*address, timeout=10)
    connection.putrequest(method, "/", skip_host=True)
    if host is not None:
        connection.putheader("Host", host)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


LABEL = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)
FOREIGN = st.one_of(
    st.lists(LABEL, min_size=1, max_size=4).map(".".join),
    st.sampled_from(
        ["evil.example", "localhost.evil.example", "127.0.0.1.nip.io", "0.0.0.0", "10.0.0.1"]
    ),
)


@settings(max_examples=40, deadline=None)
@given(name=FOREIGN, port=st.one_of(st.none(), st.integers(1, 65535)))
def test_a_request_to_another_host_name_gets_no_page(
    address: tuple[str, int], name: str, port: int | None
) -> None:
    header = name if port is None else f"{name}:{port}"
    status, body = request(address, "GET", header)
    if name in ("localhost", "127.0.0.1"):
        assert status == 200
    else:
        assert status == 403 and b"<html" not in body, header


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]", "LOCALHOST"])
def test_this_machine_by_name_gets_the_page(address: tuple[str, int], host: str) -> None:
    status, body = request(address, "GET", f"{host}:{address[1]}")
    assert status == 200 and b"<h1>Minimal strategy</h1>" in body


def test_head_is_answered_like_get_without_a_body(address: tuple[str, int]) -> None:
    connection = http.client.HTTPConnection(*address, timeout=10)
    connection.request("HEAD", "/")
    response = connection.getresponse()
    assert response.status == 200
    assert int(response.headers["Content-Length"]) > 1000
    assert response.read() == b""
    connection.close()


def test_an_idle_connection_is_closed(address: tuple[str, int]) -> None:
    with socket.create_connection(address, timeout=10) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\n")  # half a request, then nothing
        assert sock.recv(1024) == b""  # closed by the server (idle_seconds=0.5), not after 10 s


def test_a_client_that_hangs_up_prints_nothing(
    address: tuple[str, int], capfd: pytest.CaptureFixture[str]
) -> None:
    for _ in range(3):
        sock = socket.create_connection(address, timeout=10)
        sock.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        # Close with a reset (SO_LINGER 0) before reading the answer.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
    assert request(address, "GET", "localhost")[0] == 200  # still serving, after the resets
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err + captured.out


@pytest.mark.parametrize(
    "header", ["127.0.0.1:abc", "[::1]evil.example", "localhost:8000:1", "", "local host"]
)
def test_a_malformed_host_gets_no_page(address: tuple[str, int], header: str) -> None:
    assert request(address, "GET", header)[0] == 403


def test_a_request_without_or_with_two_host_headers_gets_no_page(address: tuple[str, int]) -> None:
    assert request(address, "GET", None)[0] == 403  # HTTP/1.1 without Host
    connection = http.client.HTTPConnection(*address, timeout=10)
    connection.putrequest("GET", "/", skip_host=True)
    connection.putheader("Host", "localhost")
    connection.putheader("Host", "evil.example")
    connection.endheaders()
    response = connection.getresponse()
    assert response.status == 403
    connection.close()


def test_the_listening_address_is_allowed_and_wildcards_are_not() -> None:
    assert allowed_hosts("192.168.1.20") == {"localhost", "127.0.0.1", "::1", "192.168.1.20"}
    assert allowed_hosts("0.0.0.0") == {"localhost", "127.0.0.1", "::1"}
    assert host_name("[::1]:8000") == "::1" and host_name("LocalHost:1") == "localhost"


def test_hidden_files_and_folders_are_not_watched(tmp_path: Path) -> None:
    root = tmp_path / ".checkouts" / "strategy"  # a hidden folder above the strategy is fine
    keep = watched_in([root])
    assert keep(None, str(root / "regions" / "podlaskie.yaml"))
    for hidden in (".podlaskie.yaml.swp", ".git/index", "regions/.#podlaskie.yaml"):
        assert not keep(None, str(root / hidden)), hidden
    assert not keep(None, str(tmp_path / "elsewhere.yaml"))
