"""Social styles (§4 of the method): the four styles, their axes, and how to adapt to another person."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class SocialStyle(models.TextChoices):
    DRIVER = "driver", _("Driver")
    EXPRESSIVE = "expressive", _("Expressive")
    AMIABLE = "amiable", _("Amiable")
    ANALYTICAL = "analytical", _("Analytical")


# (assertiveness, warmth): high pace = 1, low = 0; warm = 1, controlled = 0.
AXES: dict[str, tuple[int, int]] = {
    SocialStyle.DRIVER: (1, 0),
    SocialStyle.EXPRESSIVE: (1, 1),
    SocialStyle.AMIABLE: (0, 1),
    SocialStyle.ANALYTICAL: (0, 0),
}

PROFILE = {
    SocialStyle.DRIVER: {
        "looks_like": _("results-first, practical, competitive, purposeful"),
        "bad_impression": _("too hard, pushes on, leaves others no time"),
        "remedy": _("slow down, relax, show interest in the other's view, show you listen"),
    },
    SocialStyle.EXPRESSIVE: {
        "looks_like": _("recognition-seeking, emotional, takes risks, impatient"),
        "bad_impression": _("unreliable, too busy, promises lightly, talks big"),
        "remedy": _(
            "be patient and careful, listen, take notes, stay on the deal, keep to facts, "
            "be on time, make no empty promises"
        ),
    },
    SocialStyle.AMIABLE: {
        "looks_like": _("people-oriented, likes to talk and smooth things, cooperative"),
        "bad_impression": _("spares feelings, avoids bad news and frank criticism"),
        "remedy": _("no sugar-coating: give both sides, say what you think and defend it"),
    },
    SocialStyle.ANALYTICAL: {
        "looks_like": _("task-oriented, logical, careful, steady"),
        "bad_impression": _("distant, keeps views hidden, holds back"),
        "remedy": _(
            "speak openly, share views, take some risks, don't be so formal about everything"
        ),
    },
}

FASTER = _(
    "They are more assertive (faster): speed up, cut detail, state your position briefly, "
    "keep the long argument for later, decide on the spot what can be decided."
)
SLOWER = _(
    "They are less assertive (slower): slow down, explore options and consequences, "
    "listen to the end, give them time, be patient."
)
WARMER = _(
    "They are warmer: respond to them, build on their ideas, share yours, sum up warmly, "
    "a little humour is fine."
)
COOLER = _(
    "They are cooler: stay on the business, follow every question to its result, "
    "skip the small talk, let them run the meeting."
)
SAME_PACE = _("Same pace as you: keep your usual tempo.")
SAME_WARMTH = _("Same warmth as you: keep your usual tone.")


@dataclass(frozen=True)
class StyleAdvice:
    pace: str
    warmth: str
    watch_in_yourself: str
    watch_bad_impression: str


def advise(*, own_style: str, their_style: str) -> StyleAdvice:
    """How a user of `own_style` should adapt to a person of `their_style`."""
    own_pace, own_warmth = AXES[own_style]
    their_pace, their_warmth = AXES[their_style]
    if their_pace > own_pace:
        pace = FASTER
    elif their_pace < own_pace:
        pace = SLOWER
    else:
        pace = SAME_PACE
    if their_warmth > own_warmth:
        warmth = WARMER
    elif their_warmth < own_warmth:
        warmth = COOLER
    else:
        warmth = SAME_WARMTH
    own = PROFILE[SocialStyle(own_style)]
    return StyleAdvice(
        pace=str(pace),
        warmth=str(warmth),
        watch_in_yourself=str(own["remedy"]),
        watch_bad_impression=str(own["bad_impression"]),
    )
