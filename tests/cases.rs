//! The worked cases of every policy (`policies/<id>.cases.toml`), as
//! OpenFisca runs its YAML tests: every case computed and compared with what
//! the file says, every difference reported. They replaced the golden tests
//! (`tests/golden_*.rs`, 72 tests over 175 requests); each of those requests
//! is a case, with every figure, formula, version, assumption, citation and
//! error the tests asserted.
//!
//! Also here: a case can fail, and how a broken cases file is told.

use std::path::{Path, PathBuf};

use yibao::cases::{self, Cases, Problem};
use yibao::error::{InputError, IoError, PolicyError};
use yibao::policy::Policy;
use yibao::{Error, ErrorKind};

/// The files of a folder ending in `suffix`, sorted.
fn files(folder: &str, suffix: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap_or_else(|e| panic!("{folder}: {e}"))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    out.sort();
    out
}

fn read(path: &Path) -> Cases {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
    cases::read(&name, &text).unwrap_or_else(|e| panic!("{e}"))
}

/// The policies a cases file runs against: the file it names, or the baked ones.
fn policies(cases: &Cases) -> Vec<Policy> {
    match cases.policy_path() {
        Some(path) => {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
            let policy =
                yibao::toml_input::policy_from_toml(&name, &text).unwrap_or_else(|e| panic!("{e}"));
            vec![policy]
        }
        None => yibao::baked::policies().expect("baked").to_vec(),
    }
}

/// Every worked case of `policies/` (and of the example county) passes.
#[test]
fn every_worked_case_passes() {
    let mut all = files("policies", ".cases.toml");
    all.extend(files("policies/examples", ".cases.toml"));
    let (mut passed, mut reports) = (0, String::new());
    for path in &all {
        let cases = read(path);
        let outcomes = cases::run(&cases, &policies(&cases)).unwrap_or_else(|e| panic!("{e}"));
        let ok = outcomes.iter().filter(|o| o.passed()).count();
        passed += ok;
        if ok < outcomes.len() {
            reports += &cases::report(&cases, &outcomes);
        }
    }
    assert!(reports.is_empty(), "worked cases that fail:\n{reports}");
    // The 175 requests of the golden tests, and the example county's 5.
    assert!(passed >= 180, "{passed} cases: some were lost");
}

/// Every policy of `policies/` has its worked cases beside it, for that
/// policy; and no cases file is without its policy.
#[test]
fn every_policy_has_its_worked_cases() {
    let baked = yibao::baked::policies().expect("baked");
    let policy_files: Vec<PathBuf> = files("policies", ".toml")
        .into_iter()
        .filter(|p| !p.to_string_lossy().ends_with(".cases.toml"))
        .collect();
    assert_eq!(policy_files.len(), baked.len());
    for file in &policy_files {
        let name = file.display().to_string();
        let policy = baked
            .iter()
            .find(|p| p.file == name)
            .unwrap_or_else(|| panic!("{name} is not baked"));
        let cases_file = PathBuf::from(name.replace(".toml", ".cases.toml"));
        assert!(
            cases_file.exists(),
            "{name} has no worked cases: write {} (policies/README.md, 5.4)",
            cases_file.display()
        );
        let cases = read(&cases_file);
        assert_eq!(cases.policy, policy.id, "{}", cases_file.display());
        assert_eq!(cases.policy_file, None, "{}", cases_file.display());
    }
    assert_eq!(
        files("policies", ".cases.toml").len(),
        policy_files.len(),
        "a cases file without its policy file"
    );
}

const ONE_CASE: &str = r#"
policy = "fuxin"

[[cases]]
name = "低保对象乡镇住院 5000 元"
why = "基本医保 (5000 − 200) × 85% = 4080；医疗救助 920 × 65% = 598.00；个人自付 322.00。"
date = 2019-06-30
scheme = "resident"
category = "dibao"
stays = [{ level = "township", compliant = "5000", disease = "severe_mental_illness" }]

