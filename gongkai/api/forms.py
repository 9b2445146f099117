from django import forms


class TokenForm(forms.Form):
    name = forms.CharField(
        label="用途说明",
        max_length=60,
        help_text="写明令牌给哪个系统用，例如“门户网站目录同步”。",
        error_messages={
            "required": "请填写令牌的用途说明。",
            "max_length": "用途说明不超过60个字。",
        },
    )
