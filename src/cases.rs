//! Worked cases as data: each policy's examples, worked by hand from the
//! source text, in `policies/<id>.cases.toml` beside the policy file (as
//! OpenFisca keeps its YAML tests beside its parameters).
//!
//! A case is one household's request (scheme, category, age, date, stays,
//! replaced figures) and what it should get: the version, what each layer
//! pays, the out-of-pocket amount and, where the worked example says more,
//! formulas, steps, assumptions, citations or the error. [`read`] reads a
//! cases file with the readers of policy files (the same size and depth
//! limits, messages naming the file, the line and the field, in Chinese and
//! English); [`run`] computes every case against the given policies and
//! lists each difference, expected against computed. `tests/cases.rs` runs
//! every `policies/*.cases.toml` in `cargo test`; `yibao cases FILE...` runs
//! any, a county's own policy file too. The format, for cadres, is in
//! `policies/README.md` (section 5.4).
//!
//! What is checked when: the shape of the file (its keys, the expectations)
//! when it is read, so that a mistake there stops the file with its line;
//! the request of a case (amounts, ids, the date) when the case runs, so that
//! a mistyped amount fails that case only, and a case may expect the error.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use crate::choice::Choice;
use crate::engine::trace::FigureOrigin;
use crate::engine::{self, Estimate, LayerId, Request};
use crate::error::Error;
use crate::error::{InputError, PolicyError, RequestError};
use crate::money;
use crate::policy::Policy;
use crate::raw::{Raw, RawValue};
use crate::read::{Node, Table};
use crate::toml_input;

/// The largest cases file read: as for a policy file, 1 MiB (the largest
/// shipped one is under 40 KB).
pub const MAX_CASES_BYTES: usize = toml_input::MAX_POLICY_BYTES;

/// The most cases one file may hold (the shipped files have at most 40).
pub const MAX_CASES: usize = 1000;

/// A cases file, read.
#[derive(Debug, Clone)]
pub struct Cases {
    /// The file, as named when read (for messages).
    pub file: String,
    /// The id of the policy the cases are for.
    pub policy: String,
    policy_line: u32,
    /// A policy file to run the cases against instead of the baked policies,
    /// as written: relative to the cases file's folder.
    pub policy_file: Option<String>,
    pub cases: Vec<Case>,
}

/// One worked case.
#[derive(Debug, Clone)]
pub struct Case {
    /// 1-based, in file order.
    pub number: usize,
    /// Line of its `[[cases]]` in the file.
    pub line: u32,
    pub name: String,
    /// How the figures are worked out from the source text.
    pub why: String,
    /// The request, as the engine's reader takes it.
    request: Raw,
    expect: Expect,
    /// The line of each expectation (`medical_assistance`, `formulas.basic`),
    /// and of `expect` itself, for the differences.
    lines: Vec<(String, u32)>,
}

#[derive(Debug, Clone)]
enum Expect {
    Estimate(Box<Expected>),
    Error {
        field: String,
        message_zh: String,
        message_en: Option<String>,
    },
}

#[derive(Debug, Clone)]
struct Expected {
    version: String,
    paid: Vec<(LayerId, Decimal)>,
    out_of_pocket: Decimal,
    out_of_pocket_compliant: Option<Decimal>,
    out_of_pocket_out_of_policy: Option<Decimal>,
    /// A fraction (0.686 for `68.60%`).
    effective_ratio: Option<Decimal>,
    formulas: Vec<(LayerId, Vec<String>)>,
    steps_zh: Vec<(LayerId, Vec<String>)>,
    assumed: Option<Vec<String>>,
    cited: Option<Vec<String>>,
    /// What is said beside the amount of a version old for the date (`""`: nothing).
    out_of_date: Option<String>,
}

/// The keys of a case besides its expectations.
const CASE_KEYS: [&str; 10] = [
    "name",
    "why",
    "date",
    "scheme",
    "category",
    "age",
    "stays",
    "outpatient",
    "overrides",
    "expect",
];

/// What an expectation may say besides the layers' payments.
const EXPECT_KEYS: [&str; 11] = [
    "version",
    "out_of_date",
    "out_of_pocket",
    "out_of_pocket_compliant",
    "out_of_pocket_out_of_policy",
    "effective_ratio",
    "formulas",
    "steps_zh",
    "assumed",
    "cited",
    "error",
];

fn layer_keys() -> Vec<&'static str> {
    LayerId::ALL.iter().map(|l| l.id()).collect()
}

