"""Shared test data builders."""

# A signed-in request reads the person's user row and memberships when their account is not
# kept (portal.lib.accounts): their first request, and the first after their account changed
# (the session comes from the cache).
SHELL_QUERIES = 2
# Once it is kept, the shell of a signed-in page reads nothing.
KEPT_SHELL_QUERIES = 0
# Nor does a page kept for its person (portal/lib/kept_pages.py) whose account is kept.
KEPT_PAGE_QUERIES = 0


CACHE_METHODS = ("get", "get_many", "set", "set_many", "add", "delete", "delete_many", "incr", "touch")


def record_cache_calls(monkeypatch) -> list[tuple[str, set[str]]]:
    """The shared cache's calls from now on, in order, as (method, keys): each a round trip to
    Redis in production. The tests' cache (locmem) makes a `set_many` of `set`s; only the
    outer call is recorded, as Redis gets one."""
    from django.core.cache import cache

    calls, inside = [], []

    def recording(method):
        original = getattr(cache, method)

        def call(key_or_keys, *args, **kwargs):
            if inside:
                return original(key_or_keys, *args, **kwargs)
            calls.append((method, {key_or_keys} if isinstance(key_or_keys, str) else set(key_or_keys)))
            inside.append(method)
            try:
                return original(key_or_keys, *args, **kwargs)
            finally:
                inside.pop()

        return call

    for method in CACHE_METHODS:
        monkeypatch.setattr(cache, method, recording(method))
    return calls


def called(calls, method: str) -> list[set[str]]:
    """The keys of each recorded call of `method`, in order."""
    return [keys for name, keys in calls if name == method]


def forget_kept_pages():
    """Drop the pages kept for signed-in people, so that the next visit renders again (what a
    query count of the page's own work measures)."""
    from django.core.cache import caches

    caches["personal_pages"].clear()


def theme_passed(user, theme):
    """Pass a theme's quiz as `user`, through the learning services, and return the certificate
    it earned (None when the user had passed the theme before)."""
    from learning import services
    from learning.quiz import DRAWN
    from learning.selectors import quiz_questions

    questions = quiz_questions(theme)[:DRAWN]  # a quiz asks DRAWN questions of the pool
    right = {
        question.pk: next(c.pk for c in question.choices.all() if c.is_correct) for question in questions
    }
    _attempt, issued = services.attempt_record(
        user=user, theme=theme, graded=services.quiz_grade(questions=questions, answers=right)
    )
    return next((c for c in issued if c.theme_id == theme.pk), None)


def answers(default="yes", **overrides) -> dict[str, str]:
    """All 25 diagnosis items answered `default`, with q<n>=value overrides, as the services take them."""
    values = {str(n): default for n in range(1, 26)}
    values.update({key.removeprefix("q"): value for key, value in overrides.items()})
    return values


def form_data(default="yes", **overrides) -> dict[str, str]:
    """The same as the take form posts them."""
    return {f"q{n}": value for n, value in answers(default, **overrides).items()} | {
        "questionnaire": "2026.1"
    }


PPTX_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
  <Default Extension="xml" ContentType="application/xml"/>
  <Override PartName="/ppt/presentation.xml" ContentType="{main}"/>
</Types>"""
PPTX_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def minimal_pdf() -> bytes:
    """A real one-page PDF, as pypdf writes it."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def zip_of(files: dict[str, str]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def minimal_pptx(main: str = PPTX_MAIN) -> bytes:
    """The smallest package PowerPoint's structure checks accept: content types, relations,
    and the presentation part declared as `main`."""
    return zip_of(
        {
            "[Content_Types].xml": PPTX_CONTENT_TYPES.format(main=main),
            "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
            "ppt/presentation.xml": (
                '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>'
            ),
        }
    )


class InLanguage:
    """A test client that asks for each page at its URL in one language (/en/… for English)."""

    def __init__(self, client, language: str):
        self.client, self.language = client, language

    def __getattr__(self, name):
        return getattr(self.client, name)

    def _at(self, method, path, *args, **kwargs):
        from portal.lib.languages import language_url

        return getattr(self.client, method)(language_url(path, self.language), *args, **kwargs)

    def get(self, path, *args, **kwargs):
        return self._at("get", path, *args, **kwargs)

    def post(self, path, *args, **kwargs):
        return self._at("post", path, *args, **kwargs)

    def head(self, path, *args, **kwargs):
        return self._at("head", path, *args, **kwargs)


def in_language(client, language: str) -> InLanguage:
    """`client` reading the portal in `language` ("ja" or "en"): the page's URL in that language,
    and the switch's cookie set as a person who chose it would have it."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return InLanguage(client, language)


# A presenter's application, as the tests use it (the e-mail and address must never be shown).
PRESENTER_PROFILE = {
    "name": "田中 誠",
    "name_kana": "たなか まこと",
    "nationwide": False,
    "affiliation": "ひかり情報サービス",
    "expertise": ",basics,phishing,",
    "expertise_other": "",
    "bio": "中小企業向けに10年間セキュリティ研修をしています。",
    "qualifications": "情報処理安全確保支援士",
    "contact_email": "tanaka-private@example.jp",
    "postal_address": "東京都千代田区秘密町1-2-3",
    "show_name_kana": True,
    "show_affiliation": True,
    "show_expertise": True,
    "show_bio": True,
    "show_qualifications": False,
    "show_email": False,
}


def presenter_for(user=None, *, status="approved", kind="public", prefectures=("13",), **overrides):
    """A presenter applied for by `user` (a new one if None) through the service, then set to
    `status` (None or "pending": as applied); `overrides` change the profile."""
    from presenters import services as presenter_services
    from presenters.models import Presenter
    from tests.factories import UserFactory

    presenter = presenter_services.presenter_apply(
        user=user or UserFactory(),
        prefectures=list(prefectures),
        kind=kind,
        **{**PRESENTER_PROFILE, **overrides},
    )
    if status not in (None, "pending"):
        Presenter.objects.filter(pk=presenter.pk).update(status=status)
        presenter.refresh_from_db()
    return presenter


def at_once(*calls) -> list:
    """Run the calls in threads released at the same moment, each on its own database
    connection (a test with `transaction=True` sees what they commit): what each returned, or
    the exception it raised, in the calls' order."""
    import threading

    from django.db import connections

    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:  # noqa: BLE001 - the caller judges it
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
