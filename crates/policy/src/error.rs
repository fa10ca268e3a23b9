//! The one error type of the library.
//!
//! Every error names the input field it is about (a request field such as
//! `admissions[1].compliant`, or a parameter path in a policy file such as
//! `versions[0].critical_illness.threshold`) and says, in Chinese and in
//! English, what is wrong and what to do. Errors about a policy file also
//! carry the file name and the line. The page shows the message next to the
//! field; the command line prints it on stderr. Serialized (for the wasm
//! boundary and `--json`), an error is `{ field, message_zh, message_en }`,
//! plus `file` and `line` when it comes from a policy file.

use std::fmt;

use serde::ser::{Serialize, SerializeStruct, Serializer};

/// Something wrong with one input field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    field: String,
    kind: ErrorKind,
    location: Option<Location>,
}

/// Where in a policy file an error is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    /// 1-based; 0 when the whole file is meant.
    pub line: u32,
}

/// What is wrong. Each kind has one message per language.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// An amount field is empty.
    EmptyAmount,
    /// An amount is below zero.
    NegativeAmount,
    /// The text is not a number in any form we accept.
    NotAnAmount,
    /// More precision than a fen (0.01 yuan).
    TooManyDecimals,
    /// Above [`crate::money::MAX_AMOUNT`]: almost certainly a typing mistake.
    AmountTooLarge,
    /// Zero where only a positive amount makes sense (a curve's maximum).
    AmountNotPositive,
    /// A required field is absent.
    Missing,
    /// A field that the format does not have (often a misspelling).
    UnknownField { allowed: Vec<&'static str> },
    /// The value has the wrong shape (text where a table is needed, …).
    WrongType { expected: Expected },
    /// A value outside a fixed list (scheme, category, level, …).
    UnknownChoice { value: String, allowed: Vec<String> },
    /// A rate written other than as a percentage such as `60%`.
    NotAPercent,
    /// A percentage outside 0%–100%.
    PercentOutOfRange,
    /// A date not written as YYYY-MM-DD, or a day that does not exist.
    NotADate,
    /// A whole number (age, …) outside its range.
    NumberOutOfRange { min: u32, max: u32 },
    /// A version ends before it starts.
    DatesOutOfOrder,
    /// Two versions of a policy are in force on the same day.
    VersionsOverlap { other: String },
    /// Segment upper bounds must rise, and only the last segment is open.
    SegmentsOutOfOrder,
    /// A figure with neither a citation nor a reason for assuming it.
    Unsourced,
    /// A citation not written as `file:line`.
    BadSource,
    /// The same item twice (a policy id, a category in two groups, …).
    Duplicate { value: String },
    /// A rate raised by points past 100%.
    RaisedRateAbove100,
    /// A level-keyed table that does not cover every level of the version.
    MissingLevel { level: String },
    /// No policy with this id.
    UnknownPolicy { id: String, known: Vec<String> },
    /// No version of the policy is in force on the date.
    NoVersionOnDate { date: String, ranges: Vec<String> },
    /// The policy does not provide for this scheme / category / level.
    NotInPolicy { value: String, allowed: Vec<String> },
    /// A request without any hospital stay.
    NoAdmissions,
    /// More stays than one year can plausibly hold.
    TooManyAdmissions { max: usize },
    /// An override names no parameter of the policy version.
    UnknownParameter,
    /// A batch file without a header row or without any household.
    NoRows,
    /// A batch file with more rows than [`crate::batch::MAX_ROWS`].
    TooManyRows { max: usize },
    /// A batch file's header lacks a required column.
    MissingColumn { name_zh: &'static str },
    /// A batch row with more or fewer fields than the header.
    RowLength { found: usize, expected: usize },
    /// A quoted CSV field whose closing quote never comes.
    UnclosedQuote,
    /// A file that is not UTF-8 text (often GBK, from Excel on Chinese Windows).
    NotUtf8,
    // Requests, overrides and the wasm boundary
    /// Replaced figures that together break a rule of the version (boxed:
    /// the rarest kind should not make every error larger).
    Conflict(Box<Conflict>),
    /// More overrides than [`crate::engine::request::MAX_OVERRIDES`].
    TooManyOverrides { max: usize },
    /// A well-formed date whose year is outside what dates are read for.
    YearOutOfRange { min: u16, max: u16 },
    /// A well-formed date that the calendar does not have (2020-02-30).
    NoSuchDay,
    /// Commas in an amount that are not thousands separators (`1,2,3`, `12,50`).
    BadGrouping,
    /// Input nested deeper than the reader goes (a cycle is infinitely deep).
    NestedTooDeep { max: usize },
    /// A list or table with more entries than the reader takes.
    TooManyItems { max: usize },
    /// A text longer than the reader takes.
    TextTooLong { max: usize },
    /// A JavaScript value of a type that no field has (bigint, symbol, function).
    UnsupportedValue { what: String },
    /// Reading the value threw (a getter or a Proxy trap).
    Unreadable,
    /// A batch file that holds binary content rather than text.
    NotText,
    /// A batch row longer than [`crate::batch::MAX_ROW_CHARS`].
    RowTooLong { max: usize },
    /// A quoted CSV field whose closing quote is followed by more text.
    StrayQuote,
    // CLI and policy files
    /// The command line could not write its output: a file (`file`), or
    /// standard output (`None`). `io` says why, `detail` is the system's
    /// own (English) text.
    WriteFailed {
        file: Option<String>,
        io: std::io::ErrorKind,
        detail: String,
    },
    /// The command line could not read a file (`None`: standard input).
    ReadFailed {
        file: Option<String>,
        io: std::io::ErrorKind,
        detail: String,
    },
    /// A file (`None`: standard input) that is not UTF-8 text.
    FileNotUtf8 { file: Option<String> },
    /// A request that is not valid JSON; `detail` is the parser's (English) text.
    JsonSyntax {
        line: usize,
        column: usize,
        detail: String,
    },
    /// A policy file that is not valid TOML; `line` is 0 when the parser
    /// does not say, `detail` is its (English) text.
    TomlSyntax {
        line: u32,
        problem: TomlProblem,
        detail: String,
    },
    /// A policy id with other characters than `a-z`, `0-9` and `_`.
    BadId,
    /// A tilt with both `rate_points` and `flat_rate`.
    RatePointsWithFlatRate,
    /// Bytes without the tag of this version's policy data.
    NotPolicyData,
    /// Policy data with the right tag that cannot be decoded.
    DamagedPolicyData { detail: String },
    /// Data (JSON, policy data) that could not be encoded: a bug.
    CannotEncode { detail: String },
    /// A file (`None`: standard input) larger than the limit for its kind.
    InputTooLarge {
        file: Option<String>,
        max_bytes: usize,
    },
    /// More versions than [`crate::policy::read::MAX_VERSIONS`].
    TooManyVersions { max: usize },
    /// A citation's file that is not a plain file name in the sources folder
    /// (a path, `..`, a drive).
    SourceNotPlainName { file: String },
    /// A source text that could not be read (`reason`), so that none of the
    /// `citations` citing it could be checked.
    SourceUnreadable {
        reason: Box<Error>,
        citations: usize,
    },
    /// A citation of a line the source text does not have.
    NoSuchLine {
        file: String,
        line: u32,
        lines: usize,
    },
    /// A quote that does not stand on the cited line, which reads `text`.
    QuoteNotOnLine {
        file: String,
        line: u32,
        text: String,
    },
    /// A cited figure (as written: `70%`, `14000`) found neither in its
    /// quote nor in the citation's reading.
    FigureNotInQuote { written: String },
}

/// A figure, set to `value`, that conflicts with the figure `other` (now
/// `other_value`) by `rule`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub value: String,
    pub other: String,
    pub other_value: String,
    pub rule: ErrorKind,
}

