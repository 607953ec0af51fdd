CONTACT = {
    "contact_name": "佐藤 花子",
    "contact_department": "総務部",
    "contact_email": "soumu@sakura.example.jp",
    "contact_phone": "0312345678",
}


def apply_data(stars=1, **overrides) -> dict:
    data = {
        "stars": str(stars),
        "purpose": "subsidy",
        "agree": "on",
        **CONTACT,
        **{f"pledge_{n}": "on" for n in range(1, 6)},
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
