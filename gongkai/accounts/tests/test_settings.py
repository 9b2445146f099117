"""Settings come from the environment; production is strict; bad input gives one clear line."""

from gongkai.accounts.tests.commandline import run_gongkai

STRONG_KEY = "k" * 10 + "Zx9-Qw8_Er7+Ty6*Ui5&Op4^As3%Df2$Gh1#Jk0@Lz" + "m" * 10


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = run_gongkai(
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
    result = run_gongkai(
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
    result = run_gongkai(
        "check", DATABASE_URL="mysqlx://nobody@nowhere/db", GONGKAI_VAR_DIR=str(tmp_path)
    )
    assert result.returncode == 2
    assert result.stderr.strip().startswith("gongkai: 配置错误: DATABASE_URL")
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_number_that_is_not_a_number_gives_one_clear_line(tmp_path):
    result = run_gongkai("check", GONGKAI_TRUSTED_PROXIES="one", GONGKAI_VAR_DIR=str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip().startswith("gongkai: 配置错误: GONGKAI_TRUSTED_PROXIES")
    assert len(result.stderr.strip().splitlines()) == 1


def test_development_generates_and_keeps_a_secret_key(tmp_path):
    first = run_gongkai("check", GONGKAI_VAR_DIR=str(tmp_path))
    assert first.returncode == 0, first.stderr
    key = (tmp_path / "secret_key").read_text()
    run_gongkai("check", GONGKAI_VAR_DIR=str(tmp_path))
    assert (tmp_path / "secret_key").read_text() == key
    assert len(key) >= 50


def test_defaults_are_chinese_shanghai_time_and_debug_off(settings):
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.DEBUG is False