/// Reads a cases file; `file` names it in messages.
pub fn read(file: &str, text: &str) -> Result<Cases, Error> {
    let raw = toml_input::raw_from_toml(file, text)?;
    let root = Node::root(&raw, Some(file));
    let t = root.table(&["policy", "policy_file", "cases"])?;
    let policy_node = t.req("policy")?;
    let policy = non_empty_text(&policy_node)?;
    let policy_file = t
        .get("policy_file")
        .map(|n| non_empty_text(&n))
        .transpose()?;
    let cases_node = t.req("cases")?;
    let items = cases_node.list()?;
    if items.is_empty() {
        return Err(cases_node.error(InputError::Missing));
    }
    if items.len() > MAX_CASES {
        return Err(cases_node.error(InputError::TooManyItems { max: MAX_CASES }));
    }
    let cases = items
        .iter()
        .enumerate()
        .map(|(i, item)| case(i + 1, item, policy_node.raw()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Cases {
        file: file.to_string(),
        policy,
        policy_line: policy_node.raw().line,
        policy_file,
        cases,
    })
}

fn non_empty_text(node: &Node) -> Result<String, Error> {
    let text = node.text()?.trim();
    if text.is_empty() {
        return Err(node.error(InputError::Missing));
    }
    Ok(text.to_string())
}

fn texts(node: &Node) -> Result<Vec<String>, Error> {
    node.list()?
        .iter()
        .map(|item| item.text().map(str::to_string))
        .collect()
}

fn case(number: usize, node: &Node, policy: &Raw) -> Result<Case, Error> {
    let t = node.table(&CASE_KEYS)?;
    // The request as the engine's reader takes it: the file's policy, the
    // stays as `admissions`, replaced figures by their full names.
    let mut request = vec![("policy".to_string(), policy.clone())];
    for key in ["date", "scheme", "category", "age"] {
        if let Some(value) = t.get(key) {
            request.push((key.to_string(), value.raw().clone()));
        }
    }
    if let Some(stays) = t.get("stays") {
        request.push(("admissions".to_string(), stays.raw().clone()));
    }
    if let Some(outpatient) = t.get("outpatient") {
        request.push(("outpatient".to_string(), outpatient.raw().clone()));
    }
    if let Some(overrides) = t.get("overrides") {
        overrides.entries()?;
        let mut flat = Vec::new();
        flatten("", overrides.raw(), &mut flat);
        let raw = Raw {
            value: RawValue::Table(flat),
            line: overrides.raw().line,
        };
        request.push(("overrides".to_string(), raw));
    }
    let expect_node = t.req("expect")?;
    Ok(Case {
        number,
        line: node.raw().line,
        name: non_empty_text(&t.req("name")?)?,
        why: non_empty_text(&t.req("why")?)?,
        request: Raw {
            value: RawValue::Table(request),
            line: node.raw().line,
        },
        expect: expect(&expect_node)?,
        lines: lines(expect_node.raw()),
    })
}

/// The line of `expect` and of each expectation in it, one level down too.
fn lines(expect: &Raw) -> Vec<(String, u32)> {
    let mut out = vec![(String::new(), expect.line)];
    if let RawValue::Table(entries) = &expect.value {
        for (key, raw) in entries {
            out.push((key.clone(), raw.line));
            if let RawValue::Table(inner) = &raw.value {
                out.extend(inner.iter().map(|(k, v)| (format!("{key}.{k}"), v.line)));
            }
        }
    }
    out
}

/// Replaced figures written as TOML tables (`basic.resident.rate.county =
/// "80%"` under `[cases.overrides]` nests tables) by their full names, as
/// the command line's `--override` gives them. The reader of policy files
/// has bounded the depth.
fn flatten(prefix: &str, raw: &Raw, out: &mut Vec<(String, Raw)>) {
    match &raw.value {
        RawValue::Table(entries) => {
            for (key, value) in entries {
                let name = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(&name, value, out);
            }
        }
        _ => out.push((prefix.to_string(), raw.clone())),
    }
}

fn expect(node: &Node) -> Result<Expect, Error> {
    let mut allowed = EXPECT_KEYS.to_vec();
    allowed.extend(layer_keys());
    let t = node.table(&allowed)?;
    if let Some(error) = t.get("error") {
        if let Some((_, other)) = node.entries()?.into_iter().find(|(k, _)| *k != "error") {
            return Err(other.error(PolicyError::ErrorAndResults));
        }
        let e = error.table(&["field", "message_zh", "message_en"])?;
        return Ok(Expect::Error {
            field: e.req("field")?.text()?.to_string(),
            message_zh: non_empty_text(&e.req("message_zh")?)?,
            message_en: e
                .get("message_en")
                .map(|n| non_empty_text(&n))
                .transpose()?,
        });
    }
    let amount = |key: &'static str| t.get(key).map(|n| n.amount()).transpose();
    let mut paid = Vec::new();
    for layer in LayerId::ALL {
        if let Some(value) = amount(layer.id())? {
            paid.push((*layer, value));
        }
    }
    Ok(Expect::Estimate(Box::new(Expected {
        version: non_empty_text(&t.req("version")?)?,
        paid,
        out_of_pocket: t.req("out_of_pocket")?.amount()?,
        out_of_pocket_compliant: amount("out_of_pocket_compliant")?,
        out_of_pocket_out_of_policy: amount("out_of_pocket_out_of_policy")?,
        effective_ratio: t.get("effective_ratio").map(|n| n.percent()).transpose()?,
        formulas: by_layer(&t, "formulas")?,
        steps_zh: by_layer(&t, "steps_zh")?,
        assumed: t.get("assumed").map(|n| texts(&n)).transpose()?,
        cited: t.get("cited").map(|n| texts(&n)).transpose()?,
        out_of_date: t
            .get("out_of_date")
            .map(|n| n.text().map(str::to_string))
            .transpose()?,
    })))
}

/// A table of text lists keyed by layer (`formulas.basic = [...]`).
fn by_layer(t: &Table, key: &'static str) -> Result<Vec<(LayerId, Vec<String>)>, Error> {
    let Some(node) = t.get(key) else {
        return Ok(Vec::new());
    };
    let layers = node.table(&layer_keys())?;
    layers
        .choice_entries::<LayerId>()
        .iter()
        .map(|(layer, list)| Ok((*layer, texts(list)?)))
        .collect()
}

impl Cases {
    /// The policy file the cases name (`policy_file`), as a path from the
    /// current folder: relative to the cases file's folder.
    pub fn policy_path(&self) -> Option<PathBuf> {
        let folder = Path::new(&self.file).parent().unwrap_or(Path::new(""));
        self.policy_file.as_ref().map(|name| folder.join(name))
    }
}

/// One difference between a case and what the engine computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What differs, as the case writes it: `medical_assistance`,
    /// `formulas.basic[1]`, `error`.
    pub key: String,
    pub expected: String,
    pub got: String,
    /// The line of the expectation in the file (of `expect` when the case
    /// does not write it).
    pub line: u32,
}

