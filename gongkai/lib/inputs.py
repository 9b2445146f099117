"""One guard for every text a request carries: no control characters, names that fit.

PostgreSQL refuses a NUL (0x00) in any text value, in a query as much as in a row, and raises
where SQLite quietly stores it; the other C0 control characters are never typed by a person and
only hide text from reviewers. So they are refused once, here, for every GET parameter and
every POSTed form field of every page, before a view or a form sees them, instead of by a check
in each form. Tab, line feed and carriage return stay allowed: browsers send a textarea's lines
as CR LF.

Uploaded file names need no check here: Django's multipart parser already drops their
non-printable characters. Their length is `fit_filename`'s business.
"""

import re

from django.http import QueryDict
from django.shortcuts import render

# C0 controls except tab (09), line feed (0a) and carriage return (0d), and DEL (7f).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

REFUSAL = (
    "提交的内容中含有不可见的控制字符（例如空字符 NUL），无法处理。"
    "请返回上一页，删除这些字符（可重新输入相关内容）后再提交。"
)


def has_control_characters(text: str) -> bool:
    return CONTROL_CHARACTERS.search(text) is not None


def _any_in(query_dict) -> bool:
    for key, values in query_dict.lists():
        if has_control_characters(key):
            return True
        for value in values:
            if isinstance(value, str) and has_control_characters(value):
                return True
    return False


def refused(request) -> bool:
    """True when the request's query string or form fields carry a control character."""
    if _any_in(request.GET):
        return True
    # Only form posts are parsed into request.POST; other bodies (JSON) are their reader's care.
    return request.method == "POST" and _any_in(request.POST)


class RefuseControlCharactersMiddleware:
    """Answers 400 with a Chinese explanation to a request whose text holds a control character.

    It looks just before the view (process_view), so any middleware that limits a request's
    size or rate has done so before the body is parsed here, and the page it shows has the
    site's usual frame (session, user, messages).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if refused(request):
            # The page is drawn without the refused parameters: the header's search box echoes
            # `q`, and a box still holding the control character would fail again when sent.
            request.GET = QueryDict()
            return render(request, "400.html", {"message": REFUSAL}, status=400)
        return None


def fit_filename(name: str, limit: int) -> str:
    """`name` shortened to at most `limit` characters, keeping its extension (which tells the
    kind of file) and as much of the start of its stem as fits. Browsers send whatever name the
    file has on the user's disk; a long one is no reason to refuse the file."""
    if len(name) <= limit:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or len(extension) >= limit - 1:
        return name[:limit]
    return f"{stem[: limit - len(extension) - 2]}….{extension}"
