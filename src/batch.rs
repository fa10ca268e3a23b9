//! Many households at once: a CSV file of households in, a CSV file of what
//! each layer pays out (`yibao batch`, and the page's upload).
//!
//! One row is one request: a household with one stay, or with one year's
//! outpatient cost of one kind (column `kind`). Columns are found by their
//! header, in any order, written as ids (`compliant`) or in Chinese
//! (`合规费用`); see [`COLUMNS`] and `docs/batch.md`. Categories, schemes,
//! levels, settings, kinds and diseases may be ids or their Chinese names
//! (levels and diseases also as the policy names them), policies their id or
//! name. A bad
//! row gets its error in its own output row, naming the column and the values
//! it allows in the output's language (Chinese names, or the ids); the other
//! rows are still computed. Only a file that cannot be read as a table at all
//! (no header, a required column missing) is refused as a whole.

use std::collections::HashMap;

use serde::Serialize;

use crate::choice::Choice;
use crate::engine::{self, Estimate, LayerId, Request};
use crate::error::{BatchError, Error, ErrorKind, InputError, RequestError};
use crate::money::to_decimal_string;
use crate::policy::{Category, Level, OutpatientKind, Policy, Scheme, Setting};
use crate::raw::{Raw, RawValue};

/// Rows one file may hold: far more than a township's households, and few
/// enough that a phone keeps the output in memory.
pub const MAX_ROWS: usize = 200_000;

/// The largest batch file read: [`MAX_ROWS`] rows of a household each take
/// 60 to 120 bytes; 64 MiB allows 335 bytes a row.
pub const MAX_FILE_BYTES: usize = 64 << 20;

/// Characters one row may have: a household's row is about a hundred, so a
/// longer one is not a row (a quote left open, a file that is not a table);
/// the bound also keeps a bad file from being scanned again and again.
pub const MAX_ROW_CHARS: usize = 4_096;

/// Errors listed in [`Outcome::errors`]; every one is also in its output row.
const LISTED_ERRORS: usize = 100;

/// An input column: its id, its Chinese header, and whether it is required.
pub struct Column {
    pub id: &'static str,
    pub name_zh: &'static str,
    pub required: bool,
}

/// The input columns, in the order of the example file.
pub const COLUMNS: &[Column] = &[
    column("id", "编号", false),
    column("policy", "地区", true),
    column("date", "就医日期", false),
    column("scheme", "医保", true),
    column("category", "人员类别", true),
    column("age", "年龄", false),
    column("level", "医院级别", true),
    // The cost: its two parts, or the total only (one of the two columns is
    // required, and a row gives one or the other).
    column("compliant", "合规费用", false),
    column("out_of_policy", "目录外费用", false),
    column("total", "总费用", false),
    column("setting", "就医地", false),
    column("disease", "病种", false),
    column("kind", "就诊类型", false),
    column("visits", "就诊次数", false),
];

/// What the `kind` column calls a hospital stay (an empty cell is one too).
const STAY: (&str, &str) = ("stay", "住院");

const fn column(id: &'static str, name_zh: &'static str, required: bool) -> Column {
    Column {
        id,
        name_zh,
        required,
    }
}

/// What a column of the results holds.
#[derive(Clone, Copy)]
enum Cell {
    Of(fn(&Estimate) -> String),
    /// What a layer paid (empty where the policy does not have it).
    Paid(LayerId),
    /// For a row that could not be computed: the column at fault, the message.
    ErrorColumn,
    Error,
}

