"""Money in Chinese business documents is grouped by thousands with commas (938,990,000),
not Django's default for zh-Hans (ungrouped)."""

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
