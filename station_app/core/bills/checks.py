"""Checking what the operator typed or scanned for a bill: the account number and the amount."""

from __future__ import annotations

import re
import unicodedata

from station_app.core.bills.billers import Product
from station_app.core.identity import check_id_number, clean_phone, mask_id, mask_phone
from station_app.core.money import check_fen, format_fen
from station_app.errors import ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP


def _plain(text: str | None) -> str:
    return re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", text or "")).upper()


def check_account(product: Product, text: str) -> str:
    """The account number (typed or scanned) normalised, or ValidationError naming the rule."""
    rule = product.rule
    if rule.check == "phone":
        return clean_phone(text)
    if rule.check == "id_card":
        return check_id_number(text)[0]
    account = _plain(text)
    if not rule.min_len <= len(account) <= rule.max_len:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "{label} must have {low} to {high} characters ('{text}' has {n})"),
            label=rule.label, low=rule.min_len, high=rule.max_len, text=text, n=len(account))
    if not re.fullmatch(rule.pattern, account):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "'{text}' is not a valid {label} for {biller}"),
                              text=text, label=rule.label, biller=product.biller_name)
    return account


def check_amount(product: Product, amount: int | None) -> int:
    """The amount to pay: the fixed amount, one of the face values, or within the limits."""
    if product.fixed_amount is not None:
        if amount not in (None, product.fixed_amount):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "{product} is always {amount}"),
                                  product=product.label, amount=format_fen(product.fixed_amount))
        return product.fixed_amount
    if amount is None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Enter the amount to pay"))
    amount = check_fen(amount, allow_zero=False)
    if product.face_values and amount not in product.face_values:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{product} comes in {values} only"),
                              product=product.label, values=product.amount_hint())
    if not product.min_fen <= amount <= product.max_fen:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{product}: pay from {low} to {high} at a time"),
                              product=product.label, low=format_fen(product.min_fen), high=format_fen(product.max_fen))
    return amount


def mask_account(account: str) -> str:
    if len(account) == 18 and account[:17].isdigit():
        return mask_id(account)
    if len(account) == 11 and account.startswith("1") and account.isdigit():
        return mask_phone(account)
    return account[:3] + "*" * (len(account) - 7) + account[-4:] if len(account) > 8 else account
