//! Every kind of every area says something in each language, and each
//! message is in its own language: no English of a parser, the system or a
//! forgotten translation in the Chinese message, no Chinese in the English
//! one, except for the names and values a message quotes.

use super::*;

/// Every kind by name. The match below is exhaustive, so a new kind does not
/// compile until it is named here, and then [`every_kind_has_a_sample`]
/// fails until [`samples`] has one of it.
macro_rules! kinds {
    ($($area:ident($type:ident): $($kind:ident),+;)+) => {
        const KINDS: &[&str] = &[$($(concat!(stringify!($type), "::", stringify!($kind)),)+)+];

        fn name(kind: &ErrorKind) -> &'static str {
            match kind {
                $(ErrorKind::$area(kind) => match kind {
                    $($type::$kind { .. } => concat!(stringify!($type), "::", stringify!($kind)),)+
                },)+
            }
        }
    };
}

kinds! {
    Amount(AmountError): Empty, Negative, NotAnAmount, TooManyDecimals, TooLarge, NotPositive,
        BadGrouping, AmbiguousPoint;
    Input(InputError): Missing, UnknownField, WrongType, UnknownChoice, NotAPercent,
        PercentOutOfRange, NotADate, YearOutOfRange, NoSuchDay, NumberOutOfRange, Duplicate,
        NestedTooDeep, TooManyItems, TextTooLong, UnsupportedValue, Unreadable, JsonSyntax;
    Request(RequestError): UnknownPolicy, NoVersionOnDate, NotInPolicy, NoAdmissions, NoCost,
        TotalAndSplit, NoCompliantShare, NotInThisModule,
        TooManyAdmissions, TooManyOverrides, UnknownParameter, Conflict;
    Policy(PolicyError): TomlSyntax, BadId, TooManyVersions, DatesOutOfOrder, VersionsOverlap,
        Unsourced, SegmentsOutOfOrder, RaisedRateAbove100, MissingLevel, RatePointsWithFlatRate,
        LocalSetting, SettingRule, ReportedNotCited, LikeStayRule, ErrorAndResults, NotPolicyData, DamagedPolicyData;
    Citation(CitationError): BadSource, SourceNotPlainName, NoDocument, SourceUnreadable, NoSuchLine,
        QuoteNotOnLine, FigureNotInQuote;
    Batch(BatchError): NoRows, TooManyRows, MissingColumn, RowLength, UnclosedQuote, StrayQuote,
        RowTooLong, NotText, NotUtf8, OutpatientOnly;
    Io(IoError): ReadFailed, WriteFailed, FileNotUtf8, InputTooLarge, CannotEncode;
}

/// What a message may quote in another script: the names of fields, files,
/// formats and programs it tells of, and the values of [`samples`] (ids,
/// paths, the system's and parsers' texts, a source's line).
const QUOTED: &[&str] = &[
    // Named in the Chinese messages themselves.
    "valid_from",
    "valid_to",
    "pkg-cadre",
    "up_to",
    "source",
    "quote",
    "assumed",
    "rate_points",
    "flat_rate",
    "reading",
    "local",
    "not_paid",
    "rate_cut",
    "deductible",
    "paid_like_stay",
    "rate",
    "error",
    "sources",
    "[[documents]]",
    "file",
    "title_zh",
    "title_en",
    "kind",
    "policies/README.md",
    "004_44d2b2ecadff79be.txt",
    "TOML",
    "JSON",
    "UTF-8",
    "CSV",
    "Excel",
    "WPS",
    "Uint8Array",
    "true",
    "false",
    "MiB",
    "KiB",
    // An amount as typed, in the English message's example.
    "1.2万",
    // The samples' values.
    "policy",
    "date",
    "resident",
    "employee",
    "county",
    "县级医院",
    "hypertension",
    "registered_poor",
    "bigint",
    "nowhere",
    "fuxin",
    "dengfeng",
    "township",
    "critical_illness.threshold",
    "basic.resident.rate.county",
    "../etc/passwd",
    "sources/a.txt",
    "a.txt",
    "起付线为500元",
    "地区",
    "request.json",
    "big.toml",
    "out/x.bin",
    "expected `,` or `}` at line 3 column 7",
    "Hit the end of buffer, expected more data",
    "duplicate key",
    "key must be a string",
    "(os error)",
];

