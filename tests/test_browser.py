"""The built pages in a real browser: headless Chromium over the DevTools protocol.

Each page is opened from disk; the test reads ``lang``, ``dir`` and the rendered text
(``innerText``, so hidden text does not count) and collects console messages, where
Content-Security-Policy violations and script errors appear. Screenshots are saved
under ``test-artifacts/`` (git-ignored). Skipped when Chromium is not installed.

The DevTools client is a minimal stdlib WebSocket (RFC 6455: masked client frames,
no extensions), enough for request/response JSON messages.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.conftest import REPO
from tests.test_build import MOTTO, REAL, TITLE, run

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed")
ARTIFACTS = REPO / "test-artifacts"
#: axe-core from its npm package, which .ci/run installs.
AXE = REPO / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"


class DevTools:
    """A DevTools-protocol session with one page over a minimal WebSocket."""

    def __init__(self, url: str) -> None:
        parts = urlparse(url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
                           "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
                           ).encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(1)
        assert b" 101 " in head.split(b"\r\n")[0], head
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def _send(self, text: str) -> None:
        data = text.encode()
        mask = os.urandom(4)
        size = len(data)
        if size < 126:
            header = struct.pack("!BB", 0x81, 0x80 | size)
        elif size < 1 << 16:
            header = struct.pack("!BBH", 0x81, 0x80 | 126, size)
        else:
            header = struct.pack("!BBQ", 0x81, 0x80 | 127, size)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def _exact(self, size: int) -> bytes:
        buf = bytearray()
        while len(buf) < size:
            chunk = self.sock.recv(size - len(buf))
            if not chunk:
                raise ConnectionError("DevTools connection closed")
            buf += chunk
        return bytes(buf)

    def _receive(self) -> dict[str, Any]:
        message = bytearray()
        while True:
            first, second = self._exact(2)
            size = second & 0x7F
            if size == 126:
                size = struct.unpack("!H", self._exact(2))[0]
            elif size == 127:
                size = struct.unpack("!Q", self._exact(8))[0]
            payload = self._exact(size)
            if first & 0x0F in (0x9, 0xA):  # ping/pong: not part of a message
                continue
            message += payload
            if first & 0x80:
                result: dict[str, Any] = json.loads(message)
                return result

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send a command and wait for its result, keeping the events that arrive meanwhile."""
        self.next_id += 1
        self._send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            reply = self._receive()
            if reply.get("id") == self.next_id:
                assert "error" not in reply, reply
                return dict(reply.get("result", {}))
            self.events.append(reply)

    def wait(self, method: str) -> dict[str, Any]:
        """Wait for an event."""
        for i, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(i)
        while True:
            event = self._receive()
            if event.get("method") == method:
                return event
            self.events.append(event)

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True,
                           awaitPromise=True)
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")

    def failed_requests(self) -> list[str]:
        """Requests that failed or answered with an error status."""
        failed = []
        for event in self.events:
            params = event.get("params", {})
            if event.get("method") == "Network.loadingFailed":
                failed.append(f"{params.get('errorText')} {params.get('requestId')}")
            elif event.get("method") == "Network.responseReceived" and \
                    params["response"].get("status", 200) >= 400:
                failed.append(f"{params['response']['status']} {params['response']['url']}")
        return failed

    def console_errors(self) -> list[str]:
        """Console errors, CSP violations and uncaught exceptions seen so far."""
        errors = []
        for event in self.events:
            params = event.get("params", {})
            if event.get("method") == "Log.entryAdded":
                entry = params["entry"]
                if entry["level"] in ("error", "warning"):
                    errors.append(entry["text"])
            elif event.get("method") == "Runtime.consoleAPICalled" and \
                    params["type"] in ("error", "warning", "assert"):
                errors.append(json.dumps(params["args"]))
            elif event.get("method") == "Runtime.exceptionThrown":
                errors.append(params["exceptionDetails"]["text"])
        return errors


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A headless Chromium; yields the DevTools HTTP endpoint (``127.0.0.1:PORT``)."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    assert CHROMIUM is not None
    proc = subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--no-first-run",
         "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--remote-debugging-port=0",
         "--window-size=1000,1400", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        deadline = time.monotonic() + 60
        endpoint = None
        while endpoint is None and time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line and proc.poll() is not None:
                break
            found = re.search(r"DevTools listening on ws://([^/]+)/", line)
            endpoint = found.group(1) if found else None
        if endpoint is None:
            pytest.fail("chromium did not start its DevTools server")
        yield endpoint
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def open_page(endpoint: str, path: Path, *, width: int = 1000, dark: bool = False) -> DevTools:
    """Open a fresh tab ``width`` CSS pixels wide on ``path`` with console and network
    reporting on, once it has loaded and its fonts are ready."""
    from urllib.request import Request, urlopen

    with urlopen(Request(f"http://{endpoint}/json/new?about:blank", method="PUT"),
                 timeout=30) as reply:
        target = json.load(reply)
    tools = DevTools(target["webSocketDebuggerUrl"])
    for domain in ("Page", "Runtime", "Log", "Network"):
        tools.call(f"{domain}.enable")
    # Not "mobile": a mobile layout viewport grows to fit wide content, hiding overflow.
    tools.call("Emulation.setDeviceMetricsOverride", width=width, height=900,
               deviceScaleFactor=1, mobile=False)
    tools.call("Emulation.setEmulatedMedia", features=[
        {"name": "prefers-color-scheme", "value": "dark" if dark else "light"}])
    tools.call("Page.navigate", url=path.resolve().as_uri())
    tools.wait("Page.loadEventFired")
    tools.evaluate("document.fonts.ready.then(() => true)")
    return tools


