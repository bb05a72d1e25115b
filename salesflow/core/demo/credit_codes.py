"""Unique, valid unified social credit codes for demo companies.

Layout (GB 32100-2015): registration authority and entity type (91 = a company registered with
market regulation), a six-digit administrative division code, a nine-character organisation code
(GB 11714, with its own check character), and the check character of the whole code.
"""

from salesflow.accounts.credit_code import ALPHABET, check_character
from salesflow.core.demo.fakes import DemoRandom
from salesflow.core.demo.geography import City

ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
# The organisation code may only use letters that the credit code alphabet also allows.
ORG_CODE_LETTERS = "".join(c for c in ALPHABET if c.isalpha())


def organisation_check_character(body: str) -> str:
    total = sum(int(c, 36) * w for c, w in zip(body, ORG_CODE_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


class CreditCodeMaker:
    def __init__(self, randomness: DemoRandom) -> None:
        self.randomness = randomness
        self.issued: set[str] = set()

    def make(self, city: City) -> str:
        rng = self.randomness.rng
        while True:
            division = city.division_code + f"{rng.randint(1, 18):02d}"
            if rng.random() < 0.4:
                # Codes issued since 2015 carry "MA" and letters in the organisation code.
                body = "MA" + "".join(rng.choice("0123456789" + ORG_CODE_LETTERS) for _ in range(6))
            else:
                body = self.randomness.digits(8)
            first_17 = "91" + division + body + organisation_check_character(body)
            code = first_17 + check_character(first_17)
            if code not in self.issued:
                self.issued.add(code)
                return code
