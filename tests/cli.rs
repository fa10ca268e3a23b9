//! The `yibao` command line, run as a user runs it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn yibao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yibao"))
        .args(args)
        .output()
        .expect("run yibao")
}

/// Runs yibao with `input` on standard input.
fn yibao_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yibao"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run yibao");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("yibao output")
}

const FIXTURE: &str = "tests/data/test_county.toml";

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
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON out");
    assert_eq!(
        json,
        serde_json::json!({ "value": "12000.00", "display": "12,000.00" })
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

/// Inner Mongolia 2020, dibao, one county stay of 20,000 + 2,000 out of policy:
/// basic (20000 − 500) × 75% = 14625; 5375 left is below the 14,000
/// critical-illness threshold; assistance 5375 × 70% = 3762.50.
#[test]
fn estimate_reads_json_on_stdin_and_prints_json() {
    let request = r#"{"policy":"inner_mongolia","scheme":"resident","category":"dibao",
        "admissions":[{"level":"county","compliant":"20000","out_of_policy":2000}]}"#;
    let output = yibao_stdin(&["estimate", "--json"], request);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON out");
    assert_eq!(json["layers"][0]["paid"], "14625.00");
    assert_eq!(json["layers"][2]["id"], "medical_assistance");
    assert_eq!(json["layers"][2]["paid"], "3762.50");
    assert_eq!(json["out_of_pocket"]["total"], "3612.50");
}

#[test]
fn estimate_from_flags_prints_a_chinese_table() {
    let output = yibao(&[
        "estimate",
        "--policy",
        "inner_mongolia",
        "--scheme",
        "resident",
        "--category",
        "dibao",
        "--level",
        "county",
        "--compliant",
        "2万",
        "--out-of-policy",
        "2000",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("基本医保               14,625.00"), "{text}");
    assert!(text.contains("个人自付                3,612.50"), "{text}");
}

#[test]
fn bad_requests_exit_2_naming_the_field() {
    let output = yibao_stdin(
        &["estimate"],
        r#"{"policy":"inner_mongolia","scheme":"resident","category":"dibao","admissions":[]}"#,
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "错误 / error: admissions: 请至少填写一次住院 (enter at least one hospital stay)\n"
    );
    let output = yibao_stdin(&["estimate", "--json"], "{not json");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("{\"field\":\"\",\"message_zh\":\"格式错误"),
        "{}",
        stderr(&output)
    );
    let output = yibao(&[
        "estimate",
        "--policy",
        "inner_mongolia",
        "--scheme",
        "resident",
        "--category",
        "dibao",
        "--level",
        "county",
        "--compliant",
        "100",
        "--override",
        "critical_illness.threshold=-1",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("overrides.critical_illness.threshold: 金额不能为负数"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn check_reports_ok_or_the_line_of_the_first_problem() {
    let output = yibao(&["check", FIXTURE]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "tests/data/test_county.toml: 通过 / ok — test_county，2 个版本，45 个数字：原文 0，假设 45 / 45 figures: 0 cited, 45 assumed\n"
    );

    let broken = std::env::temp_dir().join(format!("yibao-broken-{}.toml", std::process::id()));
    let original = std::fs::read_to_string(FIXTURE).unwrap();
    let line = original[..original.find("value = \"80%\"").unwrap()]
        .matches('\n')
        .count()
        + 1;
    let text = original.replacen("value = \"80%\"", "value = \"180%\"", 1);
    std::fs::write(&broken, text).unwrap();
    let output = yibao(&["check", broken.to_str().unwrap()]);
    std::fs::remove_file(&broken).ok();
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains(&format!(
            ".toml:{line}: versions[1].basic.resident.rate.county.value: 比例应在 0% 到 100% 之间"
        )),
        "{message}"
    );
}

#[test]
fn a_county_can_try_its_own_policy_file() {
    let output = yibao(&[
        "explain",
        "--policy-file",
        FIXTURE,
        "--policy",
        "test_county",
        "--scheme",
        "resident",
        "--category",
        "ordinary",
        "--level",
        "county",
        "--compliant",
        "20000",
        "--age",
        "30",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("(20000 − 500) × 80% = 15600.00"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn policies_lists_every_baked_policy() {
    let output = yibao(&["policies", "--json"]);
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["id"].as_str())
        .collect();
    assert!(ids.contains(&"inner_mongolia"), "{ids:?}");
    assert_eq!(json[0]["versions"][0]["levels"][0]["id"], "township");
}

/// `yibao batch FILE`: the output CSV on stdout, the count on stderr, exit 0
/// even though two rows of the example have errors (they are in the output).
#[test]
fn batch_writes_the_results_and_counts_the_errors() {
    let output = Command::new(env!("CARGO_BIN_EXE_yibao"))
        .args(["batch", "--en", "docs/batch-example.csv"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("\u{feff}id,policy,version"), "{stdout}");
    assert!(stdout.contains("C-002,,,,,,,,,,,,,,,compliant,the amount cannot be negative"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("9 households, 7 computed, 2 with errors"),
        "{stderr}"
    );
    let gbk = Command::new(env!("CARGO_BIN_EXE_yibao"))
        .args(["batch", "tests/data/gbk.csv"])
        .output()
        .expect("runs");
    assert_eq!(gbk.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&gbk.stderr).contains("tests/data/gbk.csv:0"));
    assert!(String::from_utf8_lossy(&gbk.stderr).contains("CSV UTF-8"));
}