/// A case and its differences (none: it passed).
#[derive(Debug)]
pub struct Outcome<'c> {
    pub case: &'c Case,
    pub problems: Vec<Problem>,
}

impl Outcome<'_> {
    pub fn passed(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Computes every case against `policies`; an error when they do not hold
/// the cases' policy.
pub fn run<'c>(cases: &'c Cases, policies: &[Policy]) -> Result<Vec<Outcome<'c>>, Error> {
    if !policies.iter().any(|p| p.id == cases.policy) {
        let known = policies.iter().map(|p| p.id.clone()).collect();
        let kind = RequestError::UnknownPolicy {
            id: cases.policy.clone(),
            known,
        };
        return Err(Error::new("policy", kind).in_file(&cases.file, cases.policy_line));
    }
    Ok(cases
        .cases
        .iter()
        .map(|case| {
            let mut problems = check(&cases.file, case, policies);
            for problem in &mut problems {
                problem.line = line_of(case, &problem.key);
            }
            Outcome { case, problems }
        })
        .collect())
}

const NOT_GIVEN: &str = "（未写）(not given)";
const NONE: &str = "（无）(none)";

fn check(file: &str, case: &Case, policies: &[Policy]) -> Vec<Problem> {
    let result = Request::from_raw_in_file(&case.request, file)
        .and_then(|request| engine::estimate(&request, policies));
    let mut problems = Vec::new();
    match (&case.expect, result) {
        (Expect::Estimate(expected), Ok(estimate)) => {
            compare(expected, &estimate, &mut problems);
        }
        (
            Expect::Error {
                field,
                message_zh,
                message_en,
            },
            Err(error),
        ) => {
            let got = stays(error.field());
            let mut differ = |key: &str, expected: &str, got: &str| {
                if expected != got {
                    problems.push(problem(key, expected, got));
                }
            };
            differ("error.field", field, &got);
            differ("error.message_zh", message_zh, &error.message_zh());
            if let Some(message_en) = message_en {
                differ("error.message_en", message_en, &error.message_en());
            }
        }
        (Expect::Estimate(_), Err(error)) => {
            // The case's own request is refused (a misspelt category, …):
            // said as such, with the engine's message naming the line.
            problems.push(problem(
                "error",
                "（请求有效，能计算）(a valid request)",
                &located(error, case, file),
            ));
        }
        (
            Expect::Error {
                field, message_zh, ..
            },
            Ok(estimate),
        ) => problems.push(problem(
            "error",
            &format!("{field}: {message_zh}"),
            &format!(
                "（没有出错）个人自付 (no error) out of pocket {}",
                yuan(estimate.out_of_pocket.total.0)
            ),
        )),
    }
    problems
}

