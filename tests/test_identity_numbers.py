"""GB 11643 resident ID numbers: check digits, specific validation messages, masking."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from faker import Faker
from hypothesis import given
from hypothesis import strategies as st

from scoring.identity_numbers import (
    IdNumberError,
    check_digit,
    check_digits,
    mask_id_number,
    mask_id_numbers,
    validate_id_number,
)

VALID = ["11010519491231002X", "440524188001010014", "11010119900307803X"]


@pytest.mark.parametrize("number", VALID)
def test_known_valid_numbers(number):
    assert check_digit(number[:17]) == number[17]
    validate_id_number(number)


def test_lower_case_x_is_accepted():
    validate_id_number("11010519491231002x")


def test_agrees_with_fakers_checksum():
    fake = Faker("zh_CN")
    fake.seed_instance(1)
    numbers = [fake.ssn() for _ in range(200)]
    assert list(check_digits([n[:17] for n in numbers])) == [n[17] for n in numbers]


@given(st.lists(st.text("0123456789", min_size=17, max_size=17), min_size=1, max_size=50))
def test_vectorised_equals_scalar(firsts):
    expected = [check_digit(f) for f in firsts]
    assert list(check_digits(firsts)) == expected
    matrix = np.array([[int(c) for c in f] for f in firsts])
    assert list(check_digits(matrix)) == expected


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("11010519491231002", "has 18 characters, this one has 17"),
        ("11010519491231002XX", "has 18 characters, this one has 19"),
        ("1101051949123100AX", "non-digit 'A' at position 17"),
        ("A1010519491231002X", "non-digit 'A' at position 1"),
        ("110105194902300021", "impossible birth date 1949-02-30"),
        ("110105194913010021", "impossible birth date 1949-13-01"),
        ("110105194912310023", "check digit should be X, not 3"),
    ],
)
def test_specific_messages(number, message):
    with pytest.raises(IdNumberError, match=message):
        validate_id_number(number)


def test_consistency_with_the_person():
    validate_id_number("11010519491231002X", birth_date=dt.date(1949, 12, 31), gender="F")
    with pytest.raises(IdNumberError, match="codes gender F, the person's gender is M"):
        validate_id_number("11010519491231002X", gender="M")
    with pytest.raises(IdNumberError, match="birth date in the number is 1949-12-31, the person's is 1950-01-01"):
        validate_id_number("11010519491231002X", birth_date=dt.date(1950, 1, 1))


def test_id_number_error_is_a_value_error():
    assert issubclass(IdNumberError, ValueError)
    with pytest.raises(IdNumberError, match="17 digits"):
        check_digit("123")


def test_masking_keeps_area_code_and_tail():
    assert mask_id_number("32049119900101123X") == "320491********123X"
    assert mask_id_number("12345") == "*****"
    masked = mask_id_numbers(pd.Series(["32049119900101123X", None, "12345"], name="id_number"))
    assert masked.name == "id_number"
    assert masked.iloc[0] == "320491********123X" and pd.isna(masked.iloc[1]) and masked.iloc[2] == "*****"
