//! The cascade on the test county (tests/data/test_county.toml), each case
//! worked out by hand from the fixture's figures.

mod common;

use common::{err, formulas, ok, out_of_pocket, paid, text};
use serde_json::json;
use yibao::ErrorKind;
use yibao::engine::LayerId::{Backstop, Basic, CriticalIllness, MedicalAssistance, Supplementary};
use yibao::engine::trace::FigureOrigin;
use yibao::error::{InputError, PolicyError, RequestError};

fn stays(list: &[(&str, &str, &str)]) -> serde_json::Value {
    list.iter()
        .map(|(level, c, o)| json!({ "level": level, "compliant": c, "out_of_policy": o }))
        .collect()
}

fn resident(category: &str, admissions: serde_json::Value) -> serde_json::Value {
    json!({ "policy": "test_county", "scheme": "resident", "category": category, "admissions": admissions })
}

/// Ordinary resident, one county stay: 20,000 compliant + 1,000 out of policy.
/// Basic: (20000 − 500) × 80% = 15600. Critical illness: 20000 − 15600 = 4400,
/// below the 10,000 threshold: 0. The other layers are not for ordinary people.
/// Out of pocket: 21000 − 15600 = 5400 (4400 compliant + 1000 out of policy).
#[test]
fn ordinary_resident_one_county_stay() {
    let e = ok(resident("ordinary", stays(&[("county", "20000", "1000")])));
    assert_eq!(paid(&e, Basic), "15600.00");
    assert_eq!(paid(&e, CriticalIllness), "0.00");
    assert_eq!(paid(&e, MedicalAssistance), "0.00");
    assert_eq!(paid(&e, Supplementary), "0.00");
    assert_eq!(paid(&e, Backstop), "0.00");
    assert_eq!(out_of_pocket(&e), "5400.00");
    assert_eq!(text(e.out_of_pocket.compliant), "4400.00");
    assert_eq!(text(e.out_of_pocket.out_of_policy), "1000.00");
    assert_eq!(e.effective_ratio.to_string(), "0.7429"); // 15600 / 21000 = 0.742857…
    assert_eq!(formulas(&e, Basic), ["(20000 − 500) × 80% = 15600.00"]);
    assert_eq!(e.version, "2020");
}

/// Two city stays of 50,000 in one year. Stay 1: (50000 − 1000) × 60% = 29400.
/// Stay 2 uses the later-stay deductible 500: (50000 − 500) × 60% = 29700, but
/// only 50000 − 29400 = 20600 of the annual cap is left. Basic: 50000.
/// Critical illness on 100000 − 50000 = 50000: (50000 − 10000) × 50% = 20000.
#[test]
fn annual_cap_and_later_stay_deductible_across_two_stays() {
    let e = ok(resident(
        "ordinary",
        stays(&[("city", "50000", "0"), ("city", "50000", "0")]),
    ));
    assert_eq!(paid(&e, Basic), "50000.00");
    let basic = formulas(&e, Basic);
    assert_eq!(basic[0], "(50000 − 1000) × 60% = 29400.00");
    assert_eq!(basic[1], "(50000 − 500) × 60% = 29700.00");
    assert_eq!(basic[2], "min(29700.00, 50000 − 29400.00) = 20600.00");
    assert_eq!(paid(&e, CriticalIllness), "20000.00");
    assert_eq!(out_of_pocket(&e), "30000.00");
}