/// The shape a field should have, for [`ErrorKind::WrongType`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Table,
    List,
    Text,
    WholeNumber,
    Boolean,
    /// Raw bytes (policy data handed to the wasm module).
    Bytes,
}

impl Expected {
    fn zh(self) -> &'static str {
        match self {
            Expected::Table => "一组字段（表）",
            Expected::List => "列表",
            Expected::Text => "文字",
            Expected::WholeNumber => "整数",
            Expected::Boolean => "true 或 false",
            Expected::Bytes => "字节数组（Uint8Array）",
        }
    }

    fn en(self) -> &'static str {
        match self {
            Expected::Table => "a table of fields",
            Expected::List => "a list",
            Expected::Text => "text",
            Expected::WholeNumber => "a whole number",
            Expected::Boolean => "true or false",
            Expected::Bytes => "bytes (a Uint8Array)",
        }
    }
}

impl Error {
    pub fn new(field: impl Into<String>, kind: ErrorKind) -> Self {
        Error {
            field: field.into(),
            kind,
            location: None,
        }
    }

    /// The same error, located in a policy file.
    pub fn in_file(mut self, file: impl Into<String>, line: u32) -> Self {
        self.location = Some(Location {
            file: file.into(),
            line,
        });
        self
    }

    /// The same error, with `prefix.` put before the field name (for errors
    /// found inside a nested value, e.g. an override; `prefix` alone before
    /// a list index such as `[2]`).
    pub fn under(mut self, prefix: &str) -> Self {
        self.field = if self.field.is_empty() {
            prefix.to_string()
        } else if self.field.starts_with('[') {
            format!("{prefix}{}", self.field)
        } else {
            format!("{prefix}.{}", self.field)
        };
        self
    }