[cases.expect]
version = "2019"
basic = "4080.00"
critical_illness = "0.00"
medical_assistance = "598.00"
supplementary = "0.00"
out_of_pocket = "322.00"
formulas.basic = ["(5000 − 200) × 85% = 4080.00"]
outpatient = "0.00"
"#;

/// The problems of the one case of `text` (a cases file).
fn problems(text: &str) -> Vec<Problem> {
    let cases = cases::read("one.cases.toml", text).unwrap_or_else(|e| panic!("{e}"));
    let outcomes = cases::run(&cases, yibao::baked::policies().expect("baked")).expect("runs");
    assert_eq!(outcomes.len(), 1);
    let mut problems = outcomes[0].problems.clone();
    problems.iter_mut().for_each(|p| p.line = 0);
    problems
}

/// Each difference names the line of what it is about: the expectation, or
/// `expect` where the case does not write it.
#[test]
fn differences_name_their_line() {
    let text = ONE_CASE
        .replacen(
            "medical_assistance = \"598.00\"",
            "medical_assistance = \"599.00\"",
            1,
        )
        .replacen("= 4080.00\"]", "= 4081.00\"]", 1)
        .replacen("critical_illness = \"0.00\"\n", "", 1);
    let cases = cases::read("one.cases.toml", &text).expect("reads");
    let outcomes = cases::run(&cases, yibao::baked::policies().expect("baked")).expect("runs");
    let lines: Vec<(&str, u32)> = outcomes[0]
        .problems
        .iter()
        .map(|p| (p.key.as_str(), p.line))
        .collect();
    assert_eq!(
        lines,
        [
            ("critical_illness", 12),
            ("medical_assistance", 15),
            ("formulas.basic[0]", 18)
        ]
    );
    let report = cases::report(&cases, &outcomes);
    assert!(
        report.contains(
            "        医疗救助 medical_assistance（第 15 行）：应为 / expected 599.00；算得 / got 598.00\n"
        ),
        "{report}"
    );
}

/// A difference, the line aside (tested in `differences_name_their_line`).
fn problem(key: &str, expected: &str, got: &str) -> Problem {
    Problem {
        key: key.into(),
        expected: expected.into(),
        got: got.into(),
        line: 0,
    }
}

/// The case passes as written; each figure changed makes it fail, the
/// difference named: what, expected, computed.
#[test]
fn a_changed_figure_fails_and_says_where() {
    assert_eq!(problems(ONE_CASE), []);
    let changed = |from: &str, to: &str| {
        assert!(ONE_CASE.contains(from), "{from}");
        problems(&ONE_CASE.replacen(from, to, 1))
    };
    assert_eq!(
        changed(
            "medical_assistance = \"598.00\"",
            "medical_assistance = \"599.00\""
        ),
        [problem("medical_assistance", "599.00", "598.00")]
    );
    assert_eq!(
        changed("\"322.00\"", "\"321\""),
        [problem("out_of_pocket", "321.00", "322.00")]
    );
    assert_eq!(
        changed("version = \"2019\"", "version = \"2020\""),
        [problem("version", "2020", "2019")]
    );
    // A formula typed with the keyboard's `-` and `*` is the one the
    // explanation prints with − and × (they look alike to a cadre).
    let typed = "formulas.basic = [\"(5000 - 200) * 85% = 4080.00\"]";
    assert!(ONE_CASE.contains("formulas.basic = [\"(5000 − 200) × 85% = 4080.00\"]"));
    assert_eq!(
        changed("formulas.basic = [\"(5000 − 200) × 85% = 4080.00\"]", typed),
        []
    );
    assert_eq!(
        changed("× 85% = 4080.00\"]", "× 85% = 4080.00\", \"x\"]"),
        [problem("formulas.basic[1]", "x", "（无）(none)")]
    );
    // A layer the case leaves out, and one the version does not have.
    assert_eq!(
        changed("critical_illness = \"0.00\"\n", ""),
        [problem("critical_illness", "（未写）(not given)", "0.00")]
    );
    assert_eq!(
        changed("out_of_pocket =", "backstop = \"0\"\nout_of_pocket ="),
        [problem(
            "backstop",
            "0.00",
            "（该版本没有这一层）(this version has no such layer)"
        )]
    );
    // The date picks the other version: every figure that differs is told.
    let keys: Vec<String> = changed("2019-06-30", "2020-06-30")
        .into_iter()
        .map(|p| p.key)
        .collect();
    assert_eq!(keys, ["medical_assistance", "out_of_pocket", "version"]);
}

