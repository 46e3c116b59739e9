"""Nothing leaves the machine, as the kernel sees it: the real CLI and the real app server run
under `strace -f -e trace=connect,sendto`, stay alive >= 20 s after their work (onnxruntime's
telemetry used to look up mobile.events.data.microsoft.com a few seconds after the first
model run, from native code that a Python socket guard never sees), and the trace must show
no DNS packet (port 53) and no connect to an address outside the loopback."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.browser import ANALYSIS_TIMEOUT_MS, ROOT, launch_chromium, new_page, running_app

SEED = ROOT / "sample_articles" / "russia-ukraine-diplomacy.txt"
STRACE = shutil.which("strace")
# -ff: one file per thread (LOG.TID), so no call is split by another thread's; -yy: each
# descriptor printed with its protocol and endpoints, e.g. 23<UDPv6:[[::1]:5->[::2]:443]>.
TRACE = ["-ff", "-yy", "-e", "trace=connect,sendto,sendmsg,sendmmsg"]
LINGER_S = 22  # how long each process stays alive after its work
# "sin_port=htons(53)" / sin6_port; the address follows as inet_addr("…") or inet_pton(…, "…")
_INET = re.compile(r"sa_family=AF_INET6?, sin6?_port=htons\((\d+)\).*?\"([0-9a-fA-F:.]+)\"")
_LOOPBACK = re.compile(r"^(127\.|::1$|::ffff:127\.|0\.0\.0\.0$|::$)")
_CALL = re.compile(r"^(?:\d+\s+)?(connect|sendto|sendmsg|sendmmsg)\(\d+(<\w+:\[.*?\]>)?(.*)")
# The remote end of a connected socket in -yy's annotation: "->[2001:4860::8888]:443]".
_PEER = re.compile(r"->\[?([0-9a-fA-F:.]+?)\]?:(\d+)\]")

pytestmark = pytest.mark.skipif(
    STRACE is None, reason="strace is not installed (scripts/setup.sh installs it on Debian)"
)


def leaks(trace: str) -> list[str]:
    """The traced calls that put something on the network: any DNS (port 53), a TCP connect
    off the machine, a datagram sent off the machine. A UDP socket connected to an outside
    address is allowed as long as nothing is sent on it: connecting one only asks the kernel
    for a route (Chromium's IPv6 reachability check connects one to 2001:4860:4860::8888
    and sends nothing)."""
    out = []
    for line in trace.splitlines():
        call = _CALL.match(line.strip())
        if not call:
            continue
        name, socket_info, rest = call.group(1), call.group(2) or "", call.group(3)
        ends = _INET.findall(rest) + [(port, addr) for addr, port in _PEER.findall(socket_info)]
        for port, address in ends:
            off_machine = not _LOOPBACK.match(address)
            route_lookup = name == "connect" and socket_info.startswith("<UDP")
            if port == "53" or (off_machine and not route_lookup):
                out.append(line.strip()[:200])
                break
    return out


def read_trace(log: Path) -> str:
    """Every thread's calls, each line prefixed with its thread id as `strace -f` would."""
    lines = []
    for part in sorted(log.parent.glob(log.name + ".*")):
        pid = part.suffix.lstrip(".")
        lines += [f"{pid} {line}" for line in part.read_text(errors="replace").splitlines()]
    return "\n".join(lines)


def test_leaks_sees_dns_and_outside_traffic():
    # The parser above must catch what strace -yy prints for the telemetry lookups.
    dns = (
        "22520 connect(8<UDP:[1234]>, {sa_family=AF_INET, sin_port=htons(53), sin_addr="
        'inet_addr("10.255.255.53")}, 16) = 0'
    )
    tcp_out = (
        "7 connect(3<TCPv6:[99]>, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo="
        'htonl(0), inet_pton(AF_INET6, "2603:1030::1", &sin6_addr), sin6_scope_id=0}, 28) = -1'
    )
    probe = (
        "8 connect(22<UDPv6:[77]>, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo="
        'htonl(0), inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28)'
    )
    probe_sent = (
        '8 sendto(22<UDPv6:[[fe80::1]:5000->[2001:4860:4860::8888]:443]>, "x", 1, 0, NULL, 0) = 1'
    )
    local = (
        "9 connect(5<TCP:[55]>, {sa_family=AF_INET, sin_port=htons(8501), sin_addr="
        'inet_addr("127.0.0.1")}, 16) = 0'
    )
    unix = '9 connect(8<UNIX:[66]>, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110)'
    netlink = '9 sendto(25<NETLINK:[ROUTE:3636]>, "\\20\\0", 64, MSG_NOSIGNAL, NULL, 0) = 64'
    assert len(leaks(dns)) == 1
    assert len(leaks(tcp_out)) == 1
    assert len(leaks(probe_sent)) == 1
    assert leaks("\n".join([probe, local, unix, netlink])) == []


def test_cli_analyze_and_export_make_no_network_call(tmp_path):
    log = tmp_path / "cli.strace"
    script = textwrap.dedent(
        f"""
        import sys, time
        from newslens.cli import main
        code = main(["analyze", {str(SEED)!r}, "--published", "2025-05-20"])
        code |= main(["export", {str(SEED)!r}, "--to", {str(tmp_path / "out")!r}])
        sys.stdout.flush()
        time.sleep({LINGER_S})
        sys.exit(code)
        """
    )
    proc = subprocess.run(
        [STRACE, *TRACE, "-o", str(log), sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert '"entities"' in proc.stdout  # it did analyse (and so ran the stance model)
    trace = read_trace(log)
    assert "+++ exited with 0 +++" in trace  # traced to the end, lingering included
    assert leaks(trace) == []


@pytest.mark.browser
def test_app_server_makes_no_network_call(tmp_path):
    import psutil
    from playwright.sync_api import expect

    log = tmp_path / "app.strace"
    launcher = (STRACE, *TRACE, "-o", str(log), sys.executable, "-m", "streamlit")
    env = {"NEWSLENS_LIBRARY": str(tmp_path / "library.sqlite3")}
    with running_app(tmp_path, launcher=launcher, env=env) as base:
        # running_app stops strace, which would leave the server running detached: the
        # traced server is stopped first, so that strace ends with it.
        (tracer,) = [
            p for p in psutil.process_iter(["cmdline"]) if str(log) in (p.info["cmdline"] or [])
        ]
        try:
            with launch_chromium() as browser:
                page = new_page(browser, viewport={"width": 1440, "height": 900})
                page.goto(base)
                page.get_by_label("Article text").fill(SEED.read_text(encoding="utf-8"))
                page.get_by_role("button", name="Analyze").click()
                text = page.frame_locator("iframe[title*='article_frame']")
                expect(text.locator("mark.nl-ent").first).to_be_visible(timeout=ANALYSIS_TIMEOUT_MS)
                page.get_by_role("tab", name="Stance").click()  # the stance model has run
                time.sleep(LINGER_S)  # the server lives on after its work, watched
        finally:
            servers = tracer.children(recursive=True)
            for server in servers:
                server.terminate()
            _, alive = psutil.wait_procs(servers, timeout=20)
            for server in alive:
                server.kill()
    trace = read_trace(log)
    assert "+++ exited" in trace or "+++ killed" in trace  # traced to the server's end
    # The server's own loopback traffic was seen: the trace does see the network.
    assert "htons(" in trace or "127.0.0.1" in trace
    assert leaks(trace) == []
