"""The REST API under /api/v1/: one NinjaAPI whose OpenAPI document is generated from the typed
schemas of its routers, so the document cannot drift from the code."""

from ninja import NinjaAPI, Swagger

from . import applications_api, errors, public, staff


class Docs(Swagger):
    """swagger-ui inside a page of the site: lang, a Chinese title and introduction, swagger-ui's
    own buttons and headings in Chinese (api/docs-zh.js), a way back to the portal. Static files
    only, for the CSP."""

    template = "api/docs.html"


api = NinjaAPI(
    title="政府信息公开开放接口",
    version="1.0.0",
    description=(
        "主动公开目录、机构、年度报告统计数据的公开查询；依申请公开的网上提交与进度查询；"
        "工作人员凭个人接口令牌办理本机构案件。所有错误均返回 "
        '{"error": {"code": "机器可读代码", "message": "中文说明"}}。'
    ),
    urls_namespace="api",
    # "ninja" is an installed app, so the docs page loads swagger-ui from our own static files.
    docs=Docs(settings={"persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
api.add_router("", public.router)
api.add_router("", applications_api.router)
api.add_router("", staff.router)