fn problem(key: &str, expected: &str, got: &str) -> Problem {
    Problem {
        key: key.to_string(),
        expected: expected.to_string(),
        got: got.to_string(),
        line: 0,
    }
}

/// The line of what `key` (`formulas.basic[1]`) is about: of the longest
/// expectation it starts with.
fn line_of(case: &Case, key: &str) -> u32 {
    case.lines
        .iter()
        .filter(|(k, _)| {
            key.strip_prefix(k.as_str())
                .is_some_and(|rest| k.is_empty() || rest.is_empty() || rest.starts_with(['.', '[']))
        })
        .max_by_key(|(k, _)| k.len())
        .map_or(case.line, |(_, line)| *line)
}

/// A request field as a case writes it: its stays are the request's `admissions`.
fn stays(field: &str) -> String {
    match field.strip_prefix("admissions") {
        Some(rest) => format!("stays{rest}"),
        None => field.to_string(),
    }
}

/// An error of a case's request, with the case's field and, where the
/// request's reader did not give one, the case's line.
fn located(error: Error, case: &Case, file: &str) -> String {
    let (file, line) = match error.location() {
        Some(location) => (location.file.clone(), location.line),
        None => (file.to_string(), case.line),
    };
    let field = stays(error.field());
    Error::new(field, error.kind().clone())
        .under(&format!("cases[{}]", case.number - 1))
        .in_file(file, line)
        .to_string()
}

fn yuan(amount: Decimal) -> String {
    money::to_decimal_string(amount)
}

