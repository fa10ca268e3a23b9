//! The data format of baked policies (`policy::data`, postcard) has a tag,
//! `FORMAT` ("yibao-p7"), bumped by hand whenever the layout changes, so
//! that old data (a stale page cache, another build) is refused with a clear
//! message instead of being misread. This test makes the bump hard to forget.
//!
//! What it catches: the fixture `tests/data/every_field.toml` sets every
//! field of the policy format at least once (checked here: no field is
//! absent or empty in all its places) and uses every hospital level, scheme,
//! category and supplementary base (checked against their lists); one figure
//! is overridden, so that every variant of `Origin` is in it too. Its baked
//! bytes are fingerprinted (FNV-1a 64 and length) next to the `FORMAT` they
//! belong to. A field added, removed, reordered or retyped anywhere in
//! `Policy`, a choice renamed (choices are written by their ids), a change in
//! how postcard, dates or decimals encode: the bytes change, and with
//! `FORMAT` unchanged the test fails, saying to bump `FORMAT` and record the
//! new fingerprint. A new variant of `Unit` or `Origin` (written by index)
//! does not compile here (the exhaustive matches below); a new level,
//! scheme, category or base fails until the fixture uses it.
//!
//! What it cannot catch: changes that encode the fixture's values to the
//! same bytes, as a `u32` widened to `u64` (postcard writes both as the same
//! varint), `String` for `Arc<str>`, or a renamed field (postcard writes no
//! names); these leave the data readable, so they need no bump. Nor a new
//! variant of an enum written by index that is not `Unit` or `Origin` (there
//! is none today: add it to the matches below when there is), nor a changed
//! meaning of an unchanged field (a rate read as points instead of a
//! fraction): that is a change of behaviour, for the worked cases
//! (`policies/*.cases.toml`) to catch. And a changed fixture changes the
//! fingerprint without any layout change: then record the new fingerprint
//! without bumping.

use std::collections::BTreeMap;

use serde_json::Value;
use yibao::choice::Choice;
use yibao::policy::{
    Category, Level, Origin, OutpatientKind, Policy, Scheme, SegmentBounds, Setting,
    SupplementaryBase, Unit, data,
};
use yibao::toml_input::policy_from_toml;

/// The format tag and the fingerprint of the fixture's bytes under it.
const FINGERPRINT: (&[u8; 8], u64, usize) = (b"yibao-p7", 0x976f5791ea6994ad, 9735);

const FIXTURE: &str = "tests/data/every_field.toml";

/// FNV-1a, 64 bits: stable across Rust versions, unlike `DefaultHasher`.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The fixture as baked: read from its file, one figure overridden.
fn fixture() -> Policy {
    let text = std::fs::read_to_string(FIXTURE).expect("the fixture");
    let mut policy = policy_from_toml(FIXTURE, &text).unwrap_or_else(|e| panic!("{e}"));
    let mut first = true;
    policy.versions[0].each_figure_mut(&mut |figure| {
        if std::mem::take(&mut first) {
            let was = Box::new(figure.origin.clone());
            figure.origin = Origin::Overridden {
                policy_value: figure.value,
                was,
            };
        }
    });
    policy
}

/// A new variant of an enum written by its index changes the layout without
/// changing the fixture's bytes: it stops the build here instead. Add the
/// variant below, bump `data::FORMAT` and record the new fingerprint.
#[allow(dead_code)]
fn every_variant_by_index(unit: Unit, origin: &Origin) {
    match unit {
        Unit::Yuan | Unit::Percent | Unit::Years => {}
    }
    match origin {
        Origin::Cited(_) | Origin::Assumed(_) | Origin::Overridden { .. } => {}
    }
}

/// Where a value sits, list indexes left out: `versions[].levels[].level`.
fn walk(value: &Value, path: &str, used: &mut BTreeMap<String, bool>) {
    let set = match value {
        Value::Null => false,
        Value::Array(items) => {
            for item in items {
                walk(item, &format!("{path}[]"), used);
            }
            !items.is_empty()
        }
        Value::Object(fields) => {
            for (key, field) in fields {
                walk(field, &format!("{path}.{key}"), used);
            }
            true
        }
        _ => true,
    };
    *used.entry(of_type(path)).or_default() |= set;
}

/// A figure's origin is one type wherever it sits (and what an overridden
/// figure was, too), and so is its other reading: their fields count once,
/// not once per place.
fn of_type(path: &str) -> String {
    let parts: Vec<&str> = path.split('.').collect();
    if let Some(i) = parts.iter().rposition(|p| *p == "origin" || *p == "was") {
        return format!("<origin>.{}", parts[i + 1..].join("."));
    }
    // A figure's other reading, likewise.
    match parts.iter().position(|p| *p == "other") {
        Some(i) => std::iter::once("<other>")
            .chain(parts[i + 1..].iter().copied())
            .collect::<Vec<_>>()
            .join("."),
        None => path.to_string(),
    }
}