/// One kind or more of each kind, with every variation of what they say
/// (each expected shape, TOML problem, system error, file or none).
fn samples() -> Vec<ErrorKind> {
    use std::io::ErrorKind as Io;
    let mut all: Vec<ErrorKind> = vec![
        AmountError::Empty.into(),
        AmountError::Negative.into(),
        AmountError::NotAnAmount.into(),
        AmountError::TooManyDecimals.into(),
        AmountError::TooLarge.into(),
        AmountError::NotPositive.into(),
        AmountError::BadGrouping.into(),
        AmountError::AmbiguousPoint.into(),
        InputError::Missing.into(),
        InputError::UnknownField {
            allowed: vec!["policy", "date"],
        }
        .into(),
        InputError::UnknownChoice {
            value: "x".into(),
            allowed: vec!["resident".into(), "employee".into()],
        }
        .into(),
        InputError::NotAPercent.into(),
        InputError::PercentOutOfRange.into(),
        InputError::NotADate.into(),
        InputError::YearOutOfRange {
            min: 1900,
            max: 2200,
        }
        .into(),
        InputError::NoSuchDay.into(),
        InputError::NumberOutOfRange { min: 0, max: 150 }.into(),
        InputError::Duplicate {
            value: "registered_poor".into(),
        }
        .into(),
        InputError::NestedTooDeep { max: 16 }.into(),
        InputError::TooManyItems { max: 1000 }.into(),
        InputError::TextTooLong { max: 100000 }.into(),
        InputError::UnsupportedValue {
            what: "bigint".into(),
        }
        .into(),
        InputError::Unreadable.into(),
        InputError::JsonSyntax {
            line: 3,
            column: 7,
            detail: "expected `,` or `}` at line 3 column 7".into(),
        }
        .into(),
        RequestError::UnknownPolicy {
            id: "nowhere".into(),
            known: vec!["fuxin".into(), "dengfeng".into()],
        }
        .into(),
        RequestError::UnknownPolicy {
            id: "nowhere".into(),
            known: Vec::new(),
        }
        .into(),
        RequestError::NoVersionOnDate {
            date: "2018-01-01".into(),
            ranges: vec!["2019 (2019-01-01 – 2019-12-31)".into()],
        }
        .into(),
        RequestError::NotInPolicy {
            value: "employee".into(),
            allowed: vec!["resident".into()],
        }
        .into(),
        // A batch row's level: the policy's own names, then the ids.
        RequestError::NotInPolicy {
            value: "x".into(),
            allowed: vec!["县级医院".into(), "county".into()],
        }
        .into(),
        // A disease where the policy lists none.
        RequestError::NotInPolicy {
            value: "hypertension".into(),
            allowed: Vec::new(),
        }
        .into(),
        RequestError::NoAdmissions.into(),
        RequestError::NoCost.into(),
        RequestError::TotalAndSplit.into(),
        RequestError::NoCompliantShare.into(),
        RequestError::NotInThisModule.into(),
        RequestError::TooManyAdmissions { max: 100 }.into(),
        RequestError::TooManyOverrides { max: 100 }.into(),
        RequestError::UnknownParameter.into(),
        RequestError::Conflict(Box::new(Conflict {
            value: "20000".into(),
            other: "critical_illness.threshold".into(),
            other_value: "14000".into(),
            rule: PolicyError::SegmentsOutOfOrder.into(),
        }))
        .into(),
        RequestError::Conflict(Box::new(Conflict {
            value: "50%".into(),
            other: "basic.resident.rate.county".into(),
            other_value: "75%".into(),
            rule: PolicyError::RaisedRateAbove100.into(),
        }))
        .into(),
        PolicyError::BadId.into(),
        PolicyError::TooManyVersions { max: 100 }.into(),
        PolicyError::DatesOutOfOrder.into(),
        PolicyError::VersionsOverlap {
            other: "2019".into(),
        }
        .into(),
        PolicyError::Unsourced.into(),
        PolicyError::SegmentsOutOfOrder.into(),
        PolicyError::RaisedRateAbove100.into(),
        PolicyError::MissingLevel {
            level: "township".into(),
        }
        .into(),
        PolicyError::RatePointsWithFlatRate.into(),
        PolicyError::LocalSetting.into(),
        PolicyError::SettingRule.into(),
        PolicyError::ReportedNotCited.into(),
        PolicyError::LikeStayRule.into(),
        PolicyError::ErrorAndResults.into(),
        PolicyError::NotPolicyData.into(),
        PolicyError::DamagedPolicyData {
            detail: "Hit the end of buffer, expected more data".into(),
        }
        .into(),
        CitationError::BadSource.into(),
        CitationError::SourceNotPlainName {
            file: "../etc/passwd".into(),
        }
        .into(),
        CitationError::NoDocument {
            file: "a.txt".into(),
        }
        .into(),
        CitationError::SourceUnreadable {
            reason: Box::new(Error::new(
                "",
                IoError::ReadFailed {
                    file: Some("sources/a.txt".into()),
                    io: Io::NotFound,
                    detail: "No such file or directory (os error 2)".into(),
                },
            )),
            citations: 3,
        }
        .into(),
        CitationError::NoSuchLine {
            file: "a.txt".into(),
            line: 40,
            lines: 30,
        }
        .into(),
        CitationError::QuoteNotOnLine {
            file: "a.txt".into(),
            line: 2,
            text: "起付线为500元".into(),
        }
        .into(),
        CitationError::FigureNotInQuote {
            written: "70%".into(),
        }
        .into(),
        BatchError::NoRows.into(),
        BatchError::TooManyRows { max: 200000 }.into(),
        BatchError::MissingColumn { name_zh: "地区" }.into(),
        BatchError::RowLength {
            found: 5,
            expected: 6,
        }
        .into(),
        BatchError::UnclosedQuote.into(),
        BatchError::StrayQuote.into(),
        BatchError::RowTooLong { max: 4096 }.into(),
        BatchError::NotText.into(),
        BatchError::NotUtf8.into(),
        BatchError::OutpatientOnly.into(),
        IoError::FileNotUtf8 {
            file: Some("request.json".into()),
        }
        .into(),
        IoError::FileNotUtf8 { file: None }.into(),
        IoError::InputTooLarge {
            file: Some("big.toml".into()),
            max_bytes: 1 << 20,
        }
        .into(),
        IoError::InputTooLarge {
            file: None,
            max_bytes: 64 << 10,
        }
        .into(),
        IoError::InputTooLarge {
            file: None,
            max_bytes: 1000,
        }
        .into(),
        IoError::CannotEncode {
            detail: "key must be a string".into(),
        }
        .into(),
    ];
    for expected in [
        Expected::Table,
        Expected::List,
        Expected::Text,
        Expected::WholeNumber,
        Expected::Boolean,
        Expected::Bytes,
    ] {
        all.push(InputError::WrongType { expected }.into());
    }
    for problem in [
        TomlProblem::UnquotedText,
        TomlProblem::UnclosedQuote,
        TomlProblem::DuplicateKey,
        TomlProblem::UnclosedBracket,
        TomlProblem::UnclosedBrace,
        TomlProblem::NoValue,
        TomlProblem::MissingComma,
        TomlProblem::ExtraText,
        TomlProblem::TooDeep,
        TomlProblem::Other,
    ] {
        for line in [0, 12] {
            let detail = "duplicate key".into();
            all.push(
                PolicyError::TomlSyntax {
                    line,
                    problem,
                    detail,
                }
                .into(),
            );
        }
    }
    for io in [
        Io::NotFound,
        Io::PermissionDenied,
        Io::IsADirectory,
        Io::NotADirectory,
        Io::StorageFull,
        Io::ReadOnlyFilesystem,
        Io::FileTooLarge,
        Io::InvalidFilename,
        Io::InvalidData,
        Io::Interrupted,
        Io::BrokenPipe,
        Io::Other,
    ] {
        for file in [Some("out/x.bin".to_string()), None] {
            let detail = format!("{io} (os error)");
            all.push(
                IoError::ReadFailed {
                    file: file.clone(),
                    io,
                    detail: detail.clone(),
                }
                .into(),
            );
            all.push(IoError::WriteFailed { file, io, detail }.into());
        }
    }
    all
}

