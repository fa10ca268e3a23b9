//! Policy files: a malformed one gets an error naming the file, the field
//! and the line; the baked set is what `policies/` holds.

use yibao::policy::Origin;
use yibao::toml_input::policy_from_toml;
use yibao::{AmountError, CitationError, Error, ErrorKind, InputError, PolicyError, RequestError};

const FIXTURE: &str = include_str!("data/test_county.toml");

/// The fixture with one piece of text replaced, read as `bad.toml`.
fn broken(from: &str, to: &str) -> Error {
    assert!(FIXTURE.contains(from), "fixture lacks {from:?}");
    let text = FIXTURE.replacen(from, to, 1);
    match policy_from_toml("bad.toml", &text) {
        Ok(_) => panic!("{from:?} → {to:?} should be refused"),
        Err(e) => e,
    }
}

fn line_of(needle: &str) -> u32 {
    let index = FIXTURE.find(needle).expect("needle in fixture");
    FIXTURE[..index].matches('\n').count() as u32 + 1
}

fn located(error: &Error) -> (String, u32) {
    let location = error
        .location()
        .expect("a policy-file error has a location");
    (location.file.clone(), location.line)
}

#[test]
fn unknown_key_is_refused_with_file_field_and_line() {
    let e = broken(
        "annual_cap = { value = \"5万\"",
        "anual_cap = { value = \"5万\"",
    );
    assert_eq!(e.field(), "versions[1].basic.resident.anual_cap");
    assert_eq!(
        located(&e),
        ("bad.toml".into(), line_of("annual_cap = { value = \"5万\""))
    );
    assert!(e.to_string().starts_with("bad.toml:"), "{e}");
    assert!(
        matches!(e.kind(), ErrorKind::Input(InputError::UnknownField { allowed }) if allowed.contains(&"annual_cap"))
    );
}

#[test]
fn rates_must_be_percentages_within_100() {
    let e = broken("city = { value = \"60%\"", "city = { value = \"160%\"");
    assert_eq!(e.field(), "versions[1].basic.resident.rate.city.value");
    assert_eq!(e.kind(), &InputError::PercentOutOfRange);
    assert_eq!(located(&e).1, line_of("city = { value = \"60%\""));
    let e = broken("city = { value = \"60%\"", "city = { value = \"0.6\"");
    assert_eq!(e.kind(), &InputError::NotAPercent);
}

#[test]
fn amounts_must_not_be_negative() {
    let e = broken(
        "threshold = { value = \"10000\"",
        "threshold = { value = \"-10000\"",
    );
    assert_eq!(e.field(), "versions[1].critical_illness.threshold.value");
    assert_eq!(e.kind(), &AmountError::Negative);
}

#[test]
fn every_figure_needs_a_source_or_a_reason() {
    let e = broken(
        "threshold = { value = \"10000\", assumed = \"test\" }",
        "threshold = { value = \"10000\" }",
    );
    assert_eq!(
        (e.field(), e.kind()),
        (
            "versions[1].critical_illness.threshold",
            &PolicyError::Unsourced.into()
        )
    );
    let e = broken(
        "threshold = { value = \"10000\", assumed = \"test\" }",
        "threshold = { value = \"10000\", source = \"seed.txt\", quote = \"一万\" }",
    );
    assert_eq!(e.kind(), &CitationError::BadSource);
}

#[test]
fn a_reading_belongs_to_a_citation() {
    let e = broken(
        "threshold = { value = \"10000\", assumed = \"test\" }",
        "threshold = { value = \"10000\", assumed = \"test\", reading = \"取下限\" }",
    );
    assert_eq!(e.kind(), &PolicyError::Unsourced);
}

#[test]
fn segments_must_rise_and_only_the_last_is_open() {
    let e = broken(
        "{ up_to = { value = \"100000\"",
        "{ up_to = { value = \"40000\"",
    );
    assert_eq!(e.field(), "versions[1].critical_illness.segments[1].up_to");
    assert_eq!(e.kind(), &PolicyError::SegmentsOutOfOrder);
    assert_eq!(located(&e).1, line_of("{ up_to = { value = \"100000\""));
}