    /// The input field the error is about.
    pub fn field(&self) -> &str {
        &self.field
    }

    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    pub fn location(&self) -> Option<&Location> {
        self.location.as_ref()
    }

    pub fn message_zh(&self) -> String {
        match &self.kind {
            ErrorKind::EmptyAmount => "请填写金额".into(),
            ErrorKind::NegativeAmount => "金额不能为负数".into(),
            ErrorKind::NotAnAmount => {
                "不是有效的金额，请输入数字，例如 12000、12,000 或 1.2万".into()
            }
            ErrorKind::TooManyDecimals => "金额最多精确到分（两位小数）".into(),
            ErrorKind::AmountTooLarge => "金额超过 1 亿元，请检查是否多输入了数字".into(),
            ErrorKind::AmountNotPositive => "金额应大于 0".into(),
            ErrorKind::Missing => "缺少这一项".into(),
            ErrorKind::UnknownField { allowed } => {
                format!(
                    "没有这个字段（是否拼错了？）；可用的字段：{}",
                    allowed.join("、")
                )
            }
            ErrorKind::WrongType { expected } => format!("这里应填{}", expected.zh()),
            ErrorKind::UnknownChoice { value, allowed } => {
                format!("“{value}”不是可选的值；可选：{}", allowed.join("、"))
            }
            ErrorKind::NotAPercent => "比例应写成百分数，例如 \"60%\"".into(),
            ErrorKind::PercentOutOfRange => "比例应在 0% 到 100% 之间".into(),
            ErrorKind::NotADate => "日期应写成 年-月-日，例如 2020-06-30".into(),
            ErrorKind::NumberOutOfRange { min, max } => format!("应为 {min} 到 {max} 之间的整数"),
            ErrorKind::DatesOutOfOrder => "结束日期（valid_to）早于开始日期（valid_from）".into(),
            ErrorKind::VersionsOverlap { other } => format!("有效期与版本 {other} 重叠"),
            ErrorKind::SegmentsOutOfOrder => {
                "分段上限（up_to）应逐段递增且高于起付线，只有最后一段不写上限".into()
            }
            ErrorKind::Unsourced => {
                "每个数值都要注明出处（source 和 quote），或注明是假设（assumed，写明理由）".into()
            }
            ErrorKind::BadSource => {
                "出处应写成 文件名:行号，例如 \"004_44d2b2ecadff79be.txt:22\"".into()
            }
            ErrorKind::Duplicate { value } => format!("“{value}”重复出现"),
            ErrorKind::RaisedRateAbove100 => "提高百分点后报销比例超过 100%".into(),
            ErrorKind::MissingLevel { level } => format!("缺少医院级别 {level} 的数值"),
            ErrorKind::UnknownPolicy { id, known } => {
                format!("没有名为“{id}”的政策；现有：{}", known.join("、"))
            }
            ErrorKind::NoVersionOnDate { date, ranges } => {
                format!(
                    "该政策在 {date} 没有生效的版本；有效期：{}",
                    ranges.join("、")
                )
            }
            ErrorKind::NotInPolicy { value, allowed } => {
                format!("该政策没有“{value}”这一项；可选：{}", allowed.join("、"))
            }
            ErrorKind::NoAdmissions => "请至少填写一次住院".into(),
            ErrorKind::TooManyAdmissions { max } => format!("一年内最多填写 {max} 次住院"),
            ErrorKind::UnknownParameter => {
                "该政策版本没有这个数字（名字不对）；各项数字的名字见测算说明或“政策数字一览”".into()
            }
            ErrorKind::NoRows => "文件里没有数据：第一行应是表头，下面每行一户".into(),
            ErrorKind::TooManyRows { max } => format!("一个文件最多 {max} 行，请分成几个文件"),
            ErrorKind::MissingColumn { name_zh } => {
                format!("表头缺少这一列（{name_zh}）；格式见示例文件")
            }
            ErrorKind::RowLength { found, expected } => {
                format!("这一行有 {found} 列，表头有 {expected} 列；请检查是否多了或少了逗号")
            }
            ErrorKind::UnclosedQuote => {
                "引号没有配对：这一行的引号一直没有结束（下一行照常读取）".into()
            }
            ErrorKind::NotUtf8 => {
                "文件不是 UTF-8 编码；请在 Excel 或 WPS 中另存为“CSV UTF-8”".into()
            }
            ErrorKind::Conflict(c) => format!(
                "改为 {} 后，与 {}（{}）冲突：{}",
                c.value,
                c.other,
                c.other_value,
                Error::new("", c.rule.clone()).message_zh()
            ),
            ErrorKind::TooManyOverrides { max } => format!("一次最多替换 {max} 个数字"),
            ErrorKind::YearOutOfRange { min, max } => {
                format!("年份应在 {min} 年到 {max} 年之间")
            }
            ErrorKind::NoSuchDay => "没有这一天，请检查月份和日期".into(),
            ErrorKind::BadGrouping => {
                "逗号位置不对：分位的逗号应每三位一个，例如 12,000 或 1,234,567.50".into()
            }
            ErrorKind::NestedTooDeep { max } => format!("嵌套层数太多（最多 {max} 层）"),
            ErrorKind::TooManyItems { max } => format!("项数太多（最多 {max} 项）"),
            ErrorKind::TextTooLong { max } => format!("文字太长（最多 {max} 个字）"),
            ErrorKind::UnsupportedValue { what } => {
                format!("不能读取 {what} 类型的值，这里应填文字或数字")
            }
            ErrorKind::Unreadable => "读取这一项时出错，无法读取它的值".into(),
            ErrorKind::NotText => {
                "这不是文字表格（CSV）文件，里面有二进制内容；请在 Excel 或 WPS 中另存为“CSV UTF-8”"
                    .into()
            }
            ErrorKind::RowTooLong { max } => {
                format!("这一行超过 {max} 个字，不像是表格里的一行；请检查文件")
            }
            ErrorKind::StrayQuote => "引号位置不对：引号里的内容结束后应紧跟分隔的逗号或换行；内容里的引号要写成两个（\"\"）".into(),
            // CLI and policy files
            ErrorKind::WriteFailed { file, io, .. } => match file {
                Some(file) => format!("无法写入文件 {file}：{}", io_zh(*io)),
                None => format!("无法写出结果（标准输出）：{}", io_zh(*io)),
            },
            ErrorKind::ReadFailed { file, io, .. } => match file {
                Some(file) => format!("无法读取文件 {file}：{}", io_zh(*io)),
                None => format!("无法读取标准输入：{}", io_zh(*io)),
            },
            ErrorKind::FileNotUtf8 { file } => format!(
                "{}不是 UTF-8 编码的文本；请在编辑器（如记事本）中另存为 UTF-8",
                file.as_ref()
                    .map_or("标准输入".into(), |f| format!("文件 {f} "))
            ),
            ErrorKind::JsonSyntax { line, column, .. } => {
                format!("请求不是有效的 JSON（第 {line} 行第 {column} 列）")
            }
            ErrorKind::TomlSyntax { line, problem, .. } => {
                let at = if *line > 0 {
                    format!("（第 {line} 行）")
                } else {
                    String::new()
                };
                format!("TOML 格式错误{at}：{}", problem.zh())
            }
            ErrorKind::BadId => "id 只能用小写英文字母、数字和下划线".into(),
            ErrorKind::RatePointsWithFlatRate => "rate_points 和 flat_rate 只能写一个".into(),
            ErrorKind::NotPolicyData => "不是本版本程序的政策数据（请刷新页面）".into(),
            ErrorKind::DamagedPolicyData { .. } => "政策数据已损坏，无法读取（请刷新页面）".into(),
            ErrorKind::CannotEncode { .. } => "程序内部错误：无法写出数据，请报告这个问题".into(),
            ErrorKind::InputTooLarge { file, max_bytes } => match file {
                Some(file) => format!(
                    "文件 {file} 超过 {} 的上限；请检查是否选错了文件",
                    size(*max_bytes)
                ),
                None => format!("标准输入超过 {} 的上限", size(*max_bytes)),
            },
            ErrorKind::TooManyVersions { max } => {
                format!("一个政策文件最多 {max} 个版本；请把较早的版本另存为一个文件")
            }
            ErrorKind::SourceNotPlainName { file } => format!(
                "出处的文件名“{file}”不对：只能写 sources 文件夹里的一个文件名，不能带路径（/、\\、..）"
            ),
            ErrorKind::SourceUnreadable { reason, citations } => format!(
                "{}；引用这个文件的 {citations} 处都无法核对",
                reason.message_zh()
            ),
            ErrorKind::NoSuchLine { file, line, lines } => {
                format!("原文 {file} 只有 {lines} 行，没有第 {line} 行")
            }
            ErrorKind::QuoteNotOnLine { file, line, text } => {
                format!("原文 {file} 第 {line} 行没有这句原话；这一行是：{text}")
            }
            ErrorKind::FigureNotInQuote { written } => format!(
                "原话里没有这个数字（{written}），reading 里也没有；请核对数字和原话，或在 reading 里说明怎样读出这个数"
            ),
        }
    }

