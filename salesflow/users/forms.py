from django import forms
from django.utils.translation import gettext_lazy as _

from salesflow.users.models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "social_style"]
        help_texts = {
            "social_style": _(
                "Your own style: the contact pages compare it with each contact's to advise you."
            )
        }


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100, required=False)
