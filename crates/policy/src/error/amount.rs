//! Amounts as people type them (`12000`, `12,000`, `１２０００`, `1.2万`):
//! [`crate::money`], and a curve's maximum.

use super::fixed;

/// What is wrong with a typed amount.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AmountError {
    /// An amount field is empty.
    Empty,
    /// An amount is below zero.
    Negative,
    /// The text is not a number in any form we accept.
    NotAnAmount,
    /// More precision than a fen (0.01 yuan).
    TooManyDecimals,
    /// Above [`crate::money::MAX_AMOUNT`]: almost certainly a typing mistake.
    TooLarge,
    /// Zero where only a positive amount makes sense (a curve's maximum).
    NotPositive,
    /// Commas in an amount that are not thousands separators (`1,2,3`, `12,50`).
    BadGrouping,
    /// A point before exactly three digits, which may be a thousands separator
    /// or a decimal point (`12.000`: 12,000 or 12?). The message asks with an
    /// example, not the typed digits: formatting them costs the page's first module bytes.
    AmbiguousPoint,
}

impl AmountError {
    /// The message in Chinese and in English.
    pub fn messages(&self) -> (String, String) {
        match self {
            AmountError::Empty => fixed("请填写金额", "enter an amount"),
            AmountError::Negative => fixed("金额不能为负数", "the amount cannot be negative"),
            AmountError::NotAnAmount => fixed(
                "不是有效的金额，请输入数字，例如 12000、12,000 或 1.2万",
                "not an amount; type a number such as 12000 or 12,000",
            ),
            AmountError::TooManyDecimals => fixed(
                "金额最多精确到分（两位小数）",
                "at most two decimal places (0.01 yuan)",
            ),
            AmountError::TooLarge => fixed(
                "金额超过 1 亿元，请检查是否多输入了数字",
                "the amount is over 100,000,000 yuan; check for extra digits",
            ),
            AmountError::NotPositive => fixed("金额应大于 0", "the amount must be more than 0"),
            AmountError::BadGrouping => fixed(
                "逗号位置不对：分位的逗号应每三位一个，例如 12,000 或 1,234,567.50",
                "misplaced comma: thousands separators go every three digits, e.g. 12,000 or 1,234,567.50",
            ),
            AmountError::AmbiguousPoint => fixed(
                "点后三位看不出是不是小数：12.000 是一万二千元还是十二元？请写 12000 或 12",
                "three digits after a point: is 12.000 twelve thousand or twelve? Type 12000 or 12",
            ),
        }
    }
}
