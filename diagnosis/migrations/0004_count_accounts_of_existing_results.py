"""Give the results already counted their account, and the peer groups their account counts.

Same rule as services.statistics_contributor: the result's author, else its organisation.
"""

from django.db import migrations


def count_accounts(apps, schema_editor):
    Assessment = apps.get_model("diagnosis", "Assessment")
    PeerStatistics = apps.get_model("diagnosis", "PeerStatistics")
    PeerContributor = apps.get_model("diagnosis", "PeerContributor")
    contributors: dict[tuple, int] = {}
    counted = Assessment.objects.filter(counted_in_statistics=True).only(
        "pk", "questionnaire_id", "organisation_id", "created_by_id", "stats_industry", "stats_size_band"
    )
    batch = []
    for assessment in counted.iterator(chunk_size=5000):
        who = (
            f"u{assessment.created_by_id}"
            if assessment.created_by_id is not None
            else f"o{assessment.organisation_id}"
        )
        assessment.stats_contributor = who
        batch.append(assessment)
        industry, size = assessment.stats_industry, assessment.stats_size_band
        for group in {("", ""), (industry, ""), ("", size), (industry, size)}:
            key = (assessment.questionnaire_id, *group, who)
            contributors[key] = contributors.get(key, 0) + 1
        if len(batch) >= 5000:
            Assessment.objects.bulk_update(batch, ["stats_contributor"])
            batch = []
    Assessment.objects.bulk_update(batch, ["stats_contributor"])
    PeerContributor.objects.bulk_create(
        (
            PeerContributor(
                questionnaire_id=questionnaire, industry=industry, size_band=size, contributor=who, results=n
            )
            for (questionnaire, industry, size, who), n in contributors.items()
        ),
        batch_size=5000,
    )
    accounts: dict[tuple, int] = {}
    for questionnaire, industry, size, _who in contributors:
        accounts[(questionnaire, industry, size)] = accounts.get((questionnaire, industry, size), 0) + 1
    rows = list(PeerStatistics.objects.all())
    for row in rows:
        row.accounts = accounts.get((row.questionnaire_id, row.industry, row.size_band), 0)
    PeerStatistics.objects.bulk_update(rows, ["accounts"], batch_size=1000)


def forget_accounts(apps, schema_editor):
    apps.get_model("diagnosis", "PeerContributor").objects.all().delete()
    apps.get_model("diagnosis", "PeerStatistics").objects.update(accounts=0)
    apps.get_model("diagnosis", "Assessment").objects.update(stats_contributor="")


class Migration(migrations.Migration):
    dependencies = [("diagnosis", "0003_peer_groups_count_distinct_accounts")]

    operations = [migrations.RunPython(count_accounts, forget_accounts)]