/// The output columns after `id`: (id, Chinese header, content), the layers'
/// from the registry of benefits.
fn result_columns() -> Vec<(&'static str, &'static str, Cell)> {
    let mut columns: Vec<(&str, &str, Cell)> = vec![
        ("policy", "地区", Cell::Of(|e| e.policy.clone())),
        ("version", "政策版本", Cell::Of(|e| e.version.clone())),
        ("category", "人员类别", Cell::Of(|e| e.category.id().into())),
        (
            "total",
            "总费用",
            Cell::Of(|e| to_decimal_string(e.total.0)),
        ),
    ];
    columns.extend(
        LayerId::ALL
            .iter()
            .map(|&id| (id.id(), id.name_zh(), Cell::Paid(id))),
    );
    columns.extend([
        (
            "out_of_pocket",
            "个人自付",
            Cell::Of(|e| to_decimal_string(e.out_of_pocket.total.0)),
        ),
        (
            "out_of_pocket_compliant",
            "自付中的合规费用",
            Cell::Of(|e| to_decimal_string(e.out_of_pocket.compliant.0)),
        ),
        (
            "out_of_pocket_out_of_policy",
            "自付中的目录外费用",
            Cell::Of(|e| to_decimal_string(e.out_of_pocket.out_of_policy.0)),
        ),
        (
            "effective_ratio",
            "报销比例",
            Cell::Of(|e| e.effective_ratio.to_string()),
        ),
        (
            "assumed",
            "用到的假设数字",
            Cell::Of(|e| {
                let assumed: Vec<&str> = e.assumptions.iter().map(|a| &*a.parameter).collect();
                assumed.join(" ")
            }),
        ),
        ("error_column", "出错的列", Cell::ErrorColumn),
        ("error", "错误", Cell::Error),
    ]);
    columns
}

/// The result of a batch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// The output file: UTF-8 with a byte-order mark (so that Excel and WPS
    /// read the Chinese), a header row, then one row per input row.
    pub csv: String,
    /// Households read.
    pub rows: usize,
    /// Of which could not be computed.
    pub failed: usize,
    /// The first errors, for showing beside the download.
    pub errors: Vec<RowError>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowError {
    /// Line of the input file where the row starts (the header is line 1).
    pub line: usize,
    pub id: String,
    /// The column's Chinese header and its id (both empty: the row as a whole).
    pub column_zh: String,
    pub column_en: String,
    pub message_zh: String,
    pub message_en: String,
}

/// Computes every row of `input` (CSV text) under `policies`; output headers
/// and error messages in English when `english`, else in Chinese.
pub fn run(input: &str, policies: &[Policy], english: bool) -> Result<Outcome, Error> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    // A spreadsheet (.xlsx), a picture or a file decoded in the wrong
    // encoding: say so, rather than name its first bytes as a column.
    if input
        .chars()
        .any(|c| c == '\u{fffd}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r')))
    {
        return Err(Error::new("", BatchError::NotText));
    }
    let mut records = Records::new(input);
    let (_, header) = records
        .next()
        .ok_or_else(|| Error::new("", BatchError::NoRows))?;
    let header = header.map_err(|kind| Error::new("", kind))?;
    let columns = columns(&header.fields)?;

    let mut out = String::with_capacity(input.len() * 2);
    out.push('\u{feff}');
    let result_columns = result_columns();
    let mut titles = vec![if english { "id" } else { "编号" }];
    titles.extend(
        result_columns
            .iter()
            .map(|(id, zh, _)| if english { *id } else { *zh }),
    );
    write_row(&mut out, titles);

    let mut outcome = Outcome {
        csv: String::new(),
        rows: 0,
        failed: 0,
        errors: Vec::new(),
    };
    for (line, record) in records {
        outcome.rows += 1;
        if outcome.rows > MAX_ROWS {
            return Err(Error::new("", BatchError::TooManyRows { max: MAX_ROWS }));
        }
        let id = match (&record, columns.at("id")) {
            (Ok(record), Some(i)) if !record.field(i).trim().is_empty() => {
                record.field(i).trim().to_string()
            }
            _ => line.to_string(),
        };
        let result = record
            .map_err(|kind| Fault::of_row(kind.into()))
            .and_then(|record| {
                if record.fields.len() != header.fields.len() {
                    let (found, expected) = (record.fields.len(), header.fields.len());
                    return Err(Fault::of_row(
                        BatchError::RowLength { found, expected }.into(),
                    ));
                }
                estimate(&record, &columns, policies)
            });
        match result {
            Ok(estimate) => write_row(&mut out, result_row(&result_columns, &id, &estimate)),
            Err(fault) => {
                let words = words(fault.policy, policies);
                let (column_zh, column_en) = column_names(&fault.column);
                let error_zh = Error::new(column_zh, in_words(&fault.kind, &words, false));
                let error_en = Error::new(column_en, in_words(&fault.kind, &words, true));
                let (column, message) = if english {
                    (column_en, error_en.message_en())
                } else {
                    (column_zh, error_zh.message_zh())
                };
                let mut row = vec![id.as_str()];
                row.extend(result_columns.iter().map(|(_, _, cell)| match cell {
                    Cell::ErrorColumn => column,
                    Cell::Error => message.as_str(),
                    Cell::Of(_) | Cell::Paid(_) => "",
                }));
                write_row(&mut out, row);
                outcome.failed += 1;
                if outcome.errors.len() < LISTED_ERRORS {
                    outcome.errors.push(RowError {
                        line,
                        id: id.clone(),
                        column_zh: column_zh.to_string(),
                        column_en: column_en.to_string(),
                        message_zh: error_zh.message_zh(),
                        message_en: error_en.message_en(),
                    });
                }
            }
        }
    }
    if outcome.rows == 0 {
        return Err(Error::new("", BatchError::NoRows));
    }
    outcome.csv = out;
    Ok(outcome)
}

