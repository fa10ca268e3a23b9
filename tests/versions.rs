//! Which version a date gets: the one in force; after the newest version's
//! last day the newest, said beside the amount; before the first version or
//! between two, none (the date is refused, naming the versions). And a
//! version older than three years for the date is said to be so.

use serde_json::json;
use yibao::date::Date;
use yibao::engine::{self, Estimate, OutOfDate};
use yibao::policy::Policy;
use yibao::raw::Raw;
use yibao::toml_input::policy_from_toml;
use yibao::{Error, ErrorKind, RequestError};

/// A version in force from `from` to `to`, with nothing but its frame.
fn version(label: &str, from: &str, to: &str) -> String {
    format!(
        "[[versions]]\nlabel = \"{label}\"\nvalid_from = {from}\nvalid_to = {to}\n\
         schemes = [\"resident\"]\ncategories = [\"ordinary\"]\n\
         levels.county = {{ zh = \"县\", en = \"county\" }}\n"
    )
}

/// 2016 (a long one, to 2025), then a gap in 2026, then 2027 (newest); in
/// the file out of order, as a cadre may write them.
fn policy() -> Policy {
    let text = format!(
        "id = \"x\"\nname_zh = \"x\"\nname_en = \"x\"\nprovince_zh = \"x\"\nprovince_en = \"x\"\n{}{}",
        version("2027", "2027-01-01", "2027-12-31"),
        version("2016", "2016-01-01", "2025-12-31"),
    );
    policy_from_toml("x.toml", &text).expect("the policy reads")
}

fn on(date: &str) -> Result<Estimate, Error> {
    let raw: Raw = serde_json::from_value(json!({
        "policy": "x", "date": date, "scheme": "resident", "category": "ordinary",
        "admissions": [{ "level": "county", "compliant": "1000" }],
    }))
    .expect("JSON to Raw");
    let request = engine::Request::from_raw(&raw).expect("the request reads");
    engine::estimate(&request, std::slice::from_ref(&policy()))
}

fn label(date: Option<&str>) -> Option<String> {
    let policy = policy();
    let date = date.map(|d| Date::parse(d).expect("a day"));
    policy.version_on(date).map(|v| v.label.clone())
}

#[test]
fn the_version_in_force_else_after_the_newest_the_newest_else_none() {
    let on = |d: &str| label(Some(d));
    assert_eq!(on("2016-01-01"), Some("2016".into()));
    assert_eq!(on("2025-12-31"), Some("2016".into()));
    assert_eq!(on("2027-12-31"), Some("2027".into()));
    // After the newest version's end: the newest, not the one of 2016.
    assert_eq!(on("2028-01-01"), Some("2027".into()));
    assert_eq!(on("2200-12-31"), Some("2027".into()));
    // Before the first, and in the gap: none.
    assert_eq!(on("2015-12-31"), None);
    assert_eq!(on("2026-01-01"), None);
    assert_eq!(on("2026-12-31"), None);
    // Without a date: the newest.
    assert_eq!(label(None), Some("2027".into()));
}

#[test]
fn after_the_newest_version_the_estimate_says_it_used_it_and_that_it_may_have_changed() {
    let e = on("2028-03-01").expect("estimated with the newest version");
    assert_eq!(e.version, "2027");
    assert_eq!(e.out_of_date, Some(OutOfDate::AfterEnd));
    let (zh, en) = OutOfDate::AfterEnd.note(&e);
    assert_eq!(
        zh,
        "所选日期晚于最新一版（2027-01-01 至 2027-12-31），按这一版计算。\
         这是 2027 年的政策，现在可能已经调整，请以当地医保部门为准，咨询电话 12393。"
    );
    assert!(en.contains("(12393)"), "{en}");
    // The version's last day is still in force: nothing to say.
    assert_eq!(on("2027-12-31").expect("in force").out_of_date, None);
}

#[test]
fn before_the_first_version_or_between_two_the_date_is_refused_naming_the_versions() {
    for date in ["2015-12-31", "2026-06-30"] {
        let error = on(date).expect_err(date);
        assert_eq!(error.field(), "date");
        assert!(matches!(
            error.kind(),
            ErrorKind::Request(RequestError::NoVersionOnDate { .. })
        ));
        assert_eq!(
            error.message_zh(),
            format!(
                "该政策在 {date} 没有生效的版本；有效期：2027 (2027-01-01 – 2027-12-31)、2016 (2016-01-01 – 2025-12-31)"
            )
        );
    }
}

#[test]
fn a_version_in_force_more_than_three_years_after_its_start_is_said_to_be_old() {
    // Three years to the day: not more than three.
    assert_eq!(on("2019-01-01").expect("in force").out_of_date, None);
    let e = on("2019-01-02").expect("in force");
    assert_eq!(e.out_of_date, Some(OutOfDate::Old));
    assert_eq!(
        OutOfDate::Old.note(&e),
        (
            "这是 2016 年的政策，现在可能已经调整，请以当地医保部门为准，咨询电话 12393。".into(),
            "These are the rules of 2016; they may have changed. Ask the local medical insurance office (12393).".into()
        )
    );
}
