from django import forms
from django.utils.translation import gettext_lazy as _


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("Why should this sanction be lifted?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        help_text=_("One appeal per sanction. A platform administrator decides and tells you why."),
    )