/// Where each input column is, by id.
struct Columns {
    index: HashMap<&'static str, usize>,
}

impl Columns {
    fn at(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }
}

/// A column's Chinese header and its id, whatever the file's header writes
/// (an engine field that is no column as it is; empty: the row as a whole).
fn column_names(id: &str) -> (&str, &str) {
    COLUMNS
        .iter()
        .find(|c| c.id == id)
        .map_or((id, id), |c| (c.name_zh, c.id))
}

/// What is wrong with a row: the column's id, what, and the row's policy
/// where it is known (its names of levels and diseases name the values).
struct Fault<'p> {
    column: String,
    kind: ErrorKind,
    policy: Option<&'p Policy>,
}

impl Fault<'_> {
    fn of_row(kind: ErrorKind) -> Self {
        Fault {
            column: String::new(),
            kind,
            policy: None,
        }
    }
}

/// The values a row names, as (id, Chinese name) pairs: the row's policy's
/// own names of its levels and diseases first, then every choice's and
/// every policy's.
fn words<'p>(policy: Option<&'p Policy>, policies: &'p [Policy]) -> Vec<(&'p str, &'p str)> {
    fn all<'a, C: Choice>() -> impl Iterator<Item = (&'a str, &'a str)> {
        C::ALL.iter().map(|c| (c.id(), c.name_zh()))
    }
    let versions = policy.iter().flat_map(|p| &p.versions);
    let levels = versions.clone().flat_map(|v| &v.levels);
    let diseases = versions.flat_map(|v| &v.diseases);
    let mut words: Vec<(&'p str, &'p str)> = Vec::new();
    words.extend(levels.map(|l| (l.level.id(), l.name_zh.as_str())));
    words.extend(diseases.map(|d| (d.id.as_str(), d.name_zh.as_str())));
    words.extend(
        all::<Scheme>()
            .chain(all::<Category>())
            .chain(all::<Level>()),
    );
    words.extend(all::<Setting>().chain(all::<OutpatientKind>()));
    words.push(STAY);
    words.extend(policies.iter().map(|p| (p.id.as_str(), p.name_zh.as_str())));
    words
}

