import pytest

from gongkai.applications.validators import resident_id_problem, uscc_problem


@pytest.mark.parametrize(
    "number", ["11010519491231002X", "11010519491231002x", "310104198503123513"]
)
def test_it_accepts_resident_id_numbers_with_a_correct_check_digit(number):
    assert resident_id_problem(number) is None


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("110105194912310021", "校验位不正确"),
        ("11010519491231002", "应为18位"),
        ("1101051949123100XX", "应为18位"),
        ("110105194902300028", "出生日期不存在"),
        ("110105180001010011", "出生日期不合理"),
    ],
)
def test_it_refuses_resident_id_numbers_with_a_clear_reason(number, message):
    assert message in resident_id_problem(number)


@pytest.mark.parametrize(
    "code",
    [
        "914403001922038216",  # 华为技术有限公司
        "9144030071526726XG",  # 深圳市腾讯计算机系统有限公司
        "91330100799655058B",
        "91110000802100433b",
    ],
)
def test_it_accepts_unified_social_credit_codes_with_a_correct_check_character(code):
    assert uscc_problem(code) is None


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("914403001922038217", "校验位不正确"),
        ("9144030071526726XH", "校验位不正确"),
        ("91440300192203821", "应为18位"),
        ("9144030019220382I6", "不使用I、O、S、V、Z"),
        ("91A40300192203821X", "行政区划码"),
    ],
)
def test_it_refuses_credit_codes_with_a_clear_reason(code, message):
    assert message in uscc_problem(code)