#[test]
fn raised_rates_cannot_pass_100_percent() {
    let e = broken(
        "rate_points = { value = \"10%\"",
        "rate_points = { value = \"40%\"",
    );
    assert_eq!(
        e.field(),
        "versions[1].critical_illness.tilts[0].rate_points"
    );
    assert_eq!(e.kind(), &PolicyError::RaisedRateAbove100);
}

#[test]
fn versions_must_not_overlap_and_dates_must_be_ordered() {
    let e = broken("valid_to = 2019-12-31", "valid_to = 2020-03-31");
    assert_eq!(e.field(), "versions[1]");
    assert!(
        matches!(e.kind(), ErrorKind::Policy(PolicyError::VersionsOverlap { other }) if other == "2019")
    );
    let e = broken("valid_to = 2019-12-31", "valid_to = 2018-12-31");
    assert_eq!(
        (e.field(), e.kind()),
        ("versions[0].valid_to", &PolicyError::DatesOutOfOrder.into())
    );
}

#[test]
fn rules_may_only_name_the_version_s_categories_and_levels() {
    let e = broken(
        "categories = [\"extreme_poor\", \"dibao\"]",
        "categories = [\"extreme_poor\", \"low_income\"]",
    );
    assert_eq!(
        e.field(),
        "versions[1].medical_assistance.groups[0].who.categories[1]"
    );
    assert!(
        matches!(e.kind(), ErrorKind::Request(RequestError::NotInPolicy { value, .. }) if value == "low_income")
    );
    let e = broken(
        "deductible.county = { value = \"500\"",
        "deductible.city = { value = \"500\"",
    );
    assert_eq!(e.field(), "versions[0].basic.resident.deductible.city");
    let e = broken(
        "later_stay_deductible = { township = { value = \"100\", assumed = \"test\" }, ",
        "later_stay_deductible = { ",
    );
    assert!(
        matches!(e.kind(), ErrorKind::Policy(PolicyError::MissingLevel { level }) if level == "township")
    );
}

#[test]
fn one_rule_per_category_and_top_up_needs_a_cap() {
    let e = broken(
        "who = { categories = [\"extreme_poor\"], assumed = \"test\" }\nflat_rate",
        "who = { categories = [\"registered_poor\"], assumed = \"test\" }\nflat_rate",
    );
    assert_eq!(e.field(), "versions[1].critical_illness.tilts[1].who");
    assert!(
        matches!(e.kind(), ErrorKind::Input(InputError::Duplicate { value }) if value == "registered_poor")
    );
    let e = broken("annual_cap = { value = \"6万\", assumed = \"test\" }\n", "");
    assert_eq!(e.field(), "versions[1].basic.employee.annual_cap");
    assert_eq!(e.kind(), &InputError::Missing);
}

#[test]
fn a_rate_written_as_a_plain_number_asks_for_a_percentage() {
    let e = broken("city = { value = \"60%\"", "city = { value = 0.6");
    assert_eq!(e.kind(), &InputError::NotAPercent);
    assert!(e.message_zh().contains("60%"), "{}", e.message_zh());
}

#[test]
fn toml_syntax_errors_give_the_line() {
    let e = broken("[versions.critical_illness]", "[versions.critical_illness");
    assert_eq!(
        located(&e),
        ("bad.toml".into(), line_of("[versions.critical_illness]"))
    );
    assert!(matches!(
        e.kind(),
        ErrorKind::Policy(PolicyError::TomlSyntax { .. })
    ));
}

#[test]
fn fixture_figures_keep_their_origin_and_line() {
    let policy = policy_from_toml("fixture.toml", FIXTURE).expect("fixture reads");
    let ci = policy.versions[1]
        .benefits
        .critical_illness
        .as_ref()
        .unwrap();
    assert_eq!(&*ci.threshold.path, "critical_illness.threshold");
    assert_eq!(
        ci.threshold.line,
        line_of("threshold = { value = \"10000\"")
    );
    assert!(matches!(&ci.threshold.origin, Origin::Assumed(a) if &*a.reason_zh == "test"));
}