#[test]
fn every_kind_has_a_sample() {
    let samples = samples();
    let missing: Vec<&str> = KINDS
        .iter()
        .filter(|kind| !samples.iter().any(|s| name(s) == **kind))
        .copied()
        .collect();
    assert!(missing.is_empty(), "kinds without a sample: {missing:?}");
}

/// `text` without what it quotes (longest first, so that a name inside a
/// longer one goes with it).
fn unquoted(text: &str) -> String {
    let mut quoted = QUOTED.to_vec();
    quoted.sort_by_key(|q| std::cmp::Reverse(q.len()));
    quoted
        .iter()
        .fold(text.to_string(), |text, q| text.replace(q, " "))
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303f}' // CJK punctuation: 、。「」
        | '\u{3400}'..='\u{9fff}' // ideographs
        | '\u{ff00}'..='\u{ffef}' // full-width forms: ，：；（）
        | '\u{201c}' | '\u{201d}' // “ ” as Chinese text quotes
    )
}

/// The first run of three or more ASCII letters: an English word.
fn english_word(text: &str) -> Option<&str> {
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_ascii_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) if i - s >= 3 => return Some(&text[s..i]),
            (false, Some(_)) => start = None,
            _ => {}
        }
    }
    None
}

/// What is wrong with a kind's messages, if anything.
fn fault(kind: &ErrorKind) -> Option<String> {
    let (zh, en) = kind.messages();
    if zh.trim().is_empty() || en.trim().is_empty() {
        return Some("a message is empty".into());
    }
    let zh_rest = unquoted(&zh);
    if !zh_rest.chars().any(is_cjk) {
        return Some(format!("the Chinese message has no Chinese: {zh}"));
    }
    if let Some(word) = english_word(&zh_rest) {
        return Some(format!("English \"{word}\" in the Chinese message: {zh}"));
    }
    if let Some(c) = unquoted(&en).chars().find(|&c| is_cjk(c)) {
        return Some(format!("Chinese '{c}' in the English message: {en}"));
    }
    None
}

