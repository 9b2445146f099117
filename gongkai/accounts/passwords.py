"""Password rules with messages in Chinese.

Django 5.2's minimum-length messages have no zh-hans translation (they reach the staff in
English), so this validator says them itself; the other validators are translated upstream.
"""

from django.contrib.auth.password_validation import MinimumLengthValidator as _MinimumLength


class MinimumLengthValidator(_MinimumLength):
    def get_error_message(self) -> str:
        return f"密码太短，至少需要 {self.min_length} 个字符。"

    def get_help_text(self) -> str:
        return f"密码至少需要 {self.min_length} 个字符。"
