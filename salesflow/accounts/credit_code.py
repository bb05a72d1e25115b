"""The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, last one a checksum."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [pow(3, i, 31) for i in range(17)]


def check_character(first_17: str) -> str:
    total = sum(ALPHABET.index(c) * w for c, w in zip(first_17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalise_credit_code(value: str) -> str:
    return value.strip().upper().replace(" ", "")


def validate_credit_code(value: str) -> None:
    code = normalise_credit_code(value)
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(n)d."),
            code="length",
            params={"n": len(code)},
        )
    bad = sorted({c for c in code if c not in ALPHABET})
    if bad:
        raise ValidationError(
            _("A unified social credit code cannot contain %(chars)s."),
            code="characters",
            params={"chars": ", ".join(bad)},
        )
    if check_character(code[:17]) != code[17]:
        raise ValidationError(
            _("The check character is wrong: this is not a valid unified social credit code."),
            code="checksum",
        )
