//! A request against the policies: which policy and version, whether they
//! provide for what it asks, its stays, and its replaced figures.

use super::{ErrorKind, allowed_en, fixed};

/// What is wrong with a request as a whole, beyond the form of its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestError {
    /// No policy with this id.
    UnknownPolicy { id: String, known: Vec<String> },
    /// No version of the policy is in force on the date.
    NoVersionOnDate { date: String, ranges: Vec<String> },
    /// The policy does not provide for this scheme / category / level.
    NotInPolicy { value: String, allowed: Vec<String> },
    /// A request without any hospital stay.
    NoAdmissions,
    /// A cost given neither as its total nor as its compliant part.
    NoCost,
    /// A cost given both as its total and split into its parts.
    TotalAndSplit,
    /// A cost given as its total, under a version without the share that splits it.
    NoCompliantShare,
    /// Explanations or replaced figures asked of the module that has neither
    /// (the page's first module: amounts only).
    NotInThisModule,
    /// More stays than one year can plausibly hold.
    TooManyAdmissions { max: usize },
    /// More overrides than the engine's `request::MAX_OVERRIDES`.
    TooManyOverrides { max: usize },
    /// An override names no parameter of the policy version.
    UnknownParameter,
    /// Replaced figures that together break a rule of the version (boxed:
    /// the rarest kind should not make every error larger).
    Conflict(Box<Conflict>),
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

impl RequestError {
    /// The message in Chinese and in English.
    pub fn messages(&self) -> (String, String) {
        match self {
            // No policy at all: the data was never loaded (a program using
            // the engine package that has not called loadPolicies yet).
            RequestError::UnknownPolicy { id, known } if known.is_empty() => (
                format!("没有名为“{id}”的政策：还没有载入任何政策数据，请先载入该地区的政策数据"),
                format!(
                    "no policy \"{id}\": no policy data is loaded yet; load the region's policy data first"
                ),
            ),
            RequestError::UnknownPolicy { id, known } => (
                format!("没有名为“{id}”的政策；现有：{}", known.join("、")),
                format!("no policy \"{id}\"; known: {}", known.join(", ")),
            ),
            RequestError::NoVersionOnDate { date, ranges } => (
                format!(
                    "该政策在 {date} 没有生效的版本；有效期：{}",
                    ranges.join("、")
                ),
                format!(
                    "no version of this policy is in force on {date}; versions: {}",
                    ranges.join(", ")
                ),
            ),
            // A disease where the version lists none: nothing to choose.
            RequestError::NotInPolicy { value, allowed } if allowed.is_empty() => (
                format!("该政策没有“{value}”这一项（这里没有可选的值，请留空）"),
                format!(
                    "this policy has no \"{value}\" (it has nothing to choose here: leave it empty)"
                ),
            ),
            RequestError::NotInPolicy { value, allowed } => (
                format!("该政策没有“{value}”这一项；可选：{}", allowed.join("、")),
                format!(
                    "this policy has no \"{value}\"; it has: {}",
                    allowed_en(allowed)
                ),
            ),
            RequestError::NotInThisModule => fixed(
                "这个模块只算金额：测算说明和替换数字在完整模块（pkg-cadre）里",
                "this module computes amounts only: explanations and replaced figures are in the full module (pkg-cadre)",
            ),
            RequestError::NoAdmissions => fixed(
                "请至少填写一次住院或一项门诊费用",
                "enter at least one hospital stay or outpatient cost",
            ),
            RequestError::NoCost => fixed(
                "请填写合规费用，或只填总费用",
                "enter the compliant cost, or the total only",
            ),
            RequestError::TotalAndSplit => fixed(
                "只填总费用，或只填合规费用和目录外费用",
                "give the total, or the compliant and out-of-policy costs, not both",
            ),
            RequestError::NoCompliantShare => fixed(
                "该政策没有拆分总费用的比例，请填写合规费用和目录外费用",
                "this policy has no share to split a total: give the compliant and out-of-policy costs",
            ),
            RequestError::TooManyAdmissions { max } => (
                format!("一年内最多填写 {max} 次住院"),
                format!("at most {max} stays in one year"),
            ),
            RequestError::TooManyOverrides { max } => (
                format!("一次最多替换 {max} 个数字"),
                format!("at most {max} replaced figures in one request"),
            ),
            RequestError::UnknownParameter => fixed(
                "该政策版本没有这个数字（名字不对）；各项数字的名字见测算说明或“政策数字一览”",
                "this policy version has no figure of this name; the explanation and the policy's figure list give the names",
            ),
            RequestError::Conflict(c) => {
                let (rule_zh, rule_en) = c.rule.messages();
                (
                    format!(
                        "改为 {} 后，与 {}（{}）冲突：{rule_zh}",
                        c.value, c.other, c.other_value
                    ),
                    format!(
                        "set to {}, it conflicts with {} ({}): {rule_en}",
                        c.value, c.other, c.other_value
                    ),
                )
            }
        }
    }
}
