//! The `yibao` command line, run as a user runs it.

use std::io::Write;
use std::process::{Child, Command, Output, Stdio};

fn yibao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yibao"))
        .args(args)
        .output()
        .expect("run yibao")
}

/// Starts yibao with `input` on standard input and the given stdout and stderr.
fn spawn(args: &[&str], input: &str, stdout: Stdio, stderr: Stdio) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yibao"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .expect("run yibao");
    // A command that does not read its input may be gone already.
    if let Err(e) = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
    {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
    child
}

/// Runs yibao with `input` on standard input.
fn yibao_stdin(args: &[&str], input: &str) -> Output {
    spawn(args, input, Stdio::piped(), Stdio::piped())
        .wait_with_output()
        .expect("yibao output")
}

/// A pipe whose reading end is already closed, as after `| head -1`.
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    writer.into()
}

/// A file that takes no bytes: every write fails with "no space left".
fn full_disk() -> Stdio {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full")
        .into()
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

const REQUEST: &str = r#"{"policy":"inner_mongolia","scheme":"resident","category":"dibao",
    "admissions":[{"level":"county","compliant":"20000","out_of_policy":2000}]}"#;

/// Issue 12, item 5: a reader that stops early (`| head -1`) ends the
/// command quietly, with exit 0, as ripgrep does; no panic (exit 101).
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let commands: [&[&str]; 4] = [
        &["batch", "docs/batch-example.csv"],
        &["describe", "--all"],
        &["estimate", "--json"],
        &["policies"],
    ];
    for args in commands {
        let output = spawn(args, REQUEST, closed_pipe(), Stdio::piped())
            .wait_with_output()
            .expect("yibao output");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr(&output)
        );
        let expected = if args[0] == "batch" {
            "9 户，算出 7 户，2 户有错 / 9 households, 7 computed, 2 with errors\n"
        } else {
            ""
        };
        assert_eq!(stderr(&output), expected, "{args:?}");
    }
}

/// Any other write error is reported in Chinese and English, exit 1.
#[test]
fn output_that_cannot_be_written_is_an_error_not_a_panic() {
    for args in [&["estimate", "--json"][..], &["describe", "--all"]] {
        let output = spawn(args, REQUEST, full_disk(), Stdio::piped())
            .wait_with_output()
            .expect("yibao output");
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert_eq!(
            stderr(&output),
            "错误 / error: 无法写出结果（标准输出）：磁盘已满 \
             (cannot write to standard output: No space left on device (os error 28))\n"
        );
    }
}

/// A message that cannot be written to stderr is dropped: the output and
/// the exit status are what they would be.
#[test]
fn a_full_stderr_changes_nothing() {
    let output = spawn(
        &["batch", "docs/batch-example.csv"],
        "",
        Stdio::piped(),
        full_disk(),
    )
    .wait_with_output()
    .expect("yibao output");
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).starts_with("\u{feff}编号,地区,政策版本"));
    let output = spawn(&["frobnicate"], "", Stdio::piped(), full_disk())
        .wait_with_output()
        .expect("yibao output");
    assert_eq!(output.status.code(), Some(2));
}

