//! Messages for people: the Chinese message is Chinese only (no English
//! text of a parser or the system in it), the English one carries the
//! details (issue 12, item 13). That every kind of every area has both
//! messages, each in its own language, is tested next to the kinds, where
//! a match over them can be exhaustive: `crates/policy/src/error/tests.rs`.

use yibao::policy::data;
use yibao::toml_input::policy_from_toml;
use yibao::{Error, PolicyError};

const FIXTURE: &str = include_str!("data/test_county.toml");

fn refused(text: &str) -> Error {
    policy_from_toml("bad.toml", text).expect_err("refused")
}

fn messages(e: &Error) -> (String, String) {
    (e.message_zh(), e.message_en())
}

/// The TOML mistakes people new to the format make, each with its line and
/// the Chinese words for it; the parser's English only in English.
#[test]
fn toml_syntax_errors_say_in_chinese_what_is_wrong() {
    let cases = [
        (
            "id = “test”\n",
            1,
            "文字要用英文双引号 \"…\" 括起来（中文引号“”不行）；日期写成 2024-01-01",
            "string values must be quoted, expected literal string",
        ),
        (
            "id = \"a\"\nid = \"b\"\n",
            2,
            "同一个字段（或同一个 [标题]）写了两次",
            "duplicate key",
        ),
        (
            "id = \"a\n",
            1,
            "引号没有配对：文字要在同一行内用英文双引号括起来",
            "invalid basic string, expected `\"`",
        ),
        (
            "\n[versions\n",
            2,
            "方括号 [ ] 没有配对",
            "unclosed table, expected `]`",
        ),
        (
            "a = { b = 1\n",
            1,
            "花括号 { } 没有配对",
            "unclosed inline table, expected `}`",
        ),
        (
            "id \"a\"\n",
            1,
            "字段名后面缺少 = 和值",
            "key with no value, expected `=`",
        ),
        (
            "a = { b = 1 c = 2 }\n",
            1,
            "列表或花括号里的各项之间要用英文逗号 , 隔开",
            "extra assignment between key-value pairs, expected `,`",
        ),
        (
            "id = \"a\"，\n",
            1,
            "这一行多了内容：一行只写一个字段，符号要用英文半角（常见：中文逗号，）",
            "unexpected key or value, expected newline, `#`",
        ),
        (
            "a = 1__0\n",
            1,
            "请对照 policies/README.md 第 1.2 节检查这一行的写法",
            "`_` may only go between digits, expected nothing",
        ),
    ];
    for (text, line, zh, en) in cases {
        let e = refused(text);
        assert_eq!(e.location().map(|l| l.line), Some(line), "{text:?}");
        assert_eq!(
            messages(&e),
            (
                format!("TOML 格式错误（第 {line} 行）：{zh}"),
                format!("TOML syntax error: {en}")
            ),
            "{text:?}"
        );
    }
}

#[test]
fn rules_of_the_policy_format_are_told_once_per_language() {
    let e = refused(&FIXTURE.replacen("id = \"test_county\"", "id = \"Test County\"", 1));
    assert_eq!(e.kind(), &PolicyError::BadId);
    assert_eq!(
        messages(&e),
        (
            "id 只能用小写英文字母、数字和下划线".into(),
            "an id has lowercase ASCII letters, digits and _ only".into()
        )
    );
    let e = refused(&FIXTURE.replacen(
        "rate_points = { value = \"10%\", assumed = \"test\" }",
        "rate_points = { value = \"10%\", assumed = \"test\" }\n\
         flat_rate = { value = \"80%\", assumed = \"test\" }",
        1,
    ));
    assert_eq!(e.field(), "versions[1].critical_illness.tilts[0]");
    assert_eq!(
        messages(&e),
        (
            "rate_points 和 flat_rate 只能写一个".into(),
            "give rate_points or flat_rate, not both".into()
        )
    );
}

#[test]
fn policy_data_of_another_version_or_damaged_is_refused_plainly() {
    let e = data::from_bytes(b"yibao-p0 old data", "fuxin.bin").expect_err("old format");
    assert_eq!(
        messages(&e),
        (
            "不是本版本程序的政策数据（网页上请刷新页面；其他程序请用同一版本附带的政策数据）".into(),
            "not policy data of this version (on the page, reload it; elsewhere, use the policy data that came with this version)".into()
        )
    );
    let mut bytes = data::FORMAT.to_vec();
    bytes.extend_from_slice(&[0xff; 12]);
    let e = data::from_bytes(&bytes, "fuxin.bin").expect_err("damaged");
    assert_eq!(e.field(), "fuxin.bin");
    assert_eq!(e.message_zh(), "政策数据已损坏，无法读取（请刷新页面）");
    assert!(
        e.message_en()
            .starts_with("the policy data is damaged (reload the page): "),
        "{}",
        e.message_en()
    );
}