/// The fixture sets every field somewhere and uses every choice.
#[test]
fn the_fixture_uses_every_field_and_choice() {
    let policy = fixture();
    let json = serde_json::to_value(&policy).expect("to JSON");
    let mut used = BTreeMap::new();
    walk(&json, "", &mut used);
    let unused: Vec<&String> = used
        .iter()
        .filter(|(_, set)| !**set)
        .map(|(p, _)| p)
        .collect();
    assert!(
        unused.is_empty(),
        "{FIXTURE} never sets {unused:?}: set them"
    );
    for origin in ["Cited", "Assumed", "Overridden"] {
        assert_eq!(
            used.get(&format!("<origin>.{origin}")),
            Some(&true),
            "no {origin} figure"
        );
    }
    let versions = &policy.versions;
    let ids = |list: Vec<&'static str>| {
        let mut list = list;
        list.sort();
        list.dedup();
        list
    };
    let all = |list: &[&'static str]| ids(list.to_vec());
    let levels = versions
        .iter()
        .flat_map(|v| v.levels.iter().map(|l| l.level.id()));
    assert_eq!(
        ids(levels.collect()),
        all(&Level::ALL.iter().map(|l| l.id()).collect::<Vec<_>>())
    );
    let schemes = versions
        .iter()
        .flat_map(|v| v.schemes.iter().map(|s| s.id()));
    assert_eq!(
        ids(schemes.collect()),
        all(&Scheme::ALL.iter().map(|s| s.id()).collect::<Vec<_>>())
    );
    let categories = versions
        .iter()
        .flat_map(|v| v.categories.iter().map(|c| c.id()));
    assert_eq!(
        ids(categories.collect()),
        all(&Category::ALL.iter().map(|c| c.id()).collect::<Vec<_>>())
    );
    let settings = versions
        .iter()
        .flat_map(|v| v.settings.iter().map(|s| s.setting.id()))
        .chain(["local"]);
    assert_eq!(
        ids(settings.collect()),
        all(&Setting::ALL.iter().map(|s| s.id()).collect::<Vec<_>>())
    );
    let kinds = versions
        .iter()
        .flat_map(|v| v.benefits.chronic_outpatient.iter().flat_map(|c| &c.groups))
        .map(|g| g.kind.id())
        .chain(
            versions
                .iter()
                .filter(|v| v.benefits.outpatient.is_some())
                .map(|_| "general"),
        );
    assert_eq!(
        ids(kinds.collect()),
        all(&OutpatientKind::ALL
            .iter()
            .map(|k| k.id())
            .collect::<Vec<_>>())
    );
    let bounds = versions
        .iter()
        .flat_map(|v| v.benefits.critical_illness.iter().flat_map(|c| &c.tilts))
        .map(|t| t.segment_bounds.id());
    assert_eq!(
        ids(bounds.collect()),
        all(&SegmentBounds::ALL
            .iter()
            .map(|b| b.id())
            .collect::<Vec<_>>())
    );
    let bases = versions
        .iter()
        .filter_map(|v| v.benefits.supplementary.as_ref().map(|s| s.base.id()));
    assert_eq!(
        ids(bases.collect()),
        all(&SupplementaryBase::ALL
            .iter()
            .map(|b| b.id())
            .collect::<Vec<_>>())
    );
}

/// The baked bytes of the fixture keep their fingerprint while `FORMAT`
/// stays; a new layout needs a new `FORMAT`.
#[test]
fn a_new_data_layout_needs_a_new_format() {
    let policy = fixture();
    let bytes = data::to_bytes(std::slice::from_ref(&policy)).expect("encodes");
    assert_eq!(
        data::from_bytes(&bytes, FIXTURE).expect("decodes"),
        [policy],
        "the data does not read back as written"
    );
    let body = &bytes[data::FORMAT.len()..];
    let (format, fnv, len) = FINGERPRINT;
    let now = format!(
        "const FINGERPRINT: (&[u8; 8], u64, usize) = (b\"{}\", {:#018x}, {});",
        String::from_utf8_lossy(data::FORMAT),
        fnv1a(body),
        body.len()
    );
    assert!(
        data::FORMAT == format,
        "data::FORMAT is now {}: record its fingerprint in tests/data_format.rs:\n    {now}",
        String::from_utf8_lossy(data::FORMAT)
    );
    assert!(
        (fnv1a(body), body.len()) == (fnv, len),
        "the layout of the baked policy data changed (the bytes of {FIXTURE} differ) but \
         data::FORMAT is still {}: bump FORMAT in crates/policy/src/policy/data.rs and record \
         the new fingerprint in tests/data_format.rs (if only the fixture changed, record it \
         without bumping):\n    {now}",
        String::from_utf8_lossy(format)
    );
}
