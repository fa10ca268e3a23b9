//! `docs/policies.md` is generated from `policies/`; it must not fall behind.

#[test]
fn policy_catalogue_is_up_to_date() {
    let expected = yibao::describe::catalogue(yibao::baked::policies().expect("baked"));
    let actual = std::fs::read_to_string("docs/policies.md").unwrap_or_default();
    assert!(
        actual == expected,
        "docs/policies.md is out of date with policies/: regenerate it with\n  \
         cargo run -- describe --all --markdown > docs/policies.md"
    );
}

/// The TOML examples of the cadres' guide (`policies/README.md`), in order.
fn guide_examples(from: &str, to: &str) -> Vec<String> {
    let guide = std::fs::read_to_string("policies/README.md").expect("policies/README.md");
    let start = guide
        .find(from)
        .unwrap_or_else(|| panic!("{from} in the guide"));
    let end = start
        + guide[start..]
            .find(to)
            .unwrap_or_else(|| panic!("{to} in the guide"));
    let mut blocks = Vec::new();
    let mut rest = &guide[start..end];
    while let Some(open) = rest.find("```toml\n") {
        let body = &rest[open + "```toml\n".len()..];
        let close = body.find("```").expect("a closed block");
        blocks.push(body[..close].to_string());
        rest = &body[close + 3..];
    }
    blocks
}

/// Every TOML example of the guide is valid TOML: a cadre copies them.
#[test]
fn the_guide_s_toml_examples_parse() {
    let blocks = guide_examples("# 政策文件编写指南", "## 7. English summary");
    assert!(blocks.len() > 20, "{} blocks", blocks.len());
    for (i, block) in blocks.iter().enumerate() {
        if let Err(e) = yibao::toml_input::raw_from_toml(&format!("block {i}"), block) {
            panic!("example {i} of policies/README.md is not valid TOML: {e}\n{block}");
        }
    }
}

/// A version for the examples of §3.10 to §3.19 to go into: they are written
/// so that, one after the other, they make one valid version.
const GUIDE_VERSION: &str = r#"
id = "guide_examples"
name_zh = "指南 3.10–3.18 的示例"
name_en = "The guide's examples of 3.10 to 3.18"
province_zh = "示例省"
province_en = "Example Province"

[[documents]]
file = "000_b1dddb3db34f700f.txt"
title_zh = "阜新市医疗保障扶贫三年行动实施方案（2018—2020年）"
title_en = "Fuxin three-year action plan"
kind = "notice"

[[documents]]
file = "003_fb6859ac0733cdd7.txt"
title_zh = "海原县贯彻落实医药卫生体制改革任务工作情况的汇报"
title_en = "Haiyuan County report"
kind = "meeting"

[[documents]]
file = "004_44d2b2ecadff79be.txt"
title_zh = "内蒙古多重医疗保障 为群众健康护航"
title_en = "Inner Mongolia's several layers of medical security"
kind = "newspaper"

[[versions]]
label = "2024"
valid_from = 2024-01-01
valid_to = 2024-12-31
schemes = ["resident"]
categories = ["ordinary", "registered_poor", "dibao"]

[versions.levels]
township = { zh = "乡镇卫生院", en = "township health centre" }
county = { zh = "县医院", en = "county hospital" }
city = { zh = "市医院", en = "city hospital" }

[versions.basic.resident]
annual_cap = { value = "15万", assumed = "test" }
deductible = { township = { value = "200", assumed = "test" }, county = { value = "500", assumed = "test" }, city = { value = "1000", assumed = "test" } }
rate = { township = { value = "85%", assumed = "test" }, county = { value = "75%", assumed = "test" }, city = { value = "60%", assumed = "test" } }

[versions.critical_illness]
threshold = { value = "1.5万", assumed = "test" }
segments = [{ up_to = { value = "5万", assumed = "test" }, rate = { value = "60%", assumed = "test" } }, { rate = { value = "70%", assumed = "test" } }]
"#;

/// The examples of the new keys (§3.10 to §3.19) read as a policy, their
/// citations stand in policies/sources/, and two worked figures of the text
/// come out: §3.14's 12 visits of 1,000 yuan, (1000 − 10 × 12) × 50% = 440,
/// capped at 400; §3.16's shifted bounds, a city stay of 200,000 for the
/// registered poor: basic (200000 − 1000) × 60% = 119400, critical illness
/// on 80600 from 7500 (15000 × 50%) to 42500 (50000 − 7500) at 60% and
/// above at 70%: 35000 × 60% + 38100 × 70% = 21000 + 26670 = 47670.
#[test]
fn the_guide_s_examples_of_the_new_keys_make_a_policy() {
    let blocks = guide_examples("### 3.10 ", "## 4. ");
    assert_eq!(blocks.len(), 10, "one example a section");
    let text = format!("{GUIDE_VERSION}\n{}", blocks.join("\n"));
    let policy = yibao::toml_input::policy_from_toml("guide.toml", &text)
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    let checked = yibao::policy::citations::check(&policy, &mut |name| {
        std::fs::read_to_string(format!("policies/sources/{name}")).map_err(|e| {
            yibao::Error::new(
                "",
                yibao::IoError::ReadFailed {
                    file: Some(name.into()),
                    io: e.kind(),
                    detail: e.to_string(),
                },
            )
        })
    });
    let problems: Vec<String> = checked.problems.iter().map(|e| e.to_string()).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked.verified >= 10, "{} citations", checked.verified);

    let estimate = |request: serde_json::Value| {
        let raw = serde_json::from_value(request).expect("a request");
        let request = yibao::engine::Request::from_raw(&raw).expect("a request");
        yibao::engine::estimate(&request, std::slice::from_ref(&policy)).expect("an estimate")
    };
    let paid = |e: &yibao::engine::Estimate, id: &str| {
        let layer = e
            .layers
            .iter()
            .find(|l| yibao::choice::Choice::id(l.id) == id);
        layer.map(|l| yibao::money::to_decimal_string(l.paid.0))
    };
    let outpatient = estimate(serde_json::json!({
        "policy": "guide_examples", "scheme": "resident", "category": "registered_poor",
        "outpatient": [{ "kind": "general", "level": "township", "visits": 12, "compliant": "1000" }]
    }));
    assert_eq!(paid(&outpatient, "outpatient").as_deref(), Some("400.00"));
    let stay = estimate(serde_json::json!({
        "policy": "guide_examples", "scheme": "resident", "category": "registered_poor",
        "admissions": [{ "level": "city", "compliant": "200000" }]
    }));
    assert_eq!(paid(&stay, "basic").as_deref(), Some("119400.00"));
    assert_eq!(paid(&stay, "critical_illness").as_deref(), Some("47670.00"));
    // §3.19's total of 1,234.57 at a county hospital: 1234.57 × 90% = 1111.113,
    // 1,111.11 compliant to the fen, 123.46 out of policy.
    let total = estimate(serde_json::json!({
        "policy": "guide_examples", "scheme": "resident", "category": "ordinary",
        "admissions": [{ "level": "county", "total": "1234.57" }]
    }));
    let split = &total.splits[0];
    assert_eq!(
        (
            split.compliant.0.to_string(),
            split.out_of_policy.0.to_string()
        ),
        ("1111.11".into(), "123.46".into())
    );
}