/// `kind` with the values it names in one language's words: the Chinese
/// names (and the value given, where the engine has made it an id), or the
/// ids, which an English file writes; each once.
fn in_words(kind: &ErrorKind, words: &[(&str, &str)], english: bool) -> ErrorKind {
    let word = |w: &String| {
        let found = words
            .iter()
            .find(|(id, zh)| w == if english { zh } else { id });
        found.map_or(w.clone(), |(id, zh)| {
            (if english { id } else { zh }).to_string()
        })
    };
    let list = |allowed: &[String]| distinct(allowed.iter().map(word));
    let value = |v: &String| if english { v.clone() } else { word(v) };
    match kind {
        ErrorKind::Request(RequestError::NotInPolicy { value: v, allowed }) => {
            RequestError::NotInPolicy {
                value: value(v),
                allowed: list(allowed),
            }
            .into()
        }
        ErrorKind::Request(RequestError::UnknownPolicy { id, known }) => {
            RequestError::UnknownPolicy {
                id: id.clone(),
                known: list(known),
            }
            .into()
        }
        ErrorKind::Input(InputError::UnknownChoice { value: v, allowed }) => {
            InputError::UnknownChoice {
                value: v.clone(),
                allowed: list(allowed),
            }
            .into()
        }
        other => other.clone(),
    }
}

fn columns(header: &[String]) -> Result<Columns, Error> {
    let mut index = HashMap::new();
    for (i, title) in header.iter().enumerate() {
        let title = title.trim();
        let Some(column) = COLUMNS
            .iter()
            .find(|c| c.id.eq_ignore_ascii_case(title) || c.name_zh == title)
        else {
            return Err(Error::new(
                title,
                InputError::UnknownField {
                    allowed: COLUMNS.iter().map(|c| c.id).collect(),
                },
            ));
        };
        if index.insert(column.id, i).is_some() {
            return Err(Error::new(
                title,
                InputError::Duplicate {
                    value: title.to_string(),
                },
            ));
        }
    }
    for column in COLUMNS.iter().filter(|c| c.required) {
        if !index.contains_key(column.id) {
            return Err(Error::new(
                column.id,
                BatchError::MissingColumn {
                    name_zh: column.name_zh,
                },
            ));
        }
    }
    if !index.contains_key("compliant") && !index.contains_key("total") {
        return Err(Error::new(
            "compliant",
            BatchError::MissingColumn {
                name_zh: "合规费用或总费用",
            },
        ));
    }
    Ok(Columns { index })
}