/// Every file in policies/ is baked, each figure cited or assumed with a reason.
#[test]
fn baked_set_is_every_policy_file() {
    let baked = yibao::baked::policies().expect("baked data decodes");
    let mut files: Vec<String> = std::fs::read_dir("policies")
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .filter(|p| !p.to_string_lossy().ends_with(".cases.toml"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    let baked_files: Vec<&str> = baked.iter().map(|p| p.file.as_str()).collect();
    assert_eq!(baked_files, files);
    for policy in baked {
        for version in &policy.versions {
            version
                .clone()
                .each_figure_mut(&mut |figure| match &figure.origin {
                    Origin::Cited(c) => {
                        assert!(!c.quote.is_empty() && c.line > 0, "{}", figure.path)
                    }
                    Origin::Assumed(a) => assert!(!a.reason_zh.is_empty(), "{}", figure.path),
                    Origin::Overridden { .. } => {
                        panic!("baked figure {} is overridden", figure.path)
                    }
                });
        }
    }
}

/// What the English page shows of a policy is in English: every reading of
/// the source, assumption and other reading of the shipped policies and of the
/// browser tests' fixture has its English (the page would show the Chinese).
#[test]
fn shipped_policies_say_their_readings_and_assumptions_in_english() {
    let fixture = std::fs::read_to_string("e2e/fixtures/e2e_county.toml").expect("the fixture");
    let fixture = policy_from_toml("e2e/fixtures/e2e_county.toml", &fixture).expect("it reads");
    let baked = yibao::baked::policies().expect("baked data decodes");
    /// The English an origin lacks, if any.
    fn lacks(origin: &Origin) -> Option<&'static str> {
        match origin {
            Origin::Cited(c) if c.reading.is_some() && c.reading_en.is_none() => Some("reading_en"),
            Origin::Assumed(a) if a.reason_en.is_none() => Some("assumed_en"),
            _ => None,
        }
    }
    let mut missing = Vec::new();
    for policy in baked.iter().chain([&fixture]) {
        for version in &policy.versions {
            version.each_figure(&mut |figure, _| {
                let other = figure.other.as_ref().filter(|o| o.reading_en.is_none());
                for key in [lacks(&figure.origin), other.map(|_| "other.reading_en")]
                    .into_iter()
                    .flatten()
                {
                    missing.push(format!("{} {}: {key}", policy.id, figure.path));
                }
            });
            version.each_statement(&mut |statement| {
                if let Some(key) = lacks(&statement.origin) {
                    missing.push(format!("{} {}: {key}", policy.id, statement.path));
                }
            });
        }
    }
    assert!(
        missing.is_empty(),
        "without English:\n{}",
        missing.join("\n")
    );
}

/// Dengfeng's premium, 100 yuan per person and year (001_bbfb7027e2571079.txt
/// line 50: 人均保费为100元/年), is recorded in the supplementary table and the
/// notes; it is descriptive and not subtracted from any payment (the worked
/// cases of policies/dengfeng.cases.toml pay the same with it). Carried over
/// from the golden tests, which the worked cases replaced.
#[test]
fn dengfeng_premium_is_recorded_and_described() {
    let policy = yibao::baked::policies()
        .expect("baked")
        .iter()
        .find(|p| p.id == "dengfeng")
        .expect("dengfeng is baked");
    let version = &policy.versions[0];
    let supplementary = version
        .benefits
        .supplementary
        .as_ref()
        .expect("supplementary");
    let premium = supplementary.premium.as_ref().expect("premium");
    assert_eq!(premium.value.to_string(), "100");
    assert!(policy.notes_zh.as_deref().unwrap_or("").contains("100 元"));
    assert!(policy.name_zh.contains("100 元/年"));
}
