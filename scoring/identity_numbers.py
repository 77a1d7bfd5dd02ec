"""Resident ID numbers (居民身份证号码, GB 11643-1999): check digit, validation and masking.

Pure functions, used by the synthetic identities, uploads (to reject malformed numbers with a
message a clerk can act on) and every page that shows a number (always masked).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from scoring.problems import Refusal

WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
CHECK_MAP = "10X98765432"  # ISO 7064 MOD 11-2: index = weighted sum mod 11
_CHECK_CHARS = np.array(list(CHECK_MAP))


class IdNumberError(Refusal):
    """An ID number is malformed; the message says what is wrong and where, `code` and `params`
    say it as data (for the dashboard's languages)."""


def check_digit(first17: str) -> str:
    """The 18th character for the first 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise IdNumberError("id_first17", f"need 17 digits to compute a check digit, got {first17!r}")
    return CHECK_MAP[sum(int(c) * int(w) for c, w in zip(first17, WEIGHTS, strict=True)) % 11]


def check_digits(values) -> np.ndarray:
    """Vectorised check digits for 17-digit strings or an (n, 17) digit matrix."""
    array = np.asarray(values)
    if array.ndim == 2:
        digits = array.astype(np.int64)
    else:
        text = np.asarray(array, dtype="U17")
        digits = text.view("U1").reshape(len(text), 17).view(np.int32) - ord("0")
    if digits.shape[1:] != (17,) or (digits < 0).any() or (digits > 9).any():
        raise IdNumberError("id_first17", "check_digits needs 17 digits per row")
    return _CHECK_CHARS[(digits @ WEIGHTS) % 11]


def _birth_date(s: str) -> dt.date:
    try:
        return dt.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        raise IdNumberError(
            "id_birth_date", f"impossible birth date {s[6:10]}-{s[10:12]}-{s[12:14]} in positions 7-14", date=s[6:14]
        ) from None


def validate_id_number(s: str, *, birth_date: dt.date | None = None, gender: str | None = None) -> None:
    """Raise IdNumberError naming the first problem; optionally check consistency with the person.

    gender is "M" or "F" (the 17th digit is odd for men, even for women).
    """
    if not isinstance(s, str):
        raise IdNumberError("id_not_text", f"an ID number is text, got {type(s).__name__}")
    if len(s) != 18:
        raise IdNumberError("id_length", f"an ID number has 18 characters, this one has {len(s)}", length=len(s))
    for position, char in enumerate(s[:17], start=1):
        if not ("0" <= char <= "9"):
            raise IdNumberError("id_character", f"non-digit {char!r} at position {position}", position=position)
    born = _birth_date(s)
    expected = check_digit(s[:17])
    if s[17].upper() != expected:
        raise IdNumberError("id_check_digit", f"check digit should be {expected}, not {s[17]}", expected=expected)
    if birth_date is not None and born != birth_date:
        raise IdNumberError(
            "id_birth_mismatch",
            f"birth date in the number is {born.isoformat()}, the person's is {birth_date.isoformat()}",
        )
    if gender is not None:
        coded = "M" if int(s[16]) % 2 else "F"
        if coded != gender:
            raise IdNumberError(
                "id_gender_mismatch", f"position 17 codes gender {coded}, the person's gender is {gender}"
            )


def mask_id_number(s: str) -> str:
    """Keep the first 6 and last 4 characters (area code and tail), hide the birth date and sequence."""
    if len(s) <= 10:
        return "*" * len(s)
    return s[:6] + "*" * (len(s) - 10) + s[-4:]


def mask_id_numbers(values: pd.Series) -> pd.Series:
    """Vectorised mask_id_number; missing values stay missing."""
    text = values.astype("string")
    out = text.str.slice(0, 6) + "*" * 8 + text.str.slice(-4)
    other = text.notna() & (text.str.len() != 18)
    out[other] = text[other].map(mask_id_number)
    return out.rename(values.name)