/// Children of 12 and under (max_age = 12: 以下 includes the number) have a
/// county deductible of 300: (10000 − 300) × 80% = 7760. At 13 the usual 500
/// applies: (10000 − 500) × 80% = 7600. Without an age the
/// estimate uses 500 and reports the age as an assumption.
#[test]
fn children_deductible_depends_on_age() {
    let with_age = |age: Option<u32>| {
        let mut request = resident("ordinary", stays(&[("county", "10000", "0")]));
        if let Some(age) = age {
            request["age"] = json!(age);
        }
        ok(request)
    };
    assert_eq!(paid(&with_age(Some(8)), Basic), "7760.00");
    assert_eq!(paid(&with_age(Some(11)), Basic), "7760.00");
    assert_eq!(paid(&with_age(Some(12)), Basic), "7760.00");
    assert_eq!(paid(&with_age(Some(13)), Basic), "7600.00");
    let unknown = with_age(None);
    assert_eq!(paid(&unknown, Basic), "7600.00");
    assert!(
        unknown
            .assumptions
            .iter()
            .any(|a| &*a.parameter == "age" && a.value == ">12")
    );
}

/// A child's second stay: the children's deductible (300) and the later-stay
/// one (250) both apply; the lower wins: (10000 − 250) × 80% = 7800.
#[test]
fn the_lowest_applicable_deductible_wins() {
    let mut request = resident(
        "ordinary",
        stays(&[("county", "10000", "0"), ("county", "10000", "0")]),
    );
    request["age"] = json!(8);
    let e = ok(request);
    assert_eq!(
        formulas(&e, Basic),
        [
            "(10000 − 300) × 80% = 7760.00",
            "(10000 − 250) × 80% = 7800.00"
        ]
    );
}

/// Dibao recipients get the basic rate raised by 5 points:
/// (10000 − 500) × (80% + 5%) = 8075.
#[test]
fn dibao_basic_rate_raised_by_points() {
    let e = ok(resident("dibao", stays(&[("county", "10000", "0")])));
    assert_eq!(
        formulas(&e, Basic),
        ["(10000 − 500) × (80% + 5%) = 8075.00"]
    );
}

/// Registered poor, one city stay of 150,000. Basic: (150000 − 1000) × 60%
/// = 89400, capped at 50000. Critical illness on 100000, threshold lowered to
/// 10000 × 50% = 5000, rates +10 points: (50000 − 5000) × 60% = 27000 and
/// (100000 − 50000) × 70% = 35000: 62000. Assistance: (150000 − 112000) × 60%
/// = 22800, limited to 20000. Supplementary on the self-pay after basic and
/// critical illness: (38000 − 2500) × 25% = 8875, at most 5000 a year.
/// Out of pocket: 150000 − 137000 = 13000.
#[test]
fn registered_poor_tilts_limits_and_maximum() {
    let e = ok(resident(
        "registered_poor",
        stays(&[("city", "150000", "0")]),
    ));
    assert_eq!(paid(&e, Basic), "50000.00");
    assert_eq!(paid(&e, CriticalIllness), "62000.00");
    assert_eq!(
        formulas(&e, CriticalIllness),
        [
            "150000 − 50000.00 = 100000.00",
            "10000 × 50% = 5000.00",
            "(50000.00 − 5000) × 60% = 27000.00",
            "(100000.00 − 50000) × 70% = 35000.00"
        ]
    );
    assert_eq!(paid(&e, MedicalAssistance), "20000.00");
    assert_eq!(paid(&e, Supplementary), "5000.00");
    assert_eq!(paid(&e, Backstop), "0.00");
    assert_eq!(out_of_pocket(&e), "13000.00");
}

/// Ordinary, five city stays of 200,000: basic pays the 50000 cap on the first
/// stay and nothing after. Critical illness on 950000: 40000 × 50% + 50000 × 60%
/// + 850000 × 70% = 645000, capped at 200000. Out of pocket 1000000 − 250000.
#[test]
fn critical_illness_annual_cap_for_ordinary_people() {
    let five = stays(&[("city", "200000", "0"); 5]);
    let e = ok(resident("ordinary", five));
    assert_eq!(paid(&e, Basic), "50000.00");
    assert_eq!(paid(&e, CriticalIllness), "200000.00");
    assert_eq!(out_of_pocket(&e), "750000.00");
}