    pub fn message_en(&self) -> String {
        match &self.kind {
            ErrorKind::EmptyAmount => "enter an amount".into(),
            ErrorKind::NegativeAmount => "the amount cannot be negative".into(),
            ErrorKind::NotAnAmount => {
                "not an amount; type a number such as 12000, 12,000 or 1.2万 (12,000)".into()
            }
            ErrorKind::TooManyDecimals => "at most two decimal places (0.01 yuan)".into(),
            ErrorKind::AmountTooLarge => {
                "the amount is over 100,000,000 yuan; check for extra digits".into()
            }
            ErrorKind::AmountNotPositive => "the amount must be more than 0".into(),
            ErrorKind::Missing => "this field is required".into(),
            ErrorKind::UnknownField { allowed } => {
                format!("unknown field (misspelt?); expected one of: {}", allowed.join(", "))
            }
            ErrorKind::WrongType { expected } => format!("expected {}", expected.en()),
            ErrorKind::UnknownChoice { value, allowed } => {
                format!("\"{value}\" is not one of: {}", allowed.join(", "))
            }
            ErrorKind::NotAPercent => "write a rate as a percentage, e.g. \"60%\"".into(),
            ErrorKind::PercentOutOfRange => "a rate must lie between 0% and 100%".into(),
            ErrorKind::NotADate => "write a date as YYYY-MM-DD, e.g. 2020-06-30".into(),
            ErrorKind::NumberOutOfRange { min, max } => {
                format!("expected a whole number from {min} to {max}")
            }
            ErrorKind::DatesOutOfOrder => "valid_to is earlier than valid_from".into(),
            ErrorKind::VersionsOverlap { other } => {
                format!("its dates overlap those of version {other}")
            }
            ErrorKind::SegmentsOutOfOrder => {
                "segment bounds (up_to) must rise and lie above the threshold; only the last segment is open".into()
            }
            ErrorKind::Unsourced => {
                "every figure needs a citation (source and quote) or must be marked assumed with a reason".into()
            }
            ErrorKind::BadSource => {
                "write a source as file:line, e.g. \"004_44d2b2ecadff79be.txt:22\"".into()
            }
            ErrorKind::Duplicate { value } => format!("\"{value}\" appears twice"),
            ErrorKind::RaisedRateAbove100 => "the raised rate is above 100%".into(),
            ErrorKind::MissingLevel { level } => format!("no figure for hospital level {level}"),
            ErrorKind::UnknownPolicy { id, known } => {
                format!("no policy \"{id}\"; known: {}", known.join(", "))
            }
            ErrorKind::NoVersionOnDate { date, ranges } => {
                format!("no version of this policy is in force on {date}; versions: {}", ranges.join(", "))
            }
            ErrorKind::NotInPolicy { value, allowed } => {
                format!("this policy has no \"{value}\"; it has: {}", allowed.join(", "))
            }
            ErrorKind::NoAdmissions => "enter at least one hospital stay".into(),
            ErrorKind::TooManyAdmissions { max } => format!("at most {max} stays in one year"),
            ErrorKind::UnknownParameter => {
                "this policy version has no figure of this name; the explanation and the policy's figure list give the names".into()
            }
            ErrorKind::NoRows => {
                "the file has no data: a header row first, then one household per row".into()
            }
            ErrorKind::TooManyRows { max } => {
                format!("at most {max} rows in one file; split it into several")
            }
            ErrorKind::MissingColumn { .. } => {
                "the header lacks this column; see the example file".into()
            }
            ErrorKind::RowLength { found, expected } => format!(
                "this row has {found} fields but the header has {expected}; check for a missing or extra comma"
            ),
            ErrorKind::UnclosedQuote => {
                "a quote opened on this row is never closed (the next line is read as usual)".into()
            }
            ErrorKind::NotUtf8 => {
                "the file is not UTF-8 text; in Excel or WPS save it as \"CSV UTF-8\"".into()
            }
            ErrorKind::Conflict(c) => format!(
                "set to {}, it conflicts with {} ({}): {}",
                c.value,
                c.other,
                c.other_value,
                Error::new("", c.rule.clone()).message_en()
            ),
            ErrorKind::TooManyOverrides { max } => {
                format!("at most {max} replaced figures in one request")
            }
            ErrorKind::YearOutOfRange { min, max } => {
                format!("the year must lie between {min} and {max}")
            }
            ErrorKind::NoSuchDay => "there is no such day; check the month and the day".into(),
            ErrorKind::BadGrouping => {
                "misplaced comma: thousands separators go every three digits, e.g. 12,000 or 1,234,567.50".into()
            }
            ErrorKind::NestedTooDeep { max } => {
                format!("nested too deeply (at most {max} levels)")
            }
            ErrorKind::TooManyItems { max } => format!("too many items (at most {max})"),
            ErrorKind::TextTooLong { max } => format!("text too long (at most {max} characters)"),
            ErrorKind::UnsupportedValue { what } => {
                format!("a value of type {what} cannot be read here; give text or a number")
            }
            ErrorKind::Unreadable => "reading this value threw an error".into(),
            ErrorKind::NotText => {
                "this is not a text table (CSV): it holds binary content; in Excel or WPS save it as \"CSV UTF-8\"".into()
            }
            ErrorKind::RowTooLong { max } => {
                format!("this row is over {max} characters long, not a table row; check the file")
            }
            ErrorKind::StrayQuote => {
                "misplaced quote: a closing quote must be followed by the separator or the end of the line; write a quote inside a field as \"\"".into()
            }
            // CLI and policy files
            ErrorKind::WriteFailed { file, detail, .. } => match file {
                Some(file) => format!("cannot write {file}: {detail}"),
                None => format!("cannot write to standard output: {detail}"),
            },
            ErrorKind::ReadFailed { file, detail, .. } => match file {
                Some(file) => format!("cannot read {file}: {detail}"),
                None => format!("cannot read standard input: {detail}"),
            },
            ErrorKind::FileNotUtf8 { file } => format!(
                "{} is not UTF-8 text; save it as UTF-8 in an editor",
                file.as_deref().unwrap_or("standard input")
            ),
            ErrorKind::JsonSyntax { detail, .. } => {
                format!("the request is not valid JSON: {detail}")
            }
            ErrorKind::TomlSyntax { detail, .. } => format!("TOML syntax error: {detail}"),
            ErrorKind::BadId => "an id has lowercase ASCII letters, digits and _ only".into(),
            ErrorKind::RatePointsWithFlatRate => {
                "give rate_points or flat_rate, not both".into()
            }
            ErrorKind::NotPolicyData => {
                "not policy data of this version (reload the page)".into()
            }
            ErrorKind::DamagedPolicyData { detail } => {
                format!("the policy data is damaged (reload the page): {detail}")
            }
            ErrorKind::CannotEncode { detail } => {
                format!("internal error: cannot encode the data: {detail}")
            }
            ErrorKind::InputTooLarge { file, max_bytes } => match file {
                Some(file) => format!(
                    "{file} is larger than the limit of {}; is it the right file?",
                    size(*max_bytes)
                ),
                None => format!(
                    "standard input is larger than the limit of {}",
                    size(*max_bytes)
                ),
            },
            ErrorKind::TooManyVersions { max } => format!(
                "at most {max} versions in one policy file; move older ones into another file"
            ),
            ErrorKind::SourceNotPlainName { file } => format!(
                "the source \"{file}\" must be a file name in the sources folder, without a path (/, \\, ..)"
            ),
            ErrorKind::SourceUnreadable { reason, citations } => format!(
                "{}; its citations ({citations}) cannot be checked",
                reason.message_en()
            ),
            ErrorKind::NoSuchLine { file, line, lines } => {
                format!("{file} has {lines} lines, no line {line}")
            }
            ErrorKind::QuoteNotOnLine { file, line, text } => {
                format!("the quote is not on line {line} of {file}, which reads: {text}")
            }
            ErrorKind::FigureNotInQuote { written } => format!(
                "the figure ({written}) is neither in the quote nor stated by the reading; check both, or say in the reading how the figure is read"
            ),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(Location { file, line }) = &self.location {
            write!(f, "{file}:{line}: ")?;
        }
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        write!(f, "{} ({})", self.message_zh(), self.message_en())
    }
}

impl std::error::Error for Error {}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = if self.location.is_some() { 5 } else { 3 };
        let mut s = serializer.serialize_struct("Error", fields)?;
        s.serialize_field("field", &self.field)?;
        s.serialize_field("message_zh", &self.message_zh())?;
        s.serialize_field("message_en", &self.message_en())?;
        if let Some(Location { file, line }) = &self.location {
            s.serialize_field("file", file)?;
            s.serialize_field("line", line)?;
        }
        s.end()
    }
}