/// One row's estimate, or the column at fault and what is wrong.
fn estimate<'p>(
    record: &Record,
    columns: &Columns,
    policies: &'p [Policy],
) -> Result<Estimate, Fault<'p>> {
    let text = |id: &str| columns.at(id).map_or("", |i| record.field(i).trim());
    // The region first: without it no other column can be read right.
    let policy_text = text("policy");
    let policy_fault = |kind: ErrorKind| Fault {
        column: "policy".into(),
        kind,
        policy: None,
    };
    if policy_text.is_empty() {
        return Err(policy_fault(InputError::Missing.into()));
    }
    let Some(policy) = region(policies, policy_text) else {
        let known = policies.iter().map(|p| p.id.clone()).collect();
        let id = policy_text.to_string();
        return Err(policy_fault(
            RequestError::UnknownPolicy { id, known }.into(),
        ));
    };
    let fault = |id: &str, kind: ErrorKind| {
        Err(Fault {
            column: id.to_string(),
            kind,
            policy: Some(policy),
        })
    };
    // A level by its id, its general name, or as the policy itself names it.
    let level_text = text("level");
    let levels = || policy.versions.iter().flat_map(|v| &v.levels);
    let level = match levels().find(|l| l.name_zh == level_text) {
        Some(name) => name.level.id(),
        None => id_of::<Level>(level_text),
    };
    if !level_text.is_empty() && Level::from_id(level).is_none() {
        // The policy's own names, then the ids (which any file may use).
        let names = levels().map(|l| l.name_zh.clone());
        let allowed = distinct(names.chain(levels().map(|l| l.level.id().to_string())));
        let value = level_text.to_string();
        return fault("level", RequestError::NotInPolicy { value, allowed }.into());
    }
    // A disease likewise: the id or the name of the policy's lists.
    let disease_text = text("disease");
    let diseases = || policy.versions.iter().flat_map(|v| &v.diseases);
    let disease = match diseases().find(|d| d.name_zh == disease_text) {
        Some(d) => d.id.as_str(),
        None => disease_text,
    };
    if !disease.is_empty() && !diseases().any(|d| d.id == disease) {
        let names = diseases().map(|d| d.name_zh.clone());
        let allowed = distinct(names.chain(diseases().map(|d| d.id.clone())));
        let value = disease_text.to_string();
        return fault(
            "disease",
            RequestError::NotInPolicy { value, allowed }.into(),
        );
    }
    let setting = match text("setting") {
        "" => "",
        written => match choice_named::<Setting>(written) {
            Some(setting) => setting.id(),
            None => return fault("setting", unknown_choice(written, Setting::ALL, None)),
        },
    };
    // Empty or 住院: a stay; otherwise one kind of a year's outpatient cost.
    let kind = match text("kind") {
        "" => None,
        written if written == STAY.0 || written == STAY.1 => None,
        written => match choice_named::<OutpatientKind>(written) {
            Some(kind) => Some(kind),
            None => {
                let kinds = OutpatientKind::ALL;
                return fault("kind", unknown_choice(written, kinds, Some(STAY)));
            }
        },
    };
    if kind.is_none() && !text("visits").is_empty() {
        return fault("visits", BatchError::OutpatientOnly.into());
    }
    let fields = [
        ("policy", policy.id.as_str()),
        ("date", text("date")),
        ("scheme", id_of::<Scheme>(text("scheme"))),
        ("category", id_of::<Category>(text("category"))),
        ("age", text("age")),
        ("level", level),
        ("compliant", text("compliant")),
        ("out_of_policy", text("out_of_policy")),
        ("total", text("total")),
        ("setting", setting),
        ("disease", disease),
    ];
    let at_fault = |error: Error| {
        let field = error.field();
        let id = ["admissions[0].", "outpatient[0]."]
            .iter()
            .find_map(|item| field.strip_prefix(item))
            .unwrap_or(field);
        let id = if matches!(id, "admissions" | "outpatient") {
            ""
        } else {
            id
        };
        Fault {
            column: id.to_string(),
            kind: error.kind().clone(),
            policy: Some(policy),
        }
    };
    let request = match kind {
        None => Request::one_stay(&fields),
        Some(kind) => one_outpatient_cost(&fields, kind, text("visits")),
    }
    .map_err(at_fault)?;
    let request = Request {
        explain: false,
        ..request
    };
    engine::estimate(&request, policies).map_err(at_fault)
}

/// A request for one year's outpatient cost of `kind` from fields of text,
/// as [`Request::one_stay`] makes one for a stay: the cost's fields
/// (`level`, `compliant`, `out_of_policy`, `total`, `setting`, `disease`, and
/// `kind`, `visits`) go into `outpatient[0]`, empty fields count as absent.
fn one_outpatient_cost(
    fields: &[(&str, &str)],
    kind: OutpatientKind,
    visits: &str,
) -> Result<Request, Error> {
    let text = |value: &str| Raw::new(RawValue::Text(value.trim().to_string()));
    let mut request = Vec::new();
    let mut item = vec![("kind".to_string(), text(kind.id()))];
    let visits = ("visits", visits);
    let given = fields.iter().chain(std::iter::once(&visits));
    for &(key, value) in given.filter(|(_, v)| !v.trim().is_empty()) {
        match key {
            "level" | "compliant" | "out_of_policy" | "total" | "setting" | "disease"
            | "visits" => item.push((key.to_string(), text(value))),
            _ => request.push((key.to_string(), text(value))),
        }
    }
    let items = vec![Raw::new(RawValue::Table(item))];
    request.push(("outpatient".into(), Raw::new(RawValue::List(items))));
    Request::from_raw(&Raw::new(RawValue::Table(request)))
}