/// The registered poor have no cap: the same bill, threshold 5000, rates +10
/// points: 45000 × 60% + 50000 × 70% + 850000 × 80% = 742000.
#[test]
fn cap_removed_for_registered_poor() {
    let e = ok(resident(
        "registered_poor",
        stays(&[("city", "200000", "0"); 5]),
    ));
    assert_eq!(paid(&e, CriticalIllness), "742000.00");
}

/// Destitute person, one county stay: 60,000 compliant + 10,000 out of policy.
/// Basic: (60000 − 500) × 80% = 47600. Critical illness at the flat 80% above
/// 10000: (12400 − 10000) × 80% = 1920. Assistance: (10480 − 1000) × 70% = 6636
/// on compliant cost, and 二次救助 10000 × 50% = 5000 on out-of-policy cost.
/// No supplementary insurance for the destitute. Backstop: 3844 compliant left,
/// self-pay at most min(60000 × 10%, 3000) = 3000: pays 844.
/// Out of pocket: 3000 compliant + 5000 out of policy = 8000.
#[test]
fn destitute_flat_rate_second_assistance_and_backstop() {
    let e = ok(resident(
        "extreme_poor",
        stays(&[("county", "60000", "10000")]),
    ));
    assert_eq!(paid(&e, Basic), "47600.00");
    assert_eq!(paid(&e, CriticalIllness), "1920.00");
    assert_eq!(paid(&e, MedicalAssistance), "11636.00");
    let ma = e.layers.iter().find(|l| l.id == MedicalAssistance).unwrap();
    assert_eq!(text(ma.paid_out_of_policy), "5000.00");
    assert_eq!(paid(&e, Supplementary), "0.00");
    assert_eq!(paid(&e, Backstop), "844.00");
    assert_eq!(text(e.out_of_pocket.compliant), "3000.00");
    assert_eq!(text(e.out_of_pocket.out_of_policy), "5000.00");
    assert_eq!(out_of_pocket(&e), "8000.00");
}

/// Supplementary insurance counts the year: two stays each leaving little
/// self-pay add up above its 2,500 threshold. Dibao, two county stays of 8,000:
/// basic (8000 − 500) × 85% = 6375 and (8000 − 250) × 85% = 6587.50; self-pay
/// after basic 16000 − 12962.50 = 3037.50, below the critical-illness threshold.
/// Assistance: (3037.50 − 1000) × 70% = 1426.25. Supplementary counts its
/// base before assistance: (3037.50 − 2500) × 25% = 134.375, rounded half away
/// from zero to 134.38. Out of pocket: 16000 − 12962.50 − 1426.25 − 134.38.
#[test]
fn supplementary_adds_stays_below_its_threshold() {
    let e = ok(resident(
        "dibao",
        stays(&[("county", "8000", "0"), ("county", "8000", "0")]),
    ));
    assert_eq!(paid(&e, Basic), "12962.50");
    assert_eq!(paid(&e, MedicalAssistance), "1426.25");
    assert_eq!(paid(&e, Supplementary), "134.38");
    assert_eq!(
        formulas(&e, Supplementary)[1],
        "max(0, 3037.50 − 2500) × 25% = 134.38"
    );
    assert_eq!(out_of_pocket(&e), "1476.87");
}

/// Employee, one city stay of 100,000: (100000 − 900) × 80% = 79280 over the
/// 60000 cap. The cap covered 60000 / 80% = 75000 of the 99100 eligible cost;
/// the top-up pays 90% of the other 24100: 21690. Critical illness does not
/// cover employees. Out of pocket: 100000 − 81690 = 18310.
#[test]
fn employee_top_up_above_the_fund_cap() {
    let e = ok(
        json!({ "policy": "test_county", "scheme": "employee", "category": "ordinary",
        "admissions": [{ "level": "city", "compliant": "100000" }] }),
    );
    assert_eq!(paid(&e, Basic), "81690.00");
    assert_eq!(paid(&e, CriticalIllness), "0.00");
    assert_eq!(out_of_pocket(&e), "18310.00");
}