/// A case may expect an error; the field and the message are compared.
#[test]
fn a_case_may_expect_an_error() {
    let expecting = |field: &str, message: &str| {
        ONE_CASE.replace(
            "[cases.expect]\nversion = \"2019\"\nbasic = \"4080.00\"\ncritical_illness = \"0.00\"\n\
             medical_assistance = \"598.00\"\nsupplementary = \"0.00\"\nout_of_pocket = \"322.00\"\n\
             formulas.basic = [\"(5000 − 200) × 85% = 4080.00\"]\noutpatient = \"0.00\"\n",
            &format!("[cases.expect.error]\nfield = \"{field}\"\nmessage_zh = \"{message}\"\n"),
        )
    };
    // Before the first version (after the newest, the newest is used).
    let date = "该政策在 2018-12-31 没有生效的版本；有效期：2019 (2019-01-01 – 2019-12-31)、\
                2020 (2020-01-01 – 2020-12-31)";
    let text = expecting("date", date).replace("2019-06-30", "2018-12-31");
    assert_eq!(problems(&text), []);
    // An amount the request reader refuses: its field as the case writes it.
    let text = expecting("stays[0].compliant", "金额不能为负数").replace("\"5000\"", "\"-5\"");
    assert_eq!(problems(&text), []);
    // Expected but not raised; raised but not expected (told with the file,
    // the line and the case's field).
    let wrong = problems(&expecting("date", date));
    assert_eq!(wrong.len(), 1);
    assert_eq!(wrong[0].key, "error");
    assert!(wrong[0].got.contains("322.00"), "{:?}", wrong[0]);
    assert_eq!(
        problems(&ONE_CASE.replace("\"5000\"", "\"-5\"")),
        [problem(
            "error",
            "（请求有效，能计算）(a valid request)",
            "one.cases.toml:10: cases[0].stays[0].compliant: 金额不能为负数 \
             (the amount cannot be negative)"
        )]
    );
}

/// A replaced figure the case cannot use (a level without a stay) is a
/// mistake in the case, not silently ignored.
#[test]
fn an_unused_override_fails_the_case() {
    let text = ONE_CASE.replace(
        "[cases.expect]",
        "[cases.overrides]\nbasic.resident.rate.city = \"50%\"\n\n[cases.expect]",
    );
    let found = problems(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].key, "overrides.basic.resident.rate.city");
    // Used, it changes what is computed.
    let text = ONE_CASE.replace(
        "[cases.expect]",
        "[cases.overrides]\n\"medical_assistance.groups[0].ratio\" = \"60%\"\n\n[cases.expect]",
    );
    assert_eq!(
        problems(&text),
        [
            problem("medical_assistance", "598.00", "552.00"),
            problem("out_of_pocket", "322.00", "368.00"),
        ]
    );
}

fn refused(text: &str) -> Error {
    cases::read("bad.cases.toml", text).expect_err("refused")
}

fn told(e: &Error) -> String {
    e.to_string()
}