/// Why a file could not be read or written, in Chinese words; the system's
/// own text (English) goes into the English message.
fn io_zh(kind: std::io::ErrorKind) -> &'static str {
    use std::io::ErrorKind as Io;
    match kind {
        Io::NotFound => "找不到该文件",
        Io::PermissionDenied => "没有权限",
        Io::IsADirectory => "这是一个文件夹，不是文件",
        Io::NotADirectory => "路径中有一部分不是文件夹",
        Io::StorageFull => "磁盘已满",
        Io::ReadOnlyFilesystem => "磁盘是只读的",
        Io::FileTooLarge => "文件太大",
        Io::InvalidFilename => "文件名无效",
        Io::InvalidData => "内容无法读取",
        Io::Interrupted => "操作被中断",
        _ => "系统报错（详见英文说明）",
    }
}

/// What is wrong in a TOML file, for a message in Chinese: the common
/// mistakes of people new to TOML, by the parser's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TomlProblem {
    /// Text without quotes, or in Chinese quotes “…”.
    UnquotedText,
    /// A quote opened and never closed on its line.
    UnclosedQuote,
    /// The same key (or table header) twice.
    DuplicateKey,
    /// `[` without `]`.
    UnclosedBracket,
    /// `{` without `}`.
    UnclosedBrace,
    /// A key without `=` and a value.
    NoValue,
    /// Items of a list or an inline table without a comma between them.
    MissingComma,
    /// More on a line than one `key = value` (often a Chinese comma).
    ExtraText,
    /// Brackets nested deeper than the parser follows.
    TooDeep,
    /// Anything else.
    Other,
}

