//! Inputs kept from fuzzing (tools/fuzz.sh) and hostile inputs written by
//! hand, under tests/fuzz-regressions/<target>/: each is run through the same
//! entry point as its fuzz target (fuzz/fuzz_targets/), and must give a
//! result or an error, never a panic; and each gives the outcome written
//! next to its name below, at the stage written there. Every file of a
//! folder must be in its list (a new input needs its expected outcome), so
//! that an input is never skipped unnoticed, and one that should get through
//! a stage cannot stop earlier.

use std::fs;
use std::path::Path;

use rust_decimal::Decimal;
use yibao::ErrorKind;
use yibao::analysis::{categories, curve, year};
use yibao::engine::{self, Request};
use yibao::error::{AmountError, InputError};
use yibao::raw::Raw;

/// Every file of one target's folder, by name, with its text; the names
/// must be `expected`'s.
fn cases<T>(target: &str, expected: &[(&str, T)]) -> Vec<(String, String)> {
    let dir = Path::new("tests/fuzz-regressions").join(target);
    let mut out: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("a directory entry").path();
            let bytes = fs::read(&path).expect("readable");
            let name = path
                .file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            (name, String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect();
    out.sort();
    let names: Vec<&str> = out.iter().map(|(name, _)| name.as_str()).collect();
    let mut listed: Vec<&str> = expected.iter().map(|(name, _)| *name).collect();
    listed.sort_unstable();
    assert_eq!(
        names,
        listed,
        "{}: every input needs its expected outcome in tests/fuzz_regressions.rs",
        dir.display()
    );
    out
}

fn expected<'a, T>(list: &'a [(&str, T)], name: &str) -> &'a T {
    &list.iter().find(|(n, _)| *n == name).expect("listed").1
}

/// How far a request gets: refused as JSON, refused by the request's
/// reader or by the estimate (at the field), or estimated.
#[derive(Debug, PartialEq)]
enum Stage {
    Json,
    Request(String),
    Estimate(String),
    Estimated,
}

fn requests_expected() -> Vec<(&'static str, Stage)> {
    vec![
        // serde_json's own recursion limit (128).
        ("deep-nesting.json", Stage::Json),
        // 1e400 is no JSON number serde_json reads.
        ("exponent-overflow.json", Stage::Json),
        // The request reads; the override "1亿" is no amount the reader
        // takes (it reads 万 and 千).
        (
            "extreme-overrides.json",
            Stage::Estimate("overrides.critical_illness.annual_cap".into()),
        ),
        // The same at the largest amounts it takes: estimated.
        ("extreme-overrides-estimated.json", Stage::Estimated),
    ]
}

#[test]
fn requests() {
    let policies = yibao::baked::policies().expect("baked");
    let expect = requests_expected();
    for (name, text) in cases("request", &expect) {
        let stage = match serde_json::from_str::<Raw>(&text) {
            Err(_) => Stage::Json,
            Ok(raw) => match Request::from_raw(&raw) {
                Err(e) => Stage::Request(e.field().to_string()),
                Ok(request) => match engine::estimate(&request, policies) {
                    Err(e) => Stage::Estimate(e.field().to_string()),
                    Ok(estimate) => {
                        // As the fuzz target: the parts add up, the views run.
                        let paid: Decimal = estimate.layers.iter().map(|l| l.paid.0).sum();
                        assert_eq!(paid + estimate.out_of_pocket.total.0, estimate.total.0);
                        let _ = year::year(&request, policies);
                        let _ = categories::compare(&request, policies);
                        let most = estimate.total.0.max(Decimal::ONE);
                        let _ = curve::curve(&request, policies, most, 12);
                        Stage::Estimated
                    }
                },
            },
        };
        assert_eq!(&stage, expected(&expect, &name), "{name}");
    }
}

#[test]
fn policy_files() {
    let expect = [(
        "bare-version.toml",
        ("id", ErrorKind::from(InputError::Missing)),
    )];
    for (name, text) in cases("policy_file", &expect) {
        let e = yibao::toml_input::policy_from_toml(&name, &text).expect_err("refused");
        let (field, kind) = expected(&expect, &name);
        assert_eq!((e.field(), e.kind()), (*field, kind), "{name}");
    }
}

#[test]
fn amounts() {
    let expect = [
        ("double-wan", AmountError::NotAnAmount),
        ("exponent", AmountError::NotAnAmount),
        ("five-thousand-nines", AmountError::NotAnAmount),
        ("nan", AmountError::NotAnAmount),
    ];
    for (name, text) in cases("amount", &expect) {
        let e = yibao::money::parse_amount("amount", &text).expect_err("refused");
        assert_eq!(e.kind(), expected(&expect, &name), "{name}");
    }
}

#[test]
fn batch_files() {
    let policies = yibao::baked::policies().expect("baked");
    // Read as a table: (rows, of which failed); refused: the field.
    let expect = [
        ("lone-quote.csv", Ok((1, 1))),
        ("odd-separator.csv", Err("scheme")),
    ];
    for (name, text) in cases("batch", &expect) {
        let got = yibao::batch::run(&text, policies, false)
            .map(|o| (o.rows, o.failed))
            .map_err(|e| e.field().to_string());
        let want = expected(&expect, &name).map_err(str::to_string);
        assert_eq!(got, want, "{name}");
    }
}