/// Each text once, in order.
fn distinct(words: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in words {
        if !out.contains(&word) {
            out.push(word);
        }
    }
    out
}

/// A choice written as its id, its Chinese name, or that name without its
/// bracketed part where no other choice shares it (`转诊转院` for
/// `转诊转院（已办转诊）`, but not `异地就医`, which is two settings).
fn choice_named<C: Choice>(text: &str) -> Option<C> {
    let exact = C::ALL
        .iter()
        .find(|c| c.id() == text || c.name_zh() == text);
    let short = |c: &&C| c.name_zh().split('（').next() == Some(text);
    let mut shortened = C::ALL.iter().filter(short);
    let unique = match (shortened.next(), shortened.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    };
    exact.or(unique).copied()
}

/// A value that is none of the choices: the Chinese names, then the ids
/// (with `extra`, a name and an id that mean something else, first).
fn unknown_choice<C: Choice>(value: &str, choices: &[C], extra: Option<(&str, &str)>) -> ErrorKind {
    let names = extra
        .iter()
        .map(|e| e.1)
        .chain(choices.iter().map(|c| c.name_zh()));
    let ids = extra
        .iter()
        .map(|e| e.0)
        .chain(choices.iter().map(|c| c.id()));
    InputError::UnknownChoice {
        value: value.to_string(),
        allowed: names.chain(ids).map(str::to_string).collect(),
    }
    .into()
}

/// The policy a batch row names by its id, its Chinese name, or its province
/// where that province has one policy, also without 省 / 自治区 (内蒙古).
fn region<'p>(policies: &'p [Policy], text: &str) -> Option<&'p Policy> {
    let by_name = policies.iter().find(|p| p.id == text || p.name_zh == text);
    by_name.or_else(|| {
        let short_enough = text.chars().count() >= 2;
        let mut in_province = policies
            .iter()
            .filter(|p| short_enough && p.province_zh.starts_with(text));
        match (in_province.next(), in_province.next()) {
            (Some(policy), None) => Some(policy),
            _ => None,
        }
    })
}

/// The id of a choice written as its id or its Chinese name.
fn id_of<C: Choice>(text: &str) -> &str {
    C::ALL
        .iter()
        .find(|c| c.name_zh() == text)
        .map_or(text, |c| c.id())
}

fn result_row(columns: &[(&str, &str, Cell)], id: &str, e: &Estimate) -> Vec<String> {
    let mut row = vec![id.to_string()];
    row.extend(columns.iter().map(|(_, _, cell)| {
        match cell {
            Cell::Of(value) => value(e),
            Cell::Paid(layer) => e
                .layers
                .iter()
                .find(|l| l.id == *layer)
                .map_or(String::new(), |l| to_decimal_string(l.paid.0)),
            Cell::ErrorColumn | Cell::Error => String::new(),
        }
    }));
    row
}

/// Appends one CSV row. Fields with a comma, quote or line break are quoted;
/// text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first)
/// gets a leading `'`, so that a household id can never become a formula.
fn write_row<S: AsRef<str>>(out: &mut String, fields: Vec<S>) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let field = field.as_ref();
        let formula = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
        if formula || field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            if formula {
                out.push('\'');
            }
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

/// One record of the input.
struct Record {
    fields: Vec<String>,
}

impl Record {
    fn field(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", String::as_str)
    }
}

/// The records of CSV text (RFC 4180: fields separated by commas, or by
/// tabs or semicolons when the header line uses those instead; `"` quotes a
/// field, `""` is a quote inside one; lines end in LF, CRLF or a lone CR, as
/// old Mac Excel writes them), each with the line it starts on. Blank lines
/// are skipped. A record that cannot be read (a quote that never closes, a
/// closing quote followed by more text, a row longer than [`MAX_ROW_CHARS`])
/// is an error for the line where it
/// starts, and reading resumes on the next line: one bad row never swallows
/// the rows after it.
///
/// Hand-written rather than csv-core: csv-core reads any bytes without
/// complaint (a lone quote takes the rest of the file into one field), so
/// it cannot tell a cadre which line has the open quote, nor resume after
/// it; those messages are the point of this reader.
struct Records<'t> {
    text: &'t str,
    at: usize,
    line: usize,
    separator: char,
}