/// A mistake in the shape of a cases file stops it, with the file, the line
/// and the field, in Chinese and English, as in a policy file.
#[test]
fn a_broken_cases_file_is_told_where() {
    let e = refused(&ONE_CASE.replace(
        "medical_assistance = \"598.00\"",
        "medical_asistance = \"598.00\"",
    ));
    assert!(
        told(&e).starts_with(
            "bad.cases.toml:16: cases[0].expect.medical_asistance: 没有这个字段（是否拼错了？）"
        ),
        "{e}"
    );
    let e = refused(&ONE_CASE.replace("basic = \"4080.00\"", "basic = \"4080.001\""));
    assert_eq!(
        told(&e),
        "bad.cases.toml:14: cases[0].expect.basic: 金额最多精确到分（两位小数） \
         (at most two decimal places (0.01 yuan))"
    );
    let e = refused(&ONE_CASE.replace("name = \"低保对象乡镇住院 5000 元\"\n", ""));
    assert_eq!(
        (e.field(), e.kind()),
        ("cases[0].name", &InputError::Missing.into())
    );
    let e = refused(&ONE_CASE.replace(
        "[cases.expect]",
        "[cases.expect.error]\nfield = \"x\"\nmessage_zh = \"x\"\n\n[cases.expect2]",
    ));
    assert_eq!(e.field(), "cases[0].expect2");
    let e = refused(&ONE_CASE.replace(
        "[cases.expect]\n",
        "[cases.expect]\nerror = { field = \"date\", message_zh = \"x\" }\n",
    ));
    assert_eq!(
        told(&e),
        "bad.cases.toml:15: cases[0].expect.basic: 写了 error（预期出错）就不能再写各项金额等其他预期结果 \
         (a case that expects an error (error) expects no amounts or other results)"
    );
    let e = refused("policy = \"fuxin\"\ncases = []\n");
    assert_eq!(
        (e.field(), e.kind()),
        ("cases", &InputError::Missing.into())
    );
    let e = refused("policy = \"fuxin\"\n[[cases]\n");
    assert!(
        matches!(
            e.kind(),
            ErrorKind::Policy(PolicyError::TomlSyntax { line: 2, .. })
        ),
        "{e}"
    );
}

/// Sizes: a cases file of at most 1 MiB, at most `MAX_CASES` cases.
#[test]
fn a_cases_file_has_limits() {
    let e = refused(&format!(
        "policy = \"x\"\n{}",
        "#".repeat(cases::MAX_CASES_BYTES)
    ));
    assert!(
        matches!(e.kind(), ErrorKind::Io(IoError::InputTooLarge { .. })),
        "{e}"
    );
    let one = "[[cases]]\nname = \"x\"\nwhy = \"x\"\nexpect = { version = \"x\", out_of_pocket = \"0\" }\n";
    let e = refused(&format!(
        "policy = \"x\"\n{}",
        one.repeat(cases::MAX_CASES + 1)
    ));
    assert_eq!(
        (e.field(), e.kind()),
        (
            "cases",
            &InputError::TooManyItems {
                max: cases::MAX_CASES
            }
            .into()
        )
    );
    let text = format!("policy = \"x\"\n{}", one.repeat(cases::MAX_CASES));
    assert_eq!(
        cases::read("ok.toml", &text).expect("reads").cases.len(),
        cases::MAX_CASES
    );
}

/// Run against policies without the cases' policy, the file is refused.
#[test]
fn cases_for_another_policy_are_refused() {
    let cases = cases::read("one.cases.toml", ONE_CASE).expect("reads");
    let policies = yibao::baked::policies().expect("baked");
    let others: Vec<Policy> = policies
        .iter()
        .filter(|p| p.id != "fuxin")
        .cloned()
        .collect();
    let e = cases::run(&cases, &others).expect_err("no fuxin");
    assert_eq!(e.field(), "policy");
    assert_eq!(e.location().map(|l| l.line), Some(2));
}

/// What is said beside the amount of an old version is compared too (`""`: nothing).
#[test]
fn a_case_may_expect_the_note_beside_the_amount() {
    let with = |note: &str| {
        ONE_CASE.replace(
            "[cases.expect]\nversion = \"2019\"\n",
            &format!("[cases.expect]\nversion = \"2019\"\nout_of_date = \"{note}\"\n"),
        )
    };
    assert_eq!(problems(&with("")), []);
    let keys: Vec<String> = problems(&with("这是 2019 年的政策"))
        .into_iter()
        .map(|p| p.key)
        .collect();
    assert_eq!(keys, ["out_of_date"]);
}
