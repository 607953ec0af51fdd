"""Industries: the major groups (大分類 A–T) of the Japan Standard Industrial Classification."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Industry(models.TextChoices):
    AGRICULTURE_FORESTRY = "A", _("農業，林業")
    FISHERIES = "B", _("漁業")
    MINING = "C", _("鉱業，採石業，砂利採取業")
    CONSTRUCTION = "D", _("建設業")
    MANUFACTURING = "E", _("製造業")
    UTILITIES = "F", _("電気・ガス・熱供給・水道業")
    INFORMATION_COMMUNICATIONS = "G", _("情報通信業")
    TRANSPORT_POSTAL = "H", _("運輸業，郵便業")
    WHOLESALE_RETAIL = "I", _("卸売業，小売業")
    FINANCE_INSURANCE = "J", _("金融業，保険業")
    REAL_ESTATE_LEASING = "K", _("不動産業，物品賃貸業")
    PROFESSIONAL_TECHNICAL = "L", _("学術研究，専門・技術サービス業")
    ACCOMMODATION_FOOD = "M", _("宿泊業，飲食サービス業")
    LIVING_AMUSEMENT = "N", _("生活関連サービス業，娯楽業")
    EDUCATION = "O", _("教育，学習支援業")
    MEDICAL_WELFARE = "P", _("医療，福祉")
    COMPOUND_SERVICES = "Q", _("複合サービス事業")
    OTHER_SERVICES = "R", _("サービス業（他に分類されないもの）")
    GOVERNMENT = "S", _("公務（他に分類されるものを除く）")
    UNCLASSIFIABLE = "T", _("分類不能の産業")
