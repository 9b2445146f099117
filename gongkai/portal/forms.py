from django import forms

from .models import SiteInfo


class SiteInfoForm(forms.ModelForm):
    class Meta:
        model = SiteInfo
        fields = ["sponsor", "organizer", "site_code", "icp_record", "police_record"]