impl TomlProblem {
    fn zh(self) -> &'static str {
        match self {
            TomlProblem::UnquotedText => {
                "文字要用英文双引号 \"…\" 括起来（中文引号“”不行）；日期写成 2024-01-01"
            }
            TomlProblem::UnclosedQuote => "引号没有配对：文字要在同一行内用英文双引号括起来",
            TomlProblem::DuplicateKey => "同一个字段（或同一个 [标题]）写了两次",
            TomlProblem::UnclosedBracket => "方括号 [ ] 没有配对",
            TomlProblem::UnclosedBrace => "花括号 { } 没有配对",
            TomlProblem::NoValue => "字段名后面缺少 = 和值",
            TomlProblem::MissingComma => "列表或花括号里的各项之间要用英文逗号 , 隔开",
            TomlProblem::ExtraText => {
                "这一行多了内容：一行只写一个字段，符号要用英文半角（常见：中文逗号，）"
            }
            TomlProblem::TooDeep => "括号嵌套太深",
            TomlProblem::Other => "请对照 policies/README.md 第 1.2 节检查这一行的写法",
        }
    }
}

/// A size limit as people write it: `1 MiB`, `64 KiB`, `1000 B`.
fn size(bytes: usize) -> String {
    match bytes {
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
        b => format!("{b} B"),
    }
}
