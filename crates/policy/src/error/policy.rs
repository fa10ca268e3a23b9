//! Policy files and policy data: TOML syntax, the rules of the policy format
//! (dates, segments, rates, sources), and the baked binary data.

use super::fixed;

/// What is wrong with a policy file, beyond the form of its fields, or with
/// policy data.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PolicyError {
    /// A policy file that is not valid TOML; `line` is 0 when the parser
    /// does not say, `detail` is its (English) text.
    TomlSyntax {
        line: u32,
        problem: TomlProblem,
        detail: String,
    },
    /// A policy id with other characters than `a-z`, `0-9` and `_`.
    BadId,
    /// More versions than [`crate::policy::read::MAX_VERSIONS`].
    TooManyVersions { max: usize },
    /// A version ends before it starts.
    DatesOutOfOrder,
    /// Two versions of a policy are in force on the same day.
    VersionsOverlap { other: String },
    /// A figure with neither a citation nor a reason for assuming it.
    Unsourced,
    /// Segment upper bounds must rise, and only the last segment is open.
    SegmentsOutOfOrder,
    /// A rate raised by points past 100%.
    RaisedRateAbove100,
    /// A level-keyed table that does not cover every level of the version.
    MissingLevel { level: String },
    /// A tilt with both `rate_points` and `flat_rate`.
    RatePointsWithFlatRate,
    /// A `[[versions.settings]]` entry for `local`, the usual rules.
    LocalSetting,
    /// A setting rule that both pays (rate_cut, deductible) and does not (not_paid), or neither.
    SettingRule,
    /// A reported average that does not cite its source.
    ReportedNotCited,
    /// A chronic or special outpatient group paid like a stay that also has its own
    /// deductible, rate or cap, or one with neither `rate` nor `paid_like_stay`.
    LikeStayRule,
    /// A worked case (a policy's cases file) that expects an error and
    /// results as well.
    ErrorAndResults,
    /// Bytes without the tag of this version's policy data.
    NotPolicyData,
    /// Policy data with the right tag that cannot be decoded.
    DamagedPolicyData { detail: String },
}

impl PolicyError {
    /// The message in Chinese and in English.
    pub fn messages(&self) -> (String, String) {
        match self {
            PolicyError::TomlSyntax {
                line,
                problem,
                detail,
            } => {
                let at = if *line > 0 {
                    format!("（第 {line} 行）")
                } else {
                    String::new()
                };
                (
                    format!("TOML 格式错误{at}：{}", problem.zh()),
                    format!("TOML syntax error: {detail}"),
                )
            }
            PolicyError::LocalSetting => fixed(
                "本地就医（local）按本政策的一般规定计算，不需要单独写",
                "local care follows the version's usual rules and needs no entry",
            ),
            PolicyError::SettingRule => fixed(
                "就医地规则要么写 not_paid（不予报销），要么写 rate_cut 或 deductible，二者只能取其一",
                "a setting rule has either not_paid, or rate_cut and/or deductible: exactly one of the two",
            ),
            PolicyError::ReportedNotCited => fixed(
                "报道的平均水平必须写明出处（source 和 quote），不能是假设",
                "a reported average must cite its source (source and quote), not be assumed",
            ),
            PolicyError::LikeStayRule => fixed(
                "按住院报销（paid_like_stay）的病种组不能再写自己的起付线、比例或限额；其他病种组必须写比例（rate）",
                "a group paid like a stay has no deductible, rate or cap of its own; any other group needs a rate",
            ),
            PolicyError::BadId => fixed(
                "id 只能用小写英文字母、数字和下划线",
                "an id has lowercase ASCII letters, digits and _ only",
            ),
            PolicyError::TooManyVersions { max } => (
                format!("一个政策文件最多 {max} 个版本；请把较早的版本另存为一个文件"),
                format!(
                    "at most {max} versions in one policy file; move older ones into another file"
                ),
            ),
            PolicyError::DatesOutOfOrder => fixed(
                "结束日期（valid_to）早于开始日期（valid_from）",
                "valid_to is earlier than valid_from",
            ),
            PolicyError::VersionsOverlap { other } => (
                format!("有效期与版本 {other} 重叠"),
                format!("its dates overlap those of version {other}"),
            ),
            PolicyError::Unsourced => fixed(
                "每个数值都要注明出处（source 和 quote），或注明是假设（assumed，写明理由）",
                "every figure needs a citation (source and quote) or must be marked assumed with a reason",
            ),
            PolicyError::SegmentsOutOfOrder => fixed(
                "分段上限（up_to）应逐段递增且高于起付线，只有最后一段不写上限",
                "segment bounds (up_to) must rise and lie above the threshold; only the last segment is open",
            ),
            PolicyError::RaisedRateAbove100 => fixed(
                "提高百分点后报销比例超过 100%",
                "the raised rate is above 100%",
            ),
            PolicyError::MissingLevel { level } => (
                format!("缺少医院级别 {level} 的数值"),
                format!("no figure for hospital level {level}"),
            ),
            PolicyError::RatePointsWithFlatRate => fixed(
                "rate_points 和 flat_rate 只能写一个",
                "give rate_points or flat_rate, not both",
            ),
            PolicyError::ErrorAndResults => fixed(
                "写了 error（预期出错）就不能再写各项金额等其他预期结果",
                "a case that expects an error (error) expects no amounts or other results",
            ),
            PolicyError::NotPolicyData => fixed(
                "不是本版本程序的政策数据（网页上请刷新页面；其他程序请用同一版本附带的政策数据）",
                "not policy data of this version (on the page, reload it; elsewhere, use the policy data that came with this version)",
            ),
            PolicyError::DamagedPolicyData { detail } => (
                "政策数据已损坏，无法读取（请刷新页面）".into(),
                format!("the policy data is damaged (reload the page): {detail}"),
            ),
        }
    }
}

/// What is wrong in a TOML file, for a message in Chinese: the common
/// mistakes of people new to TOML, by the parser's words. (The English
/// message gives the parser's own text.)
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
    /// Anything else: the message points to the format's description.
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
