"""Playwright for Python driving Debian's Chromium against pytest-django's live server.

Every step of a journey takes a screenshot; when the test fails they are written to
test-artifacts/<test>/ so the failure can be seen.
"""

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield browser
        browser.close()


class Journey:
    """A browser page that remembers a screenshot of every step."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.shots: list[tuple[str, bytes]] = []

    def goto(self, path: str):
        self.page.goto(self.base_url + path)

    def step(self, name: str):
        self.shots.append((name, self.page.screenshot(full_page=True)))

    def save(self, test_name: str):
        folder = ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name)
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for number, (name, png) in enumerate(self.shots, 1):
            (folder / f"{number:02d}-{name}.png").write_bytes(png)
        return folder


@pytest.fixture
def journey(request, browser, live_server, settings, transactional_db):
    settings.SITE_URL = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    context.set_default_timeout(10_000)
    page = context.new_page()
    trip = Journey(page, live_server.url)
    yield trip
    failed = getattr(request.node, "report_call", None) is not None and request.node.report_call.failed
    if failed:
        try:
            trip.step("at-failure")
        finally:
            print(f"Screenshots of each step: {trip.save(request.node.name)}")
    context.close()


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