/// The version in force on the date is used: 2019 paid 50% at the county level.
#[test]
fn version_chosen_by_date() {
    let mut request = resident("ordinary", stays(&[("county", "20000", "0")]));
    request["date"] = json!("2019-06-30");
    let e = ok(request.clone());
    assert_eq!(e.version, "2019");
    assert_eq!(paid(&e, Basic), "9750.00"); // (20000 − 500) × 50%
    request["date"] = json!("2018-12-31");
    let error = err(request);
    assert_eq!(error.field(), "date");
    assert!(matches!(
        error.kind(),
        ErrorKind::Request(RequestError::NoVersionOnDate { .. })
    ));
    assert!(
        error
            .message_zh()
            .contains("2019 (2019-01-01 – 2019-12-31)"),
        "{}",
        error.message_zh()
    );
}

/// Overrides replace a figure for this request and are marked as such.
#[test]
fn overrides_replace_figures_and_are_checked() {
    let mut request = resident("ordinary", stays(&[("county", "20000", "0")]));
    request["overrides"] = json!({ "basic.resident.rate.county": "90%" });
    let e = ok(request.clone());
    assert_eq!(paid(&e, Basic), "17550.00"); // (20000 − 500) × 90%
    let rate = e
        .figures
        .iter()
        .find(|f| &*f.parameter == "basic.resident.rate.county")
        .unwrap();
    assert_eq!(
        (
            rate.origin,
            rate.value.as_str(),
            rate.policy_value.as_deref()
        ),
        (FigureOrigin::Overridden, "90%", Some("80%"))
    );
    assert!(
        !e.assumptions
            .iter()
            .any(|a| &*a.parameter == "basic.resident.rate.county")
    );

    request["overrides"] = json!({ "basic.resident.rate.town": "90%" });
    let error = err(request.clone());
    assert_eq!(
        (error.field(), error.kind()),
        (
            "overrides.basic.resident.rate.town",
            &RequestError::UnknownParameter.into()
        )
    );

    request["overrides"] = json!({ "basic.resident.rate.county": "0.9" });
    assert_eq!(err(request.clone()).kind(), &InputError::NotAPercent);

    request["overrides"] = json!({ "critical_illness.segments[1].up_to": "40000" });
    let error = err(request);
    assert_eq!(
        error.field(),
        "overrides.critical_illness.segments[1].up_to"
    );
    assert_eq!(
        error.message_zh(),
        "改为 40000 后，与 critical_illness.segments[0].up_to（50000）冲突：\
         分段上限（up_to）应逐段递增且高于起付线，只有最后一段不写上限"
    );
}

/// A replaced figure that breaks a rule through *another* figure is blamed on
/// the figure the user changed (where the page shows the message), naming the
/// other one: a threshold of 60,000 lies above the first segment's bound of
/// 50,000 (the check fails at the bound, which the user did not touch); a
/// county rate of 98% plus the dibao raise of 5 points passes 100%.
#[test]
fn a_conflict_is_blamed_on_the_replaced_figure() {
    let mut request = resident("ordinary", stays(&[("county", "20000", "0")]));
    request["overrides"] = json!({ "critical_illness.threshold": "60000" });
    let error = err(request.clone());
    assert_eq!(error.field(), "overrides.critical_illness.threshold");
    assert_eq!(
        error.kind(),
        &RequestError::Conflict(Box::new(yibao::Conflict {
            value: "60000".into(),
            other: "critical_illness.segments[0].up_to".into(),
            other_value: "50000".into(),
            rule: PolicyError::SegmentsOutOfOrder.into(),
        }))
    );
    // Both changed together so that they fit: accepted.
    request["overrides"] = json!({
        "critical_illness.threshold": "60000", "critical_illness.segments[0].up_to": "80000" });
    assert_eq!(ok(request.clone()).version, "2020");

    request["overrides"] = json!({ "basic.resident.rate.county": "98%" });
    let error = err(request);
    assert_eq!(error.field(), "overrides.basic.resident.rate.county");
    assert_eq!(
        error.message_en(),
        "set to 98%, it conflicts with basic.resident.rate_raises[0].points (5%): the raised rate is above 100%"
    );
}

