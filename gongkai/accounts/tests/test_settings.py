"""Settings come from the environment; production is strict; bad input gives one clear line."""

import os
import subprocess
import sys

STRONG_KEY = "k" * 10 + "Zx9-Qw8_Er7+Ty6*Ui5&Op4^As3%Df2$Gh1#Jk0@Lz" + "m" * 10


def _gongkai(*args, **env):
    full_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "GONGKAI_ENV", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "gongkai", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
    )


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = _gongkai(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        GONGKAI_ENV="production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="xxgk.example.gov.cn",
        GONGKAI_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _gongkai(
        "check",
        GONGKAI_ENV="production",
        ALLOWED_HOSTS="x.gov.cn",
        SECRET_KEY="",
        GONGKAI_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 2
    assert "SECRET_KEY" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_bad_database_url_gives_one_clear_line(tmp_path):
    result = _gongkai(
        "check", DATABASE_URL="mysqlx://nobody@nowhere/db", GONGKAI_VAR_DIR=str(tmp_path)
    )
    assert result.returncode == 2
    assert result.stderr.strip().startswith("gongkai: 配置错误: DATABASE_URL")
    assert len(result.stderr.strip().splitlines()) == 1


def test_development_generates_and_keeps_a_secret_key(tmp_path):
    first = _gongkai("check", GONGKAI_VAR_DIR=str(tmp_path))
    assert first.returncode == 0, first.stderr
    key = (tmp_path / "secret_key").read_text()
    _gongkai("check", GONGKAI_VAR_DIR=str(tmp_path))
    assert (tmp_path / "secret_key").read_text() == key
    assert len(key) >= 50


def test_defaults_are_chinese_shanghai_time_and_debug_off(settings):
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.DEBUG is False
