//! The `yibao` command line, run as a user runs it.

use std::process::{Command, Output};

fn yibao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yibao"))
        .args(args)
        .output()
        .expect("run yibao")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn amount_prints_the_normalised_yuan() {
    let output = yibao(&["amount", "1.2万"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "12,000.00 元\n");
}

#[test]
fn amount_json_gives_decimal_strings() {
    let output = yibao(&["amount", "--json", "１２，０００"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "{\"value\":\"12000.00\",\"display\":\"12,000.00\"}\n"
    );
}

#[test]
fn bad_amount_exits_2_with_the_reason_on_stderr() {
    let output = yibao(&["amount", "-5"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        "错误 / error: amount: 金额不能为负数 (the amount cannot be negative)\n"
    );

    let output = yibao(&["amount", "--json", "abc"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("{\"field\":\"amount\",\"message_zh\":\"不是有效的金额"));
}

#[test]
fn unknown_command_prints_usage_and_exits_2() {
    let output = yibao(&["frobnicate"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("用法 / usage:"));
    assert_eq!(yibao(&["--version"]).status.code(), Some(0));
}