/// A figure in years replaced by text is read as a whole number (the command
/// line and the page send text): a child of 13 gets the children's county
/// deductible of 300 once the bound is 13: (10000 − 300) × 80% = 7760.
#[test]
fn an_age_bound_replaced_by_text_is_read_as_a_number() {
    let mut request = resident("ordinary", stays(&[("county", "10000", "0")]));
    request["age"] = json!("13");
    assert_eq!(paid(&ok(request.clone()), Basic), "7600.00");
    request["overrides"] = json!({ "basic.resident.children.max_age": "13" });
    assert_eq!(paid(&ok(request.clone()), Basic), "7760.00");
    request["overrides"] = json!({ "basic.resident.children.max_age": "1000" });
    assert_eq!(
        err(request.clone()).message_zh(),
        "应为 0 到 150 之间的整数"
    );
    request["overrides"] = json!({});
    // Ages as people type them: 12岁, 12 周岁, full-width １２ (a child).
    for age in ["12岁", "12 周岁", "１２", " 12 "] {
        request["age"] = json!(age);
        assert_eq!(paid(&ok(request.clone()), Basic), "7760.00", "{age}");
    }
    for age in ["12.5", "-1", "岁", "十二", "12岁半"] {
        request["age"] = json!(age);
        assert_eq!(
            err(request.clone()).message_zh(),
            "应为 0 到 150 之间的整数",
            "{age}"
        );
    }
    request["age"] = json!("1000");
    let error = err(request);
    assert_eq!(
        (error.field(), error.message_zh().as_str()),
        ("age", "应为 0 到 150 之间的整数")
    );
}

/// The same figure replaced twice in one request is refused (which value was
/// meant cannot be known); the explanation of a replaced figure quotes the
/// policy's own value.
#[test]
fn a_figure_replaced_twice_is_refused() {
    let text = r#"{ "policy": "test_county", "scheme": "resident", "category": "ordinary",
        "admissions": [{ "level": "county", "compliant": "20000" }],
        "overrides": { "basic.resident.rate.county": "85%", "basic.resident.rate.county": "90%" } }"#;
    let raw: yibao::raw::Raw = serde_json::from_str(text).expect("JSON");
    let request = yibao::engine::Request::from_raw(&raw).expect("a request");
    let policies = std::slice::from_ref(common::test_county());
    let error = yibao::engine::estimate(&request, policies).expect_err("duplicate");
    assert_eq!(error.field(), "overrides.basic.resident.rate.county");
    assert_eq!(
        error.kind(),
        &InputError::Duplicate {
            value: "basic.resident.rate.county".into()
        }
    );
}

/// Overrides of figures this request cannot use are accepted and listed with
/// the reason: the employees' rate on a resident's request, the dibao raise
/// for an ordinary resident, the city deductible without a city stay. One it
/// uses is not listed. (`json!` sorts the keys.)
#[test]
fn unused_overrides_are_reported() {
    let mut request = resident("ordinary", stays(&[("county", "20000", "0")]));
    request["overrides"] = json!({
        "basic.employee.rate.county": "90%",
        "basic.resident.rate_raises[0].points": "10%",
        "basic.resident.deductible.city": "800",
        "basic.resident.deductible.county": "400",
    });
    let e = ok(request);
    assert_eq!(paid(&e, Basic), "15680.00"); // (20000 − 400) × 80%
    assert!(
        yibao::report::table_zh(&e).contains(
            "没有用到的替换数字：\n  · basic.employee.rate.county：本次测算用不到这个数字"
        ),
        "{}",
        yibao::report::table_zh(&e)
    );
    let unused: Vec<(&str, &str)> = e
        .unused_overrides
        .iter()
        .map(|u| (u.parameter.as_str(), u.message_zh.as_str()))
        .collect();
    assert_eq!(
        unused,
        [
            (
                "basic.employee.rate.county",
                "本次测算用不到这个数字：它只适用于职工医保（在职）"
            ),
            (
                "basic.resident.deductible.city",
                "本次测算用不到这个数字：它只适用于市医院的住院"
            ),
            (
                "basic.resident.rate_raises[0].points",
                "本次测算用不到这个数字：它只适用于低保对象"
            ),
        ]
    );
}

