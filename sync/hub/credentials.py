"""Secrets on the hub: station tokens, enrollment codes and county staff passwords.

Tokens and codes are long random values, stored only as their SHA-256 (a database leak
gives nobody a working token). Passwords are people's choices, so they get a salted
`hashlib.scrypt`, like the station's operator PINs.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets

# Crockford base32: no I, L, O, U, so a code read aloud or typed from paper survives
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


def new_token() -> str:
    return secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_code() -> str:
    """A one-time enrollment code like K7QM-2XDA-9WPE (60 random bits)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_code(text: str) -> str:
    """What a person typed or scanned, as the canonical code (case, dashes, O/0, I/L/1 forgiven)."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    cleaned = cleaned.translate(str.maketrans("OILU", "011V"))
    return "-".join(cleaned[i:i + 4] for i in range(0, len(cleaned), 4))


def hash_password(password: str, salt: bytes | None = None) -> tuple[str, str]:
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, **_SCRYPT)
    return salt.hex(), digest.hex()


def check_password(password: str, salt_hex: str, hash_hex: str) -> bool:
    _, digest = hash_password(password, bytes.fromhex(salt_hex))
    return hmac.compare_digest(digest, hash_hex)


MAX_PASSWORD = 1024  # characters: a password longer than this is not checked at all
COMMON = frozenset({"12345678", "123456789", "1234567890", "87654321", "11111111", "00000000", "88888888",
                    "66666666", "password", "password1", "passw0rd", "qwertyui", "qwerty123", "abcd1234",
                    "abc12345", "1qaz2wsx", "admin123", "administrator", "iloveyou", "a1234567", "aa123456",
                    "woaini1314", "5201314520", "qq123456", "abcdefgh"})


def password_problem(password: str, name: str = "") -> str:
    """Why `password` is not a real password for a county staff login ("" when it is): at least
    8 characters that are not spaces at either end, at least 5 different characters, not a
    well-known one, not the login name, at most MAX_PASSWORD characters."""
    if len(password) > MAX_PASSWORD:
        return f"a password may have at most {MAX_PASSWORD} characters"
    if len(password) < 8 or password != password.strip():
        return "a password needs at least 8 characters and no spaces at either end"
    if len(set(password)) < 5:
        return "a password needs at least 5 different characters"
    if password.lower() in COMMON or password.lower() == name.strip().lower():
        return "this password is too easy to guess"
    return ""
