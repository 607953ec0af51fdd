"""The 法人番号 register that organisation forms look companies up in, and the record of its
imports. On PostgreSQL a trigram index keeps the name search (icontains) fast over the five
million corporations of the full register; SQLite (development) scans, which is fine at its
scale. The same pattern as declaration 0002."""

from django.db import migrations, models

NAME_INDEX = "portal_corporate_name_trgm"


def create_name_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    # Django's icontains is UPPER(column) LIKE UPPER(%s): index that expression.
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {NAME_INDEX} ON portal_corporaterecord USING gin (UPPER(name) gin_trgm_ops)"
    )


def drop_name_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0014_outbox_sending_state"),
    ]

    operations = [
        migrations.CreateModel(
            name="CorporateImport",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="作成日時")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新日時")),
                ("file_name", models.CharField(max_length=255, verbose_name="ファイル名")),
                ("size", models.BigIntegerField(verbose_name="サイズ（バイト）")),
                ("digest", models.CharField(max_length=64, unique=True, verbose_name="SHA-256")),
                (
                    "kind",
                    models.CharField(
                        choices=[("full", "全件データ"), ("diff", "差分データ")],
                        max_length=4,
                        verbose_name="種類",
                    ),
                ),
                ("rows_done", models.BigIntegerField(default=0, verbose_name="取り込み済みの行")),
                ("inserted", models.BigIntegerField(default=0, verbose_name="追加")),
                ("updated", models.BigIntegerField(default=0, verbose_name="更新")),
                ("unchanged", models.BigIntegerField(default=0, verbose_name="変更なし")),
                ("skipped", models.BigIntegerField(default=0, verbose_name="スキップ")),
                ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="完了日時")),
            ],
            options={
                "verbose_name": "法人番号データの取り込み",
                "verbose_name_plural": "法人番号データの取り込み",
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="CorporateRecord",
            fields=[
                (
                    "number",
                    models.CharField(
                        max_length=13, primary_key=True, serialize=False, verbose_name="法人番号"
                    ),
                ),
                ("name", models.CharField(max_length=300, verbose_name="商号又は名称")),
                ("furigana", models.CharField(blank=True, max_length=500, verbose_name="フリガナ")),
                ("kind", models.CharField(blank=True, max_length=3, verbose_name="法人種別")),
                (
                    "prefecture",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("01", "北海道"),
                            ("02", "青森県"),
                            ("03", "岩手県"),
                            ("04", "宮城県"),
                            ("05", "秋田県"),
                            ("06", "山形県"),
                            ("07", "福島県"),
                            ("08", "茨城県"),
                            ("09", "栃木県"),
                            ("10", "群馬県"),
                            ("11", "埼玉県"),
                            ("12", "千葉県"),
                            ("13", "東京都"),
                            ("14", "神奈川県"),
                            ("15", "新潟県"),
                            ("16", "富山県"),
                            ("17", "石川県"),
                            ("18", "福井県"),
                            ("19", "山梨県"),
                            ("20", "長野県"),
                            ("21", "岐阜県"),
                            ("22", "静岡県"),
                            ("23", "愛知県"),
                            ("24", "三重県"),
                            ("25", "滋賀県"),
                            ("26", "京都府"),
                            ("27", "大阪府"),
                            ("28", "兵庫県"),
                            ("29", "奈良県"),
                            ("30", "和歌山県"),
                            ("31", "鳥取県"),
                            ("32", "島根県"),
                            ("33", "岡山県"),
                            ("34", "広島県"),
                            ("35", "山口県"),
                            ("36", "徳島県"),
                            ("37", "香川県"),
                            ("38", "愛媛県"),
                            ("39", "高知県"),
                            ("40", "福岡県"),
                            ("41", "佐賀県"),
                            ("42", "長崎県"),
                            ("43", "熊本県"),
                            ("44", "大分県"),
                            ("45", "宮崎県"),
                            ("46", "鹿児島県"),
                            ("47", "沖縄県"),
                        ],
                        max_length=2,
                        verbose_name="都道府県",
                    ),
                ),
                ("city", models.CharField(blank=True, max_length=100, verbose_name="市区町村")),
                ("street", models.CharField(blank=True, max_length=300, verbose_name="丁目番地等")),
                ("post_code", models.CharField(blank=True, max_length=7, verbose_name="郵便番号")),
                ("process", models.CharField(max_length=2, verbose_name="処理区分")),
                ("closed_on", models.DateField(blank=True, null=True, verbose_name="登記記録の閉鎖等年月日")),
                (
                    "close_cause",
                    models.CharField(blank=True, max_length=2, verbose_name="登記記録の閉鎖等の事由"),
                ),
                ("hidden", models.BooleanField(default=False, verbose_name="検索対象外")),
                ("updated_on", models.DateField(verbose_name="更新年月日")),
                ("sequence", models.PositiveIntegerField(default=0, verbose_name="一連番号")),
            ],
            options={
                "verbose_name": "法人番号データ",
                "verbose_name_plural": "法人番号データ",
            },
        ),
        migrations.RunPython(create_name_index, drop_name_index),
    ]
