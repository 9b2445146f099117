"""One JSON shape for every refusal under /api/: {"error": {"code": …, "message": "中文…"}}."""

import json
import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.http.request import RawPostDataException
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"


class ErrorBody(Schema):
    code: str
    message: str


class ErrorOut(Schema):
    error: ErrorBody


class ApiError(Exception):
    """A refusal with its HTTP status, machine code and Chinese message."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_response(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(
        {"error": {"code": code, "message": message}},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


# pydantic's error types, as an applicant or a developer reading Chinese would want them.
_PROBLEMS = {
    "missing": "缺少必填项",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "string_type": "应为文字",
    "string_too_long": "过长",
    "string_too_short": "过短",
    "greater_than_equal": "过小",
    "greater_than": "过小",
    "less_than_equal": "过大",
    "less_than": "过大",
    "literal_error": "不是可选的取值",
    "enum": "不是可选的取值",
    "json_invalid": "不是有效的 JSON",
    "model_attributes_type": "应为 JSON 对象",
    "dict_type": "应为 JSON 对象",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
}


def _field_name(loc) -> str:
    # loc is e.g. ("query", "limit") or ("body", "payload", "phone"): the last name is the field.
    names = [str(part) for part in loc if part not in {"query", "body", "path", "payload"}]
    return ".".join(names) or "请求体"


def validation_message(errors: list[dict]) -> str:
    parts = []
    for error in errors[:5]:
        problem = _PROBLEMS.get(error.get("type", ""), "格式不正确")
        parts.append(f"{_field_name(error.get('loc', ()))}{problem}")
    return "请求参数有误：" + "；".join(parts) + "。"


def install(api) -> None:
    """Attach the handlers that turn every refusal into the one shape."""

    @api.exception_handler(ApiError)
    def _api_error(request, exc: ApiError):
        return error_response(exc.status, exc.code, exc.message)

    @api.exception_handler(NinjaValidationError)
    def _invalid(request, exc: NinjaValidationError):
        return error_response(400, "invalid_request", validation_message(exc.errors))

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request, exc):
        return error_response(
            401,
            "unauthenticated",
            "需要有效的接口令牌：请在请求头中提供 Authorization: Bearer 令牌。",
        )

    @api.exception_handler(PermissionDenied)
    def _forbidden(request, exc):
        return error_response(403, "forbidden", str(exc) or "您没有权限执行该操作。")

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return error_response(404, "not_found", "请求的内容不存在或尚未公开。")

    @api.exception_handler(HttpError)
    def _http_error(request, exc: HttpError):
        return error_response(exc.status_code, "http_error", "请求无法处理。")

    # A form post (multipart) was parsed by the control-character check before the API came to
    # read its JSON body: the body is gone, and the request was not JSON anyway.
    @api.exception_handler(RawPostDataException)
    def _not_json(request, exc):
        return error_response(
            400, "invalid_request", "请求体须为 JSON：请使用 Content-Type: application/json。"
        )


_STATUS_MESSAGES = {
    400: ("bad_request", "请求格式有误。"),
    401: ("unauthenticated", "需要有效的接口令牌。"),
    403: ("forbidden", "您没有权限执行该操作。"),
    404: ("not_found", "请求的地址不存在。"),
    405: ("method_not_allowed", "该地址不支持此请求方法。"),
    413: ("too_large", "请求内容过大。"),
    500: ("server_error", "服务器内部错误，请稍后再试。"),
}


class JsonErrorsMiddleware:
    """Under /api/, a refusal Django or the URL resolver made (404, 405, 500) in HTML becomes
    the same JSON shape as the API's own refusals."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            code, message = _STATUS_MESSAGES.get(response.status_code, ("error", "请求无法处理。"))
            replaced = error_response(response.status_code, code, message)
            if response.has_header("Allow"):
                replaced["Allow"] = response["Allow"]
            return replaced
        return response

    def process_exception(self, request, exception):
        if not request.path.startswith(API_PREFIX):
            return None
        if isinstance(exception, Http404):
            return error_response(404, *_STATUS_MESSAGES[404])
        if isinstance(exception, PermissionDenied):
            return error_response(403, "forbidden", str(exception) or _STATUS_MESSAGES[403][1])
        logger.exception("API request failed: %s", request.path, exc_info=exception)
        return error_response(500, *_STATUS_MESSAGES[500])


def parse_json(body: bytes):
    try:
        return json.loads(body or b"null")
    except ValueError:
        raise ApiError(400, "invalid_json", "请求体不是有效的 JSON。") from None