#[test]
fn every_message_is_in_its_own_language() {
    let faults: Vec<String> = samples()
        .iter()
        .filter_map(|kind| Some(format!("{}: {}", name(kind), fault(kind)?)))
        .collect();
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

/// The check itself finds a message in the wrong language.
#[test]
fn a_message_in_the_wrong_language_is_found() {
    assert_eq!(english_word("请至少填写一次住院"), None);
    assert_eq!(english_word("TOML 格式错误 at line"), Some("TOML"));
    assert_eq!(english_word("无法读取：No such file"), Some("such"));
    assert!(fault(&InputError::Missing.into()).is_none());
    // A value that is not among the quoted ones counts as the message's own words.
    let leaked = InputError::Duplicate {
        value: "未知".into(),
    };
    assert!(fault(&leaked.into()).is_some(), "Chinese in English");
    let leaked = InputError::Duplicate {
        value: "twice".into(),
    };
    assert!(fault(&leaked.into()).is_some(), "English in Chinese");
}

/// An area's kind compares with the `ErrorKind` it becomes, and the
/// serialized error carries both messages.
#[test]
fn an_area_kind_is_an_error_kind() {
    let e = Error::new("admissions", RequestError::NoAdmissions);
    assert_eq!(e.kind(), &RequestError::NoAdmissions);
    assert_ne!(e.kind(), &RequestError::UnknownParameter);
    assert_ne!(e.kind(), &InputError::Missing);
    assert_eq!(
        e.messages(),
        (e.message_zh(), e.message_en()),
        "messages() is message_zh() and message_en()"
    );
    assert_eq!(
        e.to_string(),
        "admissions: 请至少填写一次住院或一项门诊费用 (enter at least one hospital stay or outpatient cost)"
    );
}
