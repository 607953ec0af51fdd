"""Shared test data builders."""

# Every signed-in page loads the user and their memberships (the session comes from the cache).
SHELL_QUERIES = 2


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


def in_language(client, language: str):
    """`client` reading the portal in `language` ("ja" or "en"), as the language switch sets it."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client
