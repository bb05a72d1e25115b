import pytest

from salesflow.contacts.social_styles import (
    COOLER,
    FASTER,
    PROFILE,
    SAME_PACE,
    SAME_WARMTH,
    SLOWER,
    WARMER,
    SocialStyle,
    advise,
)


@pytest.mark.parametrize(
    "own, theirs, pace, warmth",
    [
        (SocialStyle.ANALYTICAL, SocialStyle.DRIVER, FASTER, SAME_WARMTH),
        (SocialStyle.DRIVER, SocialStyle.ANALYTICAL, SLOWER, SAME_WARMTH),
        (SocialStyle.ANALYTICAL, SocialStyle.AMIABLE, SAME_PACE, WARMER),
        (SocialStyle.EXPRESSIVE, SocialStyle.DRIVER, SAME_PACE, COOLER),
        (SocialStyle.AMIABLE, SocialStyle.DRIVER, FASTER, COOLER),
        (SocialStyle.DRIVER, SocialStyle.AMIABLE, SLOWER, WARMER),
        (SocialStyle.ANALYTICAL, SocialStyle.EXPRESSIVE, FASTER, WARMER),
        (SocialStyle.EXPRESSIVE, SocialStyle.EXPRESSIVE, SAME_PACE, SAME_WARMTH),
    ],
)
def test_advice_compares_their_pace_and_warmth_with_yours(own, theirs, pace, warmth):
    advice = advise(own_style=own, their_style=theirs)

    assert advice.pace == str(pace)
    assert advice.warmth == str(warmth)


def test_advice_reminds_you_of_your_own_styles_bad_impression_and_remedy():
    advice = advise(own_style="driver", their_style="amiable")

    assert advice.watch_bad_impression == str(PROFILE[SocialStyle.DRIVER]["bad_impression"])
    assert advice.watch_in_yourself == str(PROFILE[SocialStyle.DRIVER]["remedy"])
    assert "slow down" in advice.watch_in_yourself


def test_advice_accepts_plain_strings_as_stored_on_users_and_contacts():
    advice = advise(own_style="amiable", their_style="analytical")

    assert advice.warmth.startswith("They are cooler")
    assert "sugar-coating" in advice.watch_in_yourself