#[test]
fn request_errors_name_the_field() {
    let base = resident("ordinary", stays(&[("county", "20000", "0")]));
    let with = |key: &str, value: serde_json::Value| {
        let mut r = base.clone();
        r[key] = value;
        err(r)
    };
    let e = with("catgory", json!("dibao"));
    assert_eq!(e.field(), "catgory");
    assert!(
        e.message_zh().starts_with("没有这个字段"),
        "{}",
        e.message_zh()
    );
    assert_eq!(with("scheme", json!("ncms")).field(), "scheme");
    assert_eq!(with("category", json!("low_income")).field(), "category");
    assert_eq!(with("category", json!("rich")).field(), "category");
    assert_eq!(with("policy", json!("atlantis")).field(), "policy");
    assert_eq!(
        with("admissions", json!([])).kind(),
        &RequestError::NoAdmissions
    );
    assert_eq!(
        with("admissions", stays(&[("province", "1", "0")])).field(),
        "admissions[0].level"
    );
    assert_eq!(
        with("admissions", stays(&[("county", "1", "abc")])).field(),
        "admissions[0].out_of_policy"
    );
    assert_eq!(with("age", json!(200)).field(), "age");
    assert_eq!(with("date", json!("2020-02-30")).field(), "date");
    let too_many = stays(&vec![("county", "1", "0"); 101]);
    assert_eq!(
        with("admissions", too_many).kind(),
        &RequestError::TooManyAdmissions { max: 100 }
    );
}

/// Amounts may come as JSON numbers; they are read from their text, not as
/// binary floating point: 0.1 + 0.2 stays 0.30.
#[test]
fn json_numbers_are_exact() {
    let e = ok(resident(
        "ordinary",
        json!([{ "level": "county", "compliant": 0.1, "out_of_policy": 0.2 }]),
    ));
    assert_eq!(e.total.0.to_string(), "0.3");
    assert_eq!(out_of_pocket(&e), "0.30");
}

/// A program that calls the engine before loading any policy data (the npm
/// package without `loadPolicies`) is told to load it, not given an empty list.
#[test]
fn an_estimate_before_any_policy_data_says_to_load_it() {
    let raw: yibao::raw::Raw = serde_json::from_value(json!({ "policy": "inner_mongolia",
        "scheme": "resident", "category": "dibao",
        "admissions": [{ "level": "county", "compliant": "50000" }] }))
    .expect("JSON");
    let request = yibao::engine::Request::from_raw(&raw).expect("a request");
    let error = yibao::engine::estimate(&request, &[]).expect_err("no policies");
    assert_eq!(error.field(), "policy");
    assert_eq!(
        error.message_zh(),
        "没有名为“inner_mongolia”的政策：还没有载入任何政策数据，请先载入该地区的政策数据"
    );
}

