//! Reading input of any source (a JSON request, a JS object, a policy file,
//! a batch row) into fields: their presence, shape and form, and the limits
//! of the readers ([`crate::read`], [`crate::date`], the wasm reader).

use super::{allowed_en, fixed};

/// What is wrong with a field's presence, shape or form.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputError {
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
    /// A date not written as YYYY-MM-DD.
    NotADate,
    /// A well-formed date whose year is outside what dates are read for.
    YearOutOfRange { min: u16, max: u16 },
    /// A well-formed date that the calendar does not have (2020-02-30).
    NoSuchDay,
    /// A whole number (age, …) outside its range.
    NumberOutOfRange { min: u32, max: u32 },
    /// The same item twice (a key, a policy id, a category in two groups, a
    /// column, an override, …).
    Duplicate { value: String },
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
    /// A request that is not valid JSON; `detail` is the parser's (English) text.
    JsonSyntax {
        line: usize,
        column: usize,
        detail: String,
    },
}

impl InputError {
    /// The message in Chinese and in English.
    pub fn messages(&self) -> (String, String) {
        match self {
            InputError::Missing => fixed("缺少这一项", "this field is required"),
            InputError::UnknownField { allowed } => (
                format!(
                    "没有这个字段（是否拼错了？）；可用的字段：{}",
                    allowed.join("、")
                ),
                format!(
                    "unknown field (misspelt?); expected one of: {}",
                    allowed.join(", ")
                ),
            ),
            InputError::WrongType { expected } => {
                let (zh, en) = expected.names();
                (format!("这里应填{zh}"), format!("expected {en}"))
            }
            InputError::UnknownChoice { value, allowed } => (
                format!("“{value}”不是可选的值；可选：{}", allowed.join("、")),
                format!("\"{value}\" is not one of: {}", allowed_en(allowed)),
            ),
            InputError::NotAPercent => fixed(
                "比例应写成百分数，例如 \"60%\"",
                "write a rate as a percentage, e.g. \"60%\"",
            ),
            InputError::PercentOutOfRange => fixed(
                "比例应在 0% 到 100% 之间",
                "a rate must lie between 0% and 100%",
            ),
            InputError::NotADate => fixed(
                "日期应写成 年-月-日，例如 2020-06-30",
                "write a date as YYYY-MM-DD, e.g. 2020-06-30",
            ),
            InputError::YearOutOfRange { min, max } => (
                format!("年份应在 {min} 年到 {max} 年之间"),
                format!("the year must lie between {min} and {max}"),
            ),
            InputError::NoSuchDay => fixed(
                "没有这一天，请检查月份和日期",
                "there is no such day; check the month and the day",
            ),
            InputError::NumberOutOfRange { min, max } => (
                format!("应为 {min} 到 {max} 之间的整数"),
                format!("expected a whole number from {min} to {max}"),
            ),
            InputError::Duplicate { value } => (
                format!("“{value}”重复出现"),
                format!("\"{value}\" appears twice"),
            ),
            InputError::NestedTooDeep { max } => (
                format!("嵌套层数太多（最多 {max} 层）"),
                format!("nested too deeply (at most {max} levels)"),
            ),
            InputError::TooManyItems { max } => (
                format!("项数太多（最多 {max} 项）"),
                format!("too many items (at most {max})"),
            ),
            InputError::TextTooLong { max } => (
                format!("文字太长（最多 {max} 个字）"),
                format!("text too long (at most {max} characters)"),
            ),
            InputError::UnsupportedValue { what } => (
                format!("不能读取 {what} 类型的值，这里应填文字或数字"),
                format!("a value of type {what} cannot be read here; give text or a number"),
            ),
            InputError::Unreadable => fixed(
                "读取这一项时出错，无法读取它的值",
                "reading this value threw an error",
            ),
            InputError::JsonSyntax {
                line,
                column,
                detail,
            } => (
                format!("请求不是有效的 JSON（第 {line} 行第 {column} 列）"),
                format!("the request is not valid JSON: {detail}"),
            ),
        }
    }
}

/// The shape a field should have, for [`InputError::WrongType`].
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
    /// What the shape is called, in Chinese and in English.
    fn names(self) -> (&'static str, &'static str) {
        match self {
            Expected::Table => ("一组字段（表）", "a table of fields"),
            Expected::List => ("列表", "a list"),
            Expected::Text => ("文字", "text"),
            Expected::WholeNumber => ("整数", "a whole number"),
            Expected::Boolean => ("true 或 false", "true or false"),
            Expected::Bytes => ("字节数组（Uint8Array）", "bytes (a Uint8Array)"),
        }
    }
}