impl<'t> Records<'t> {
    fn new(text: &'t str) -> Records<'t> {
        let first_line = text.split(['\n', '\r']).next().unwrap_or("");
        let separator = if first_line.contains(',') {
            ','
        } else if first_line.contains('\t') {
            '\t'
        } else if first_line.contains(';') {
            ';'
        } else {
            ','
        };
        Records {
            text,
            at: 0,
            line: 1,
            separator,
        }
    }

    /// Moves past the line that starts at `self.at` (after a record that
    /// could not be read), to read on from the next one.
    fn skip_line(&mut self, start_line: usize) {
        let rest = &self.text[self.at..];
        let end = rest.find(['\n', '\r']).map_or(rest.len(), |i| {
            let crlf = rest[i..].starts_with("\r\n");
            i + if crlf { 2 } else { 1 }
        });
        self.at += end;
        self.line = start_line + 1;
    }
}

impl Iterator for Records<'_> {
    type Item = (usize, Result<Record, BatchError>);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let rest = &self.text[self.at..];
            if rest.is_empty() {
                return None;
            }
            let start_line = self.line;
            let mut fields = Vec::new();
            let mut field = String::new();
            let mut quoted = false;
            let mut chars = rest.char_indices().peekable();
            let mut end = None;
            let mut line = start_line;
            let mut read = 0;
            while let Some((i, c)) = chars.next() {
                read += 1;
                if read > MAX_ROW_CHARS {
                    // A quote still open this far on never closed; otherwise
                    // the line itself is too long to be a household.
                    let kind = if quoted {
                        BatchError::UnclosedQuote
                    } else {
                        BatchError::RowTooLong { max: MAX_ROW_CHARS }
                    };
                    self.skip_line(start_line);
                    return Some((start_line, Err(kind)));
                }
                let line_end = c == '\n' || c == '\r';
                match c {
                    '"' if quoted => match chars.peek().map(|&(_, c)| c) {
                        Some('"') => {
                            chars.next();
                            field.push('"');
                        }
                        // A closing quote ends the field. Anything else after
                        // it means the quotes pair up wrongly, e.g. an open
                        // quote closed by the next row's opening one: reading
                        // on would merge rows.
                        None | Some('\n' | '\r') => quoted = false,
                        Some(next) if next == self.separator => quoted = false,
                        Some(_) => {
                            self.skip_line(start_line);
                            return Some((start_line, Err(BatchError::StrayQuote)));
                        }
                    },
                    '"' if field.is_empty() => quoted = true,
                    _ if line_end && !quoted => {
                        let crlf = c == '\r' && chars.peek().map(|&(_, c)| c) == Some('\n');
                        end = Some(i + if crlf { 2 } else { 1 });
                        break;
                    }
                    c if c == self.separator && !quoted => fields.push(std::mem::take(&mut field)),
                    c => {
                        // A line break inside quotes is part of the field; a
                        // CRLF counts as one line.
                        let crlf = c == '\r' && chars.peek().map(|&(_, c)| c) == Some('\n');
                        if line_end && !crlf {
                            line += 1;
                        }
                        field.push(c);
                    }
                }
            }
            if quoted {
                self.skip_line(start_line);
                return Some((start_line, Err(BatchError::UnclosedQuote)));
            }
            self.at += end.unwrap_or(rest.len());
            self.line = line + 1;
            fields.push(field);
            if fields.len() == 1 && fields[0].trim().is_empty() {
                continue;
            }
            return Some((start_line, Ok(Record { fields })));
        }
    }
}