/// A chronic group whose deductible is one with the stays'
/// (`shares_inpatient_deductible`, tests/data/every_field.toml: 两病, deductible
/// 200, 50%, cap 3000): an ordinary resident with hypertension care of 2,400
/// pays the group's 200 alone, (2400 − 200) × 50% = 1100; with a county stay
/// of 1,000 in the same year, whose deductible took 200, nothing is left of
/// it: max(0, 200 − 200) = 0, 2400 × 50% = 1200.
#[test]
fn a_chronic_deductible_shared_with_the_stays() {
    let policy = std::slice::from_ref(common::every_field());
    let estimate = |admissions: serde_json::Value| {
        let request = common::request(&json!({
            "policy": "every_field", "date": "2030-06-30", "scheme": "resident",
            "category": "ordinary", "admissions": admissions,
            "outpatient": [{ "kind": "chronic", "disease": "hypertension",
                             "level": "township", "compliant": "2400" }],
        }))
        .expect("a request");
        yibao::engine::estimate(&request, policy).expect("an estimate")
    };
    let chronic = yibao::engine::LayerId::ChronicOutpatient;
    assert_eq!(paid(&estimate(json!([])), chronic), "1100.00");
    let with_stay = estimate(json!([{ "level": "county", "compliant": "1000" }]));
    assert_eq!(paid(&with_stay, chronic), "1200.00");
    assert_eq!(
        formulas(&with_stay, chronic)[0],
        "max(0, 200 − 200.00) = 0.00"
    );
}

/// Only the total of a county stay is known: 20,000 × the assumed compliant
/// share 90% = 18,000 compliant, 2,000 out of policy. Basic (18000 − 500) ×
/// 80% = 14000; critical illness on 18000 − 14000 = 4000, below 10,000: 0.
/// Out of pocket 20000 − 14000 = 6000. The same as the two costs given, and
/// the split, its share and its formula are in the estimate.
#[test]
fn a_total_only_is_split_by_the_version_s_share_for_the_level() {
    let e = ok(resident(
        "ordinary",
        json!([{ "level": "county", "total": "2万" }]),
    ));
    let given = ok(resident("ordinary", stays(&[("county", "18000", "2000")])));
    assert_eq!(paid(&e, Basic), "14000.00");
    assert_eq!(out_of_pocket(&e), "6000.00");
    assert_eq!(e.out_of_pocket, given.out_of_pocket);
    assert_eq!(formulas(&e, Basic), formulas(&given, Basic));
    let split = &e.splits[0];
    assert_eq!(
        (split.item.as_str(), &*split.parameter, split.share.as_str()),
        ("admissions[0]", "compliant_share.county", "90%")
    );
    assert_eq!(
        (
            text(split.total),
            text(split.compliant),
            text(split.out_of_policy)
        ),
        ("20000.00".into(), "18000.00".into(), "2000.00".into())
    );
    assert_eq!(
        split.steps[0].formula,
        "20000 × 90% = 18000.00; 20000 − 18000.00 = 2000.00"
    );
    // An assumed share: the first assumption the estimate lists, with its reason.
    assert_eq!(&*e.assumptions[0].parameter, "compliant_share.county");
    assert_eq!(e.assumptions[0].value, "90%");
    assert!(e.assumptions[0].reason_zh.contains("级别越高"));
    assert!(given.splits.is_empty());
}

/// The split is rounded once, by the one rounding rule (to the fen, half
/// away from zero), and the two parts add up to the total exactly:
/// 1234.57 × 90% = 1111.113 → 1111.11 + 123.46; 0.05 × 90% = 0.045 → 0.05
/// (half away from zero, where half-to-even would give 0.04) + 0.00;
/// 0.01 × 95% (township) = 0.0095 → 0.01 + 0.00; 333.33 × 85% (city) =
/// 283.3305 → 283.33 + 50.00.
#[test]
fn the_split_is_rounded_once_half_away_from_zero_and_adds_up() {
    for (level, total, compliant, out_of_policy) in [
        ("county", "1234.57", "1111.11", "123.46"),
        ("county", "0.05", "0.05", "0.00"),
        ("township", "0.01", "0.01", "0.00"),
        ("city", "333.33", "283.33", "50.00"),
    ] {
        let e = ok(resident(
            "ordinary",
            json!([{ "level": level, "total": total }]),
        ));
        let split = &e.splits[0];
        assert_eq!(
            (text(split.compliant), text(split.out_of_policy)),
            (compliant.into(), out_of_policy.into()),
            "{level} {total}"
        );
        assert_eq!(text(e.total), total);
        let layers: rust_decimal::Decimal = e.layers.iter().map(|l| l.paid.0).sum();
        assert_eq!(layers + e.out_of_pocket.total.0, e.total.0);
    }
}