def screenshot(tools: DevTools, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    shot = tools.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
    (ARTIFACTS / name).write_bytes(base64.b64decode(shot["data"]))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built pages of uk, ru and ar (ru partial, published at --min-coverage 80)."""
    from tests.test_build import DETENTION, fixture_translation, make_project, translate

    project = make_project(tmp_path_factory.mktemp("site") / "project")
    translate(project, "uk")
    translate(project, "ar")
    translate(project, "ru", lambda lang, msgid: None if msgid == DETENTION
              else fixture_translation(lang, msgid))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1755165600")
        result = run(project, "build", "--min-coverage", "80", "--format", "html")
    assert result.exit_code == 0, result.output
    return project / "dist"


@pytest.mark.parametrize(("lang", "direction"), [("uk", "ltr"), ("ru", "ltr"), ("ar", "rtl")])
def test_page_in_chromium(browser: str, site: Path, lang: str, direction: str) -> None:
    tools = open_page(browser, site / lang / "letter.html")
    try:
        assert tools.evaluate("document.documentElement.lang") == lang
        assert tools.evaluate("document.documentElement.dir") == direction
        assert tools.evaluate("getComputedStyle(document.body).direction") == direction
        text = tools.evaluate("document.body.innerText")
        assert REAL[lang][MOTTO] in text
        assert tools.evaluate("document.title") == REAL[lang][TITLE]
        screenshot(tools, f"letter-{lang}.png")
        assert tools.console_errors() == []
    finally:
        tools.sock.close()


def test_index_and_dashboard_in_chromium(browser: str, site: Path) -> None:
    for page in ("index.html", "coverage.html"):
        tools = open_page(browser, site / page)
        try:
            assert tools.evaluate("document.body.innerText")
            screenshot(tools, page.replace(".html", ".png"))
            assert tools.console_errors() == []
        finally:
            tools.sock.close()


def test_console_errors_are_caught(browser: str, tmp_path: Path) -> None:
    """The harness sees a CSP violation: an inline style the policy does not allow."""
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><meta http-equiv='
                    '"Content-Security-Policy" content="default-src \'none\'"></head>'
                    '<body><p style="color:red">x</p><script>1</script></body></html>',
                    encoding="utf-8")
    tools = open_page(browser, page)
    try:
        errors = tools.console_errors()
        assert any("Content Security Policy" in e for e in errors), errors
    finally:
        tools.sock.close()


PAGES = ("index.html", "coverage.html", "en/letter.html", "uk/letter.html", "ru/letter.html",
         "ar/letter.html")


@pytest.mark.skipif(not AXE.is_file(), reason="axe-core not installed (npm, see .ci/run)")
@pytest.mark.parametrize("width", [320, 390, 1280])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_fits_passes_axe_and_loads_everything(browser: str, site: Path, page: str,
                                                         width: int) -> None:
    for dark in (False, True) if width == 1280 else (False,):
        tools = open_page(browser, site / page, width=width, dark=dark)
        try:
            widths = tools.evaluate("[document.documentElement.scrollWidth, innerWidth]")
            assert widths[1] == width
            assert widths[0] <= widths[1], f"{page} at {width}px is {widths[0]}px wide"
            tools.evaluate(AXE.read_text(encoding="utf-8"))
            violations = tools.evaluate(
                "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
                ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))")
            assert violations == [], f"{page} at {width}px{' (dark)' if dark else ''}"
            assert tools.failed_requests() == []
            assert tools.console_errors() == []
        finally:
            tools.sock.close()


def test_shipped_fonts_load_under_the_csp(browser: str, site: Path) -> None:
    tools = open_page(browser, site / "ar" / "letter.html")
    try:
        loaded = tools.evaluate("[...document.fonts].filter(f => f.status == 'loaded')"
                                ".map(f => f.family + ' ' + f.weight + ' ' + f.style)")
        assert '"appeal Noto Naskh Arabic" 400 normal' in loaded or \
            "appeal Noto Naskh Arabic 400 normal" in loaded, loaded
        # Arabic emphasis is bold and upright: Naskh has no italics, nothing is slanted.
        style = tools.evaluate("(e => [getComputedStyle(e).fontStyle, "
                               "getComputedStyle(e).fontWeight])(document.querySelector"
                               "('article em'))")
        assert style == ["normal", "700"]
        # A signatory's name is bold, the title on the next line.
        assert tools.evaluate("document.querySelector('footer.signature strong + br') !== null")
        assert tools.failed_requests() == [] and tools.console_errors() == []
    finally:
        tools.sock.close()


@pytest.mark.skipif(not AXE.is_file(), reason="axe-core not installed (npm, see .ci/run)")
def test_harness_sees_violations_overflow_and_missing_files(browser: str, tmp_path: Path) -> None:
    """The checks above can fail: an image without alt text, a 600px-wide block, a missing
    image are each found."""
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><title>x</title><meta name="viewport" '
                    'content="width=device-width, initial-scale=1"></head><body>'
                    '<main><img src="missing.png"><div style="width:600px">wide</div></main>'
                    "</body></html>", encoding="utf-8")
    tools = open_page(browser, page, width=390)
    try:
        widths = tools.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert widths[0] > widths[1]
        tools.evaluate(AXE.read_text(encoding="utf-8"))
        violations = tools.evaluate("axe.run(document).then(r => r.violations.map(v => v.id))")
        assert "image-alt" in violations
        assert tools.failed_requests()
    finally:
        tools.sock.close()
