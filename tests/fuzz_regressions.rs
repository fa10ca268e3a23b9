//! Inputs kept from fuzzing (tools/fuzz.sh) and hostile inputs written by
//! hand, under tests/fuzz-regressions/<target>/: each is run through the same
//! entry point as its fuzz target (fuzz/fuzz_targets/), and must give a
//! result or an error, never a panic.

use std::fs;
use std::path::Path;

use yibao::engine::{self, Request};
use yibao::raw::Raw;

/// Every file of one target's folder, with its name.
fn cases(target: &str) -> Vec<(String, String)> {
    let dir = Path::new("tests/fuzz-regressions").join(target);
    let mut out: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("a directory entry").path();
            let bytes = fs::read(&path).expect("readable");
            (
                path.display().to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            )
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "{} is empty", dir.display());
    out
}

#[test]
fn requests() {
    let policies = yibao::baked::policies().expect("baked");
    for (name, text) in cases("request") {
        let Ok(raw) = serde_json::from_str::<Raw>(&text) else {
            continue;
        };
        if let Ok(request) = Request::from_raw(&raw) {
            let estimate = engine::estimate(&request, policies);
            let _ = yibao::analysis::year::year(&request, policies);
            let _ = yibao::analysis::categories::compare(&request, policies);
            println!(
                "{name}: {}",
                estimate.map_or_else(
                    |e| e.to_string(),
                    |e| format!("out of pocket {:?}", e.out_of_pocket.total)
                )
            );
        }
    }
}

#[test]
fn policy_files() {
    for (name, text) in cases("policy_file") {
        assert!(
            yibao::toml_input::policy_from_toml(&name, &text).is_err(),
            "{name} should be refused"
        );
    }
}

#[test]
fn amounts() {
    for (name, text) in cases("amount") {
        assert!(
            yibao::money::parse_amount("amount", &text).is_err(),
            "{name} should be refused"
        );
    }
}

#[test]
fn batch_files() {
    let policies = yibao::baked::policies().expect("baked");
    for (_, text) in cases("batch") {
        let _ = yibao::batch::run(&text, policies, false);
    }
}