/// The share is a figure like any other: replaced for one request (80%:
/// 16,000 compliant, basic (16000 − 500) × 80% = 12400), it is said as the
/// user's, and a share of a level without a stay is said to be unused.
#[test]
fn the_share_is_replaced_like_any_figure() {
    let mut request = resident("ordinary", json!([{ "level": "county", "total": "20000" }]));
    request["overrides"] =
        json!({ "compliant_share.county": "80%", "compliant_share.city": "70%" });
    let e = ok(request);
    assert_eq!(text(e.splits[0].compliant), "16000.00");
    assert_eq!(paid(&e, Basic), "12400.00");
    assert!(
        e.assumptions
            .iter()
            .all(|a| !a.parameter.starts_with("compliant_share"))
    );
    let unused: Vec<&str> = e
        .unused_overrides
        .iter()
        .map(|u| u.parameter.as_str())
        .collect();
    assert_eq!(unused, ["compliant_share.city"]);
}

/// A cost given both ways, or neither, is refused at the field; so is a
/// total under a version without shares.
#[test]
fn a_cost_both_ways_or_neither_is_refused_naming_the_field() {
    let both = [
        (
            json!([{ "level": "county", "total": "100", "compliant": "90" }]),
            json!(null),
            "admissions[0].total",
        ),
        (
            json!([{ "level": "county", "total": "100", "out_of_policy": "10" }]),
            json!(null),
            "admissions[0].out_of_policy",
        ),
        (
            json!(null),
            json!([{ "kind": "general", "level": "county", "total": "100", "compliant": "90" }]),
            "outpatient[0].total",
        ),
    ];
    for (admissions, outpatient, field) in both {
        let mut request = resident("ordinary", admissions);
        request["outpatient"] = outpatient;
        let e = err(request);
        assert_eq!(
            (e.field(), e.kind()),
            (field, &RequestError::TotalAndSplit.into())
        );
        assert_eq!(e.message_zh(), "只填总费用，或只填合规费用和目录外费用");
    }
    let e = err(resident(
        "ordinary",
        json!([{ "level": "county", "out_of_policy": "10" }]),
    ));
    assert_eq!(
        (e.field(), e.kind()),
        ("admissions[0].compliant", &RequestError::NoCost.into())
    );
    assert_eq!(
        e.message_en(),
        "enter the compliant cost, or the total only"
    );
    // A null total is no total.
    ok(resident(
        "ordinary",
        json!([{ "level": "county", "total": null, "compliant": "100" }]),
    ));

    let without = yibao::toml_input::policy_from_toml(
        "no_shares.toml",
        "id = \"no_shares\"\nname_zh = \"x\"\nname_en = \"x\"\nprovince_zh = \"x\"\nprovince_en = \"x\"\n\
         [[versions]]\nlabel = \"1\"\nvalid_from = 2020-01-01\nvalid_to = 2020-12-31\nschemes = [\"resident\"]\n\
         categories = [\"ordinary\"]\nlevels.county = { zh = \"县\", en = \"county\" }\n",
    )
    .expect("a policy without shares");
    let request = common::request(&json!({ "policy": "no_shares", "scheme": "resident", "category": "ordinary",
        "admissions": [{ "level": "county", "compliant": "100" }, { "level": "county", "total": "100" }] }))
    .expect("a request");
    let e =
        yibao::engine::estimate(&request, std::slice::from_ref(&without)).expect_err("no share");
    assert_eq!(
        (e.field(), e.kind()),
        (
            "admissions[1].total",
            &RequestError::NoCompliantShare.into()
        )
    );
}
