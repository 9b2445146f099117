"""`gongkai content check FILE`: findings printed, exit 1; clean, exit 0; unreadable, exit 2."""

import io
import json
import subprocess
import sys

import pytest

from gongkai.inspection.cli import main

from .files import docx_with_everything


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    return main(list(args), out, err), out.getvalue(), err.getvalue()


def test_a_text_with_findings_exits_1_and_lists_kind_text_suggestion_and_place(tmp_path):
    path = tmp_path / "通知.txt"
    path.write_text("第一行\n请向国土资源部报送，联系电话13812345678。", encoding="utf-8")
    code, out, _ = run("check", str(path))
    assert code == 1
    assert "通知.txt:2: 机构名称已变更：国土资源部 —— 应称“自然资源部”" in out
    assert "手机号码：1381***5678" in out and "13812345678" not in out
    assert "共发现 2 项" in out


def test_json_output_carries_each_finding(tmp_path):
    path = tmp_path / "名单.docx"
    path.write_bytes(docx_with_everything("名单：张三 11010519491231002X"))
    code, out, _ = run("check", str(path), "--format", "json")
    assert code == 1
    (finding,) = json.loads(out)["findings"]
    assert finding["kind"] == "id_number" and finding["found"] == "1101**********002X"
    assert finding["place"]["line"] == 1


def test_a_clean_file_exits_0(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text("上海市司法局关于开展宪法宣传周活动的通知。", encoding="utf-8")
    assert run("check", str(path))[:2] == (0, "未发现问题。\n")


@pytest.mark.parametrize(
    ("name", "content"),
    [("x.docx", b"PK\x03\x04 broken"), ("x.png", b"\x89PNG"), ("missing", None)],
)
def test_unreadable_input_exits_2_with_a_reason(tmp_path, name, content):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, out, err = run("check", str(path))
    assert code == 2 and out == "" and err.strip()


def test_the_command_line_gives_the_exit_code(tmp_path, db):
    path = tmp_path / "a.txt"
    path.write_text("截止目前", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "gongkai", "content", "check", str(path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1, done.stderr
    assert "易错字词：截止目前" in done.stdout
