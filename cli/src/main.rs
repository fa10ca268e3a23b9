//! The `yibao` command line: thin glue over the library.
//!
//! Exit status: 0 on success (also when the reader of the output stops
//! early, as `| head` does), 1 when the output cannot be written or a
//! worked case fails (`yibao cases`), 2 on bad input or usage; messages on
//! stderr. Nothing here prints with `print!`:
//! a failed write is an error to report, not a panic.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use yibao::catalog::PolicySummary;
use yibao::choice::Choice;
use yibao::engine::{self, Request};
use yibao::policy::{Policy, Replacement, citations};
use yibao::raw::Raw;
use yibao::{BatchError, Error, InputError, IoError, RequestError};

const USAGE: &str = "\
yibao — 医保报销测算 / medical-insurance benefit estimator

用法 / usage:
  yibao estimate [--json] [请求 / request]    各项保障各付多少、自己付多少 / what each layer pays
  yibao explain [--en] [请求 / request]       每一步怎么算、数字出自哪里 / every step and its sources
  yibao policies [--json] [--policy-file FILE] 全部政策（或这个文件的），各版本的病种、门诊、就医地 /
                                              every policy (or the file's), per version its diseases,
                                              outpatient kinds and settings
  yibao describe [--markdown] ID|--all        一项政策的全部数字及出处 / a policy, every figure and its source
  yibao check [--sources DIR] FILE...         检查政策文件，并与原文核对每处引用（原文默认在文件旁的
                                              sources 文件夹）/ check policy files and every citation
                                              against the source texts (default: sources/ next to FILE)
  yibao bake --out DIR [FILE...]              为网页写出各政策数据和目录（给出政策文件时只写这些政策）/ write the
                                              page's policy data and index (of these policy files only, if given)
  yibao amount [--json] TEXT                  读取金额（12000、12,000、1.2万）/ read an amount
  yibao batch [--en] FILE|-                   按 CSV 文件逐户计算，结果 CSV 写到标准输出 / a CSV of households in, results out
                                              （列的格式见 / columns: docs/batch.md）
  yibao cases [--policy FILE] CASES...        逐例核对测算实例（policies/*.cases.toml），全部通过时退出码为 0，
                                              有不通过的为 1 / run worked cases, exit 0 when all pass, 1 otherwise
                                              （--policy：用这个政策文件 / test this policy file）

请求 / request: 标准输入中的 JSON / JSON on standard input, e.g.
  {\"policy\":\"inner_mongolia\",\"scheme\":\"resident\",\"category\":\"dibao\",
   \"admissions\":[{\"level\":\"county\",\"compliant\":\"50000\",\"out_of_policy\":\"8000\"}]}
  住院还可写 / a stay may add \"setting\", \"disease\"; 全年门诊费用 / a year's outpatient costs:
  \"outpatient\":[{\"kind\":\"general|chronic|special\",\"disease\":ID,\"level\":L,\"visits\":N,\"compliant\":X}]
或参数 / or flags (one stay):
  --policy ID --scheme S --category C --level L --compliant X [--out-of-policy X]
  [--date YYYY-MM-DD] [--age N] [--setting referred|elsewhere_registered|elsewhere_unregistered]
  [--disease ID] [--override PARAMETER=VALUE]...
  [--policy-file FILE]   用这个政策文件代替内置政策 / use this policy file instead of the built-in ones
";

fn main() -> ExitCode {
    // An argument that is not UTF-8 text leaves no arguments, which is a
    // usage error (`std::env::args` would panic).
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(std::ffi::OsString::into_string)
        .collect::<Result<_, _>>()
        .unwrap_or_default();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["estimate", rest @ ..] => estimate(rest, Output::Table),
        ["explain", rest @ ..] => estimate(rest, Output::Explanation),
        ["policies", rest @ ..] => policies(rest),
        ["describe", rest @ ..] => describe(rest),
        ["check", rest @ ..] => check(rest),
        ["bake", "--out", dir, files @ ..] => bake(dir, files),
        ["amount", rest @ ..] => amount(rest),
        ["batch", rest @ ..] => batch(rest),
        ["cases", rest @ ..] => cases(rest),
        ["--version" | "-V"] => Ok(format!("yibao {}\n", env!("CARGO_PKG_VERSION"))),
        ["help" | "--help" | "-h"] => Ok(USAGE.to_string()),
        _ => Err(Failure::Usage),
    };
    let (out, status) = match result {
        Ok(text) => (text, ExitCode::SUCCESS),
        Err(Failure::Usage) => {
            say(USAGE);
            (String::new(), ExitCode::from(2))
        }
        Err(Failure::Input(error, json)) => {
            if json {
                let text = serde_json::to_string(&error).unwrap_or_else(|e| e.to_string());
                say(&format!("{text}\n"));
            } else {
                tell(&error);
            }
            (String::new(), ExitCode::from(2))
        }
        Err(Failure::Problems { out, errors }) => {
            errors.iter().for_each(tell);
            (out, ExitCode::from(2))
        }
        Err(Failure::Failed(out)) => (out, ExitCode::from(1)),
    };
    match write_out(&out) {
        Ok(()) => status,
        // The reader has all it wanted (`yibao describe --all | head`).
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => status,
        Err(e) => {
            tell(&Error::new("", write_failed(None, &e)));
            ExitCode::from(1)
        }
    }
}

/// Writes the output to stdout.
fn write_out(text: &str) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()
}

/// Writes a message to stderr. If even that fails, there is no one left to
/// tell, and the exit status still says what happened.
fn say(text: &str) {
    let _ = std::io::stderr().write_all(text.as_bytes());
}

/// Writes an error to stderr, in Chinese and English.
fn tell(error: &Error) {
    say(&format!("错误 / error: {error}\n"));
}

/// The output could not be written to `file` (`None`: standard output).
fn write_failed(file: Option<&str>, e: &std::io::Error) -> IoError {
    IoError::WriteFailed {
        file: file.map(str::to_string),
        io: e.kind(),
        detail: e.to_string(),
    }
}

enum Failure {
    Usage,
    /// Bad input, and whether to report it as JSON.
    Input(Error, bool),
    /// Problems found in some of the inputs (`yibao check`), and what the
    /// others gave.
    Problems {
        out: String,
        errors: Vec<Error>,
    },
    /// Worked cases that fail (`yibao cases`), and the report.
    Failed(String),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure::Input(error, false)
    }
}

enum Output {
    Table,
    Explanation,
}

fn to_json(value: &impl serde::Serialize) -> Result<String, Failure> {
    serde_json::to_string_pretty(value)
        .map(|text| text + "\n")
        .map_err(|e| Failure::Input(cannot_encode(&e), true))
}

/// JSON on one line, for files the page reads.
fn compact_json(value: &impl serde::Serialize) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|e| cannot_encode(&e))
}

fn cannot_encode(e: &serde_json::Error) -> Error {
    Error::new(
        "",
        IoError::CannotEncode {
            detail: e.to_string(),
        },
    )
}

/// The bytes of a file, or of standard input (`None`); more than `limit`
/// bytes are refused, and no more than one byte past it is read.
fn read_bytes(file: Option<&str>, limit: usize) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    let most = u64::try_from(limit).map_or(u64::MAX, |limit| limit.saturating_add(1));
    match file {
        Some(path) => std::fs::File::open(path).and_then(|f| f.take(most).read_to_end(&mut bytes)),
        None => std::io::stdin().lock().take(most).read_to_end(&mut bytes),
    }
    .map_err(|e| {
        Error::new(
            "",
            IoError::ReadFailed {
                file: file.map(str::to_string),
                io: e.kind(),
                detail: e.to_string(),
            },
        )
    })?;
    if bytes.len() > limit {
        return Err(Error::new(
            "",
            IoError::InputTooLarge {
                file: file.map(str::to_string),
                max_bytes: limit,
            },
        ));
    }
    Ok(bytes)
}

/// The text of a file, or of standard input (`None`), of at most `limit` bytes.
fn read_text(file: Option<&str>, limit: usize) -> Result<String, Error> {
    String::from_utf8(read_bytes(file, limit)?).map_err(|_| {
        Error::new(
            "",
            IoError::FileNotUtf8 {
                file: file.map(str::to_string),
            },
        )
    })
}

/// A request as JSON text; a byte-order mark (Windows Notepad writes one)
/// is not part of it.
fn request_from_json(text: &str) -> Result<Request, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let raw = serde_json::from_str::<Raw>(text).map_err(|e| {
        Error::new(
            "",
            InputError::JsonSyntax {
                line: e.line(),
                column: e.column(),
                detail: e.to_string(),
            },
        )
    })?;
    Request::from_raw(&raw)
}

fn estimate(args: &[&str], output: Output) -> Result<String, Failure> {
    let mut json = false;
    let mut english = false;
    let mut policy_file = None;
    let mut fields: Vec<(&str, &str)> = Vec::new();
    let mut overrides: Vec<(String, Replacement)> = Vec::new();
    let mut rest = args.iter();
    while let Some(&flag) = rest.next() {
        match flag {
            "--json" => json = true,
            "--en" => english = true,
            _ => {
                let value = *rest.next().ok_or(Failure::Usage)?;
                match flag {
                    "--policy-file" => policy_file = Some(value),
                    "--policy" | "--date" | "--scheme" | "--category" | "--age" | "--level"
                    | "--compliant" | "--setting" | "--disease" => fields.push((&flag[2..], value)),
                    "--out-of-policy" => fields.push(("out_of_policy", value)),
                    "--override" => {
                        let (path, v) = value.split_once('=').ok_or(Failure::Usage)?;
                        overrides.push((path.to_string(), Replacement::from_text(v)));
                    }
                    _ => return Err(Failure::Usage),
                }
            }
        }
    }
    let fail = |e: Error| Failure::Input(e, json);
    let mut request = if fields.is_empty() {
        read_text(None, yibao::engine::request::MAX_REQUEST_BYTES)
            .and_then(|text| request_from_json(&text))
    } else {
        Request::one_stay(&fields)
    }
    .map_err(fail)?;
    request.overrides.extend(overrides);
    let file_policies;
    let policies: &[Policy] = match policy_file {
        Some(path) => {
            file_policies = [read_policy_file(path).map_err(fail)?];
            &file_policies
        }
        None => yibao::baked::policies().map_err(fail)?,
    };
    let estimate = engine::estimate(&request, policies).map_err(fail)?;
    match (output, json) {
        (_, true) => to_json(&estimate),
        (Output::Table, false) => Ok(yibao::report::table_zh(&estimate)),
        (Output::Explanation, false) => Ok(yibao::report::explanation(&estimate, english)),
    }
}

fn read_policy_file(path: &str) -> Result<Policy, Error> {
    let text = read_text(Some(path), yibao::toml_input::MAX_POLICY_BYTES)?;
    yibao::toml_input::policy_from_toml(path, &text)
}

/// `yibao policies [--json] [--policy-file FILE]`: every baked policy (or
/// the file's), with per version its diseases, outpatient kinds and settings.
fn policies(args: &[&str]) -> Result<String, Failure> {
    let (json, file) = match args {
        ["--json"] => (true, None),
        [] => (false, None),
        ["--json", "--policy-file", file] | ["--policy-file", file, "--json"] => {
            (true, Some(*file))
        }
        ["--policy-file", file] => (false, Some(*file)),
        _ => return Err(Failure::Usage),
    };
    let file_policies;
    let policies: &[Policy] = match file {
        Some(path) => {
            file_policies = [read_policy_file(path)?];
            &file_policies
        }
        None => yibao::baked::policies()?,
    };
    let summaries: Vec<PolicySummary> = policies.iter().map(PolicySummary::of).collect();
    if json {
        return to_json(&summaries);
    }
    let mut out = String::new();
    let names = |list: &[yibao::catalog::Named]| {
        let names: Vec<&str> = list.iter().map(|n| n.name_zh.as_str()).collect();
        names.join("、")
    };
    for p in &summaries {
        let versions: Vec<String> = p
            .versions
            .iter()
            .map(|v| format!("{} ({} 至 {})", v.label, v.valid_from, v.valid_to))
            .collect();
        out += &format!("{:<20} {}：{}\n", p.id, p.province_zh, p.name_zh);
        out += &format!("{:<20} 版本：{}\n", "", versions.join("，"));
        for v in &p.versions {
            let diseases: Vec<String> = v
                .diseases
                .iter()
                .map(|d| {
                    let layers: Vec<&str> = d.benefits.iter().map(|l| l.name_zh()).collect();
                    if layers.is_empty() {
                        format!("{} {}", d.name_zh, d.id)
                    } else {
                        format!("{} {}（{}）", d.name_zh, d.id, layers.join("、"))
                    }
                })
                .collect();
            let diseases = if diseases.is_empty() {
                "无".to_string()
            } else {
                diseases.join("、")
            };
            let kinds = if v.outpatient_kinds.is_empty() {
                "无（门诊费用按个人自付计算）".to_string()
            } else {
                names(&v.outpatient_kinds)
            };
            let settings = match v.settings.len() {
                1 => format!("{}（到外地看病未另行规定，按本地计算）", names(&v.settings)),
                _ => names(&v.settings),
            };
            let label = format!("{} 版", v.label);
            out += &format!("{:<20} {label} 病种：{diseases}\n", "");
            out += &format!("{:<20} {label} 门诊：{kinds}\n", "");
            out += &format!("{:<20} {label} 就医地：{settings}\n", "");
        }
    }
    Ok(out)
}

fn describe(args: &[&str]) -> Result<String, Failure> {
    let markdown = args.contains(&"--markdown");
    let which = match args
        .iter()
        .filter(|a| **a != "--markdown")
        .collect::<Vec<_>>()
        .as_slice()
    {
        [which] => **which,
        _ => return Err(Failure::Usage),
    };
    let policies = yibao::baked::policies()?;
    if which == "--all" {
        return Ok(if markdown {
            yibao::describe::catalogue(policies)
        } else {
            policies
                .iter()
                .map(yibao::describe::text)
                .collect::<Vec<_>>()
                .join("\n")
        });
    }
    let policy = policies.iter().find(|p| p.id == which).ok_or_else(|| {
        let known = policies.iter().map(|p| p.id.clone()).collect();
        Error::new(
            "policy",
            RequestError::UnknownPolicy {
                id: which.to_string(),
                known,
            },
        )
    })?;
    Ok(if markdown {
        yibao::describe::markdown(policy)
    } else {
        yibao::describe::text(policy)
    })
}

/// Writes, for the page, each policy's data (`DIR/<id>.bin`) and the catalogue
/// of all of them (`DIR/index.json`); the page loads a region's data only
/// when the user picks it.
/// `yibao bake --out DIR [FILE...]`: the baked policies, or those of the
/// policy files given (a county's own copy of the page; the browser tests'
/// fixture), as the page loads them.
fn bake(dir: &str, files: &[&str]) -> Result<String, Failure> {
    let write = |path: &str, bytes: &[u8]| {
        std::fs::write(path, bytes).map_err(|e| Error::new("--out", write_failed(Some(path), &e)))
    };
    if files.iter().any(|f| f.starts_with("--")) {
        return Err(Failure::Usage);
    }
    let read: Vec<Policy>;
    let policies = if files.is_empty() {
        yibao::baked::policies()?
    } else {
        read = files
            .iter()
            .map(|file| read_policy_file(file))
            .collect::<Result<_, _>>()?;
        &read
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::new("--out", write_failed(Some(dir), &e)))?;
    for policy in policies {
        let bytes = yibao::policy::data::to_bytes(std::slice::from_ref(policy))?;
        write(&format!("{dir}/{}.bin", policy.id), &bytes)?;
        // The page's policy view: the same description as `yibao describe`.
        let figures = compact_json(&yibao::describe::blocks(policy))?;
        write(
            &format!("{dir}/{}.figures.json", policy.id),
            figures.as_bytes(),
        )?;
    }
    let index = compact_json(&policies.iter().map(PolicySummary::of).collect::<Vec<_>>())?;
    write(&format!("{dir}/index.json"), index.as_bytes())?;
    Ok(format!(
        "{dir}: {} 项政策 / policies (<id>.bin, <id>.figures.json) + index.json\n",
        policies.len()
    ))
}

/// `yibao check [--sources DIR] FILE...`: reads each policy file and checks
/// each of its citations against the source texts in DIR (by default the
/// folder `sources` next to the file); every problem of every file is told.
fn check(args: &[&str]) -> Result<String, Failure> {
    let (sources, files) = match args {
        ["--sources", dir, files @ ..] => (Some(*dir), files),
        files => (None, files),
    };
    if files.is_empty() || files.iter().any(|f| f.starts_with("--")) {
        return Err(Failure::Usage);
    }
    let mut out = String::new();
    let mut errors = Vec::new();
    for file in files {
        let policy = match read_policy_file(file) {
            Ok(policy) => policy,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let folder =
            sources.map_or_else(|| Path::new(file).with_file_name("sources"), PathBuf::from);
        let checked = citations::check(&policy, &mut |name| {
            let path = folder.join(name).display().to_string();
            read_text(Some(&path), citations::MAX_SOURCE_BYTES)
        });
        if !checked.problems.is_empty() {
            errors.extend(checked.problems);
            continue;
        }
        let (cited, assumed) = policy
            .versions
            .iter()
            .map(|v| v.figure_counts())
            .fold((0, 0), |(c, a), (vc, va)| (c + vc, a + va));
        out += &format!(
            "{file}: 通过 / ok — {}，{} 个版本，{} 个数字：原文 {cited}，假设 {assumed}；\
             {} 处引用已与原文核对 / {} figures: {cited} cited, {assumed} assumed; \
             citations verified against the sources: {}\n",
            policy.id,
            policy.versions.len(),
            cited + assumed,
            checked.verified,
            cited + assumed,
            checked.verified,
        );
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Failure::Problems { out, errors })
    }
}

fn amount(args: &[&str]) -> Result<String, Failure> {
    let (json, text) = match args {
        ["--json", text] => (true, *text),
        [text] => (false, *text),
        _ => return Err(Failure::Usage),
    };
    let parsed = yibao::read_amount("amount", text).map_err(|e| Failure::Input(e, json))?;
    if json {
        to_json(&parsed)
    } else {
        Ok(format!("{} 元\n", parsed.display))
    }
}

/// `yibao batch [--en] FILE|-`: the output CSV on stdout, a count on stderr.
/// Rows with errors are in the output too, so the exit status is 0 whenever
/// the file could be read as a table.
fn batch(args: &[&str]) -> Result<String, Failure> {
    let (english, path) = match args {
        ["--en", path] => (true, *path),
        [path] => (false, *path),
        _ => return Err(Failure::Usage),
    };
    let file = if path == "-" { "stdin" } else { path };
    let bytes = read_bytes((path != "-").then_some(path), yibao::batch::MAX_FILE_BYTES)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::new("", BatchError::NotUtf8).in_file(file, 0))?;
    let outcome = yibao::batch::run(&text, yibao::baked::policies()?, english)
        .map_err(|e| e.in_file(file, 0))?;
    say(&format!(
        "{} 户，算出 {} 户，{} 户有错 / {} households, {} computed, {} with errors\n",
        outcome.rows,
        outcome.rows - outcome.failed,
        outcome.failed,
        outcome.rows,
        outcome.rows - outcome.failed,
        outcome.failed
    ));
    Ok(outcome.csv)
}

/// `yibao cases [--policy FILE] CASES...`: runs each file's worked cases
/// against the baked policies, the policy file the cases file names
/// (`policy_file`), or the one given with `--policy`; one line a case, the
/// differences under a failed one, and last `N passed, M failed`. Exit 0
/// when all pass, 1 when some fail, 2 when a file cannot be read.
fn cases(args: &[&str]) -> Result<String, Failure> {
    let (policy_file, files) = match args {
        ["--policy", file, files @ ..] => (Some(*file), files),
        files => (None, files),
    };
    if files.is_empty() || files.iter().any(|f| f.starts_with("--")) {
        return Err(Failure::Usage);
    }
    let given = policy_file.map(read_policy_file).transpose()?;
    let (mut out, mut errors, mut passed, mut failed) = (String::new(), Vec::new(), 0, 0);
    for file in files {
        let run = || -> Result<(String, usize, usize), Error> {
            let text = read_text(Some(file), yibao::cases::MAX_CASES_BYTES)?;
            let cases = yibao::cases::read(file, &text)?;
            let named;
            let policies: &[Policy] = match (&given, cases.policy_path()) {
                (Some(policy), _) => std::slice::from_ref(policy),
                (None, Some(path)) => {
                    named = read_policy_file(&path.display().to_string())?;
                    std::slice::from_ref(&named)
                }
                (None, None) => yibao::baked::policies()?,
            };
            let outcomes = yibao::cases::run(&cases, policies)?;
            let ok = outcomes.iter().filter(|o| o.passed()).count();
            let report = yibao::cases::report(&cases, &outcomes);
            Ok((report, ok, outcomes.len() - ok))
        };
        match run() {
            Ok((report, ok, not)) => {
                out += &report;
                passed += ok;
                failed += not;
            }
            Err(e) => errors.push(e),
        }
    }
    out += &yibao::cases::summary(passed, failed);
    match (errors.is_empty(), failed) {
        (true, 0) => Ok(out),
        (true, _) => Err(Failure::Failed(out)),
        (false, _) => Err(Failure::Problems { out, errors }),
    }
}
