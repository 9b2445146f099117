"""What the portal's audit entries are called (see accounts/audit_names.py)."""

ACTIONS = {"portal.site_info_save": "修改网站标识信息"}