fn compare(expected: &Expected, estimate: &Estimate, problems: &mut Vec<Problem>) {
    let mut amount = |key: &str, expected: Option<Decimal>, got: Option<Decimal>| {
        if expected != got {
            let show =
                |amount: Option<Decimal>, missing: &str| amount.map_or(missing.to_string(), yuan);
            problems.push(problem(
                key,
                &show(expected, NOT_GIVEN),
                &show(got, "（该版本没有这一层）(this version has no such layer)"),
            ));
        }
    };
    for layer in LayerId::ALL {
        let want = expected
            .paid
            .iter()
            .find(|(l, _)| l == layer)
            .map(|(_, a)| *a);
        let got = estimate
            .layers
            .iter()
            .find(|l| l.id == *layer)
            .map(|l| l.paid.0);
        if want.is_some() || got.is_some() {
            amount(layer.id(), want, got);
        }
    }
    let oop = &estimate.out_of_pocket;
    amount(
        "out_of_pocket",
        Some(expected.out_of_pocket),
        Some(oop.total.0),
    );
    if let Some(want) = expected.out_of_pocket_compliant {
        amount("out_of_pocket_compliant", Some(want), Some(oop.compliant.0));
    }
    if let Some(want) = expected.out_of_pocket_out_of_policy {
        amount(
            "out_of_pocket_out_of_policy",
            Some(want),
            Some(oop.out_of_policy.0),
        );
    }
    if expected.version != estimate.version {
        problems.push(problem("version", &expected.version, &estimate.version));
    }
    if let Some(want) = &expected.out_of_date {
        let got = estimate
            .out_of_date
            .map_or(String::new(), |why| why.note(estimate).0);
        if *want != got {
            problems.push(problem("out_of_date", want, &got));
        }
    }
    if let Some(want) = expected.effective_ratio {
        let got = estimate.effective_ratio;
        if want != got.value() {
            let percent = format!("{:.2}%", want * Decimal::ONE_HUNDRED);
            problems.push(problem("effective_ratio", &percent, &got.percent()));
        }
    }
    let layer = |id: LayerId| estimate.layers.iter().find(|l| l.id == id);
    for (id, want) in &expected.formulas {
        let got: Vec<String> = layer(*id)
            .map(|l| {
                l.steps
                    .iter()
                    .map(|s| s.formula.clone())
                    .filter(|f| !f.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        // As typed on a keyboard: `-` for the minus sign, `*` for the times sign.
        let want: Vec<String> = want
            .iter()
            .map(|w| w.replace('-', "−").replace('*', "×"))
            .collect();
        lists(&format!("formulas.{}", id.id()), &want, &got, problems);
    }
    for (id, want) in &expected.steps_zh {
        let got: Vec<String> = layer(*id)
            .map(|l| l.steps.iter().map(|s| s.zh.to_string()).collect())
            .unwrap_or_default();
        lists(&format!("steps_zh.{}", id.id()), want, &got, problems);
    }
    if let Some(want) = &expected.assumed {
        let got: Vec<String> = estimate
            .assumptions
            .iter()
            .map(|a| named(&a.parameter, &a.value))
            .collect();
        lists("assumed", want, &got, problems);
    }
    if let Some(want) = &expected.cited {
        let got: Vec<String> = estimate
            .figures
            .iter()
            .filter(|f| f.origin == FigureOrigin::Cited)
            .map(|f| {
                let source = f.source.as_deref().unwrap_or("");
                format!("{} 依据 {source}", named(&f.parameter, &f.value))
            })
            .collect();
        lists("cited", want, &got, problems);
    }
    // A replaced figure the case cannot use is a mistake in the case.
    for unused in &estimate.unused_overrides {
        problems.push(problem(
            &format!("overrides.{}", unused.parameter),
            "（用到）(used)",
            &format!("{} ({})", unused.message_zh, unused.message_en),
        ));
    }
}

/// A figure as the explanation names it: `critical_illness.threshold = 15000`.
fn named(parameter: &str, value: &str) -> String {
    if value.is_empty() {
        parameter.to_string()
    } else {
        format!("{parameter} = {value}")
    }
}

/// The differences between two lists, item by item.
fn lists(key: &str, want: &[String], got: &[String], problems: &mut Vec<Problem>) {
    for i in 0..want.len().max(got.len()) {
        let (w, g) = (want.get(i), got.get(i));
        if w != g {
            problems.push(problem(
                &format!("{key}[{i}]"),
                w.map_or(NONE, String::as_str),
                g.map_or(NONE, String::as_str),
            ));
        }
    }
}

/// What the cases of one file gave, for people: one line a case, the
/// differences under each failed one.
pub fn report(cases: &Cases, outcomes: &[Outcome]) -> String {
    let passed = outcomes.iter().filter(|o| o.passed()).count();
    let failed = outcomes.len() - passed;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}（{}）：{} 例，通过 {passed}，不通过 {failed} / {} cases, {passed} passed, {failed} failed",
        cases.file,
        cases.policy,
        outcomes.len(),
        outcomes.len(),
    );
    for outcome in outcomes {
        let case = outcome.case;
        let mark = if outcome.passed() {
            "通过 ok  "
        } else {
            "不通过 FAIL"
        };
        let _ = writeln!(
            out,
            "  {mark} {:>3}  {}（第 {} 行 / line {}）",
            case.number, case.name, case.line, case.line
        );
        for p in &outcome.problems {
            let _ = writeln!(
                out,
                "        {}{}（第 {} 行）：应为 / expected {}；算得 / got {}",
                label(&p.key),
                p.key,
                p.line,
                p.expected,
                p.got
            );
        }
    }
    out
}

/// The Chinese name of what a key says, where it has one.
fn label(key: &str) -> String {
    let first = key.split(['.', '[']).next().unwrap_or(key);
    let zh = match first {
        "version" => "版本",
        "out_of_date" => "日期说明",
        "out_of_pocket" => "个人自付",
        "out_of_pocket_compliant" => "个人自付的合规费用",
        "out_of_pocket_out_of_policy" => "个人自付的目录外费用",
        "effective_ratio" => "实际报销比例",
        "formulas" => "计算式",
        "steps_zh" => "计算步骤",
        "assumed" => "用到的假设数字",
        "cited" => "用到的原文数字",
        "error" => "错误",
        "overrides" => "替换的数字",
        other => LayerId::from_id(other).map_or("", |l| l.name_zh()),
    };
    if zh.is_empty() {
        String::new()
    } else {
        format!("{zh} ")
    }
}

/// The last line of a run: how many cases passed and failed, in Chinese,
/// then in English.
pub fn summary(passed: usize, failed: usize) -> String {
    format!(
        "共 {} 例：通过 {passed}，不通过 {failed}\n{passed} passed, {failed} failed\n",
        passed + failed
    )
}
