//! The one error type of the library.
//!
//! Every error names the input field it is about and says, in Chinese and in
//! English, what is wrong with it and what to do. The page shows the message
//! next to that field; the command line prints it on stderr. Serialized (for
//! the wasm boundary and `--json`), an error is
//! `{ "field": …, "message_zh": …, "message_en": … }`.

use std::fmt;

use serde::ser::{Serialize, SerializeStruct, Serializer};

/// Something wrong with one input field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    field: String,
    kind: ErrorKind,
}

/// What is wrong. Each kind has one message per language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
}

impl Error {
    pub fn new(field: impl Into<String>, kind: ErrorKind) -> Self {
        Error {
            field: field.into(),
            kind,
        }
    }

    /// The input field the error is about, as named in requests
    /// (for example `compliant` or `admissions[1].out_of_policy`).
    pub fn field(&self) -> &str {
        &self.field
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    pub fn message_zh(&self) -> &'static str {
        match self.kind {
            ErrorKind::EmptyAmount => "请填写金额",
            ErrorKind::NegativeAmount => "金额不能为负数",
            ErrorKind::NotAnAmount => "不是有效的金额，请输入数字，例如 12000、12,000 或 1.2万",
            ErrorKind::TooManyDecimals => "金额最多精确到分（两位小数）",
            ErrorKind::AmountTooLarge => "金额超过 1 亿元，请检查是否多输入了数字",
        }
    }

    pub fn message_en(&self) -> &'static str {
        match self.kind {
            ErrorKind::EmptyAmount => "enter an amount",
            ErrorKind::NegativeAmount => "the amount cannot be negative",
            ErrorKind::NotAnAmount => {
                "not an amount; type a number such as 12000, 12,000 or 1.2万 (12,000)"
            }
            ErrorKind::TooManyDecimals => "at most two decimal places (0.01 yuan)",
            ErrorKind::AmountTooLarge => {
                "the amount is over 100,000,000 yuan; check for extra digits"
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} ({})",
            self.field,
            self.message_zh(),
            self.message_en()
        )
    }
}

impl std::error::Error for Error {}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Error", 3)?;
        s.serialize_field("field", &self.field)?;
        s.serialize_field("message_zh", self.message_zh())?;
        s.serialize_field("message_en", self.message_en())?;
        s.end()
    }
}