/// `yibao bake` into a folder that cannot be written names the file.
#[test]
fn bake_names_the_file_it_cannot_write() {
    let output = yibao(&["bake", "--out", "/dev/full/site"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "错误 / error: --out: 无法写入文件 /dev/full/site：路径中有一部分不是文件夹 \
         (cannot write /dev/full/site: Not a directory (os error 20))\n"
    );
}

/// Issue 12, item 13: a JSON syntax error is told in Chinese (where it is)
/// and with the parser's words in English only.
#[test]
fn a_request_that_is_not_json_is_told_in_both_languages() {
    let output = yibao_stdin(
        &["estimate", "--json"],
        "{\"policy\": \"fuxin\",\n  scheme}",
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "{\"field\":\"\",\"message_zh\":\"请求不是有效的 JSON（第 2 行第 3 列）\",\
         \"message_en\":\"the request is not valid JSON: key must be a string at line 2 column 3\"}\n"
    );
}

/// A request saved by Windows Notepad starts with a byte-order mark.
#[test]
fn a_request_with_a_byte_order_mark_is_read() {
    let output = yibao_stdin(&["estimate", "--json"], &format!("\u{feff}{REQUEST}"));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON out");
    assert_eq!(json["out_of_pocket"]["total"], "3612.50");
}

/// A file that cannot be read: why in Chinese words, the system's text in
/// English only.
#[test]
fn a_file_that_cannot_be_read_says_why() {
    let output = yibao(&["check", "tests/data/missing.toml"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "错误 / error: 无法读取文件 tests/data/missing.toml：找不到该文件 \
         (cannot read tests/data/missing.toml: No such file or directory (os error 2))\n"
    );
    let output = yibao(&["batch", "tests/data"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "错误 / error: 无法读取文件 tests/data：这是一个文件夹，不是文件 \
         (cannot read tests/data: Is a directory (os error 21))\n"
    );
    let output = yibao(&["check", "tests/data/gbk.csv"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "错误 / error: 文件 tests/data/gbk.csv 不是 UTF-8 编码的文本；请在编辑器（如记事本）中另存为 UTF-8 \
         (tests/data/gbk.csv is not UTF-8 text; save it as UTF-8 in an editor)\n"
    );
}

fn dev_zero() -> Stdio {
    std::fs::File::open("/dev/zero").expect("/dev/zero").into()
}

/// Issue 12, item 6: endless input is refused at its limit, quickly and
/// without reading on (it used to take gigabytes): the request on stdin
/// (1 MiB), a policy file (1 MiB), a batch file or stdin (64 MiB).
#[test]
fn endless_input_is_refused_at_its_limit() {
    let cases = [
        (
            "estimate",
            "标准输入超过 1 MiB 的上限 (standard input is larger than the limit of 1 MiB)",
        ),
        (
            "check /dev/zero",
            "文件 /dev/zero 超过 1 MiB 的上限；请检查是否选错了文件 \
             (/dev/zero is larger than the limit of 1 MiB; is it the right file?)",
        ),
        (
            "explain --policy-file /dev/zero --policy x --scheme resident \
             --category ordinary --level county --compliant 1",
            "文件 /dev/zero 超过 1 MiB 的上限；请检查是否选错了文件 \
             (/dev/zero is larger than the limit of 1 MiB; is it the right file?)",
        ),
        (
            "batch /dev/zero",
            "文件 /dev/zero 超过 64 MiB 的上限；请检查是否选错了文件 \
             (/dev/zero is larger than the limit of 64 MiB; is it the right file?)",
        ),
        (
            "batch -",
            "标准输入超过 64 MiB 的上限 (standard input is larger than the limit of 64 MiB)",
        ),
    ];
    for (args, message) in cases {
        let output = Command::new(env!("CARGO_BIN_EXE_yibao"))
            .args(args.split_whitespace())
            .stdin(dev_zero())
            .output()
            .expect("run yibao");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&output), format!("错误 / error: {message}\n"));
    }
}

/// A policy file of 100,000 versions (16 MB) is refused by its size; it
/// used to take 35 s and 1.6 GB.
#[test]
fn a_policy_file_of_100_000_versions_is_refused_by_its_size() {
    let version = "[[versions]]\nlabel = \"v\"\nvalid_from = 2000-01-01\nvalid_to = 2000-12-31\n\
                   schemes = [\"resident\"]\ncategories = [\"ordinary\"]\n\
                   levels.county = { zh = \"县\", en = \"county\" }\n";
    let path = std::env::temp_dir().join(format!("yibao-100k-{}.toml", std::process::id()));
    std::fs::write(&path, format!("id = \"x\"\n{}", version.repeat(100_000))).unwrap();
    let path = path.to_str().unwrap();
    let output = yibao(&["check", path]);
    std::fs::remove_file(path).ok();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "错误 / error: 文件 {path} 超过 1 MiB 的上限；请检查是否选错了文件 \
             ({path} is larger than the limit of 1 MiB; is it the right file?)\n"
        )
    );
}
