"""The demo accounts and their claims (no Django import: tests read them too).

The claim names are GビズID's userinfo attributes (scope `profile`: account_type, corp_type,
corporate_number, name, prefecture_name; scope `email`: email), as its connection guideline
lists them (G ビズ ID 接続システム向けガイドライン, 3.4.1.4 属性取得,
https://gbiz-id.go.jp/top/manual/pdf/Developer_guideline.pdf). account_type: 1 gBizID Entry,
2 gBizID Prime, 3 gBizID Member; corp_type: 1 法人, 2 個人事業主.
"""

import json
import os

DEMO_PASSWORD = "demo-password"

# username → userinfo. Every corporate number passes the check digit of portal/lib/corporate_number.py.
DEMO_USERS = {
    "prime": {
        "account_type": "2",
        "corp_type": "1",
        "corporate_number": "1010001008800",
        "name": "株式会社ビズ精機",
        "prefecture_name": "愛知県",
        "email": "prime@gbizid.example",
    },
    "member": {
        "account_type": "3",
        "corp_type": "1",
        "corporate_number": "1010001008800",
        "name": "株式会社ビズ精機",
        "prefecture_name": "愛知県",
        "email": "member@gbizid.example",
    },
    "entry": {
        "account_type": "1",
        "corp_type": "1",
        "corporate_number": "9010001008801",
        "name": "エントリー商事株式会社",
        "prefecture_name": "東京都",
        "email": "entry@gbizid.example",
    },
    # Someone else registered this number first, by typing it (tests make that squatter).
    "collider": {
        "account_type": "2",
        "corp_type": "1",
        "corporate_number": "8010001008802",
        "name": "本物工業株式会社",
        "prefecture_name": "大阪府",
        "email": "collider@gbizid.example",
    },
    # Has a portal account by e-mail already, and connects gBizID from the profile.
    "connector": {
        "account_type": "2",
        "corp_type": "1",
        "corporate_number": "7010001008803",
        "name": "コネクト電機株式会社",
        "prefecture_name": "福岡県",
        "email": "connector@example.jp",
    },
}


def demo_users() -> dict[str, dict]:
    """DEMO_USERS, or the JSON object in the file OIDC_PROVIDER_USERS names (same shape)."""
    path = os.environ.get("OIDC_PROVIDER_USERS")
    if path:
        with open(path, encoding="utf-8") as file:
            return json.load(file)
    return DEMO_USERS
