"""Benchmark: rendering one certificate PDF (WeasyPrint, Japanese font, QR code).

    .venv/bin/python benchmarks/certificate_pdf.py

Prints the first (cold) render and the median of 20 renders after warm-up.
Target (issue #5): under 200 ms each after warm-up.
"""

import statistics
import time

from common import setup, throwaway_database


def main() -> None:
    setup()
    with throwaway_database():
        from learning.documents import certificate_context
        from learning.models import Theme
        from portal.lib.pdf import render_pdf
        from portal.models import User
        from tests.helpers import theme_passed  # passes the quiz: certificates are earned

        user = User.objects.create_user("learner@example.jp", "bench-password-123", full_name="山田 花子")
        certificate = theme_passed(user, Theme.objects.get(number=1))
        context = certificate_context(
            certificate, "https://portal.example.jp" + certificate.get_absolute_url()
        )
        start = time.perf_counter()
        render_pdf("learning/pdf/certificate.html", context)
        print(f"first render (cold)              {(time.perf_counter() - start) * 1000:7.1f} ms")
        timings = []
        for _ in range(20):
            start = time.perf_counter()
            pdf = render_pdf("learning/pdf/certificate.html", context)
            timings.append((time.perf_counter() - start) * 1000)
        print(
            f"certificate PDF, median of 20    {statistics.median(timings):7.1f} ms  (max {max(timings):.1f} ms, "
            f"{len(pdf):,} bytes)"
        )


if __name__ == "__main__":
    main()
