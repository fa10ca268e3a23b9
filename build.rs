//! Bakes the default data set: reads every `policies/*.toml` (but the worked
//! cases, `*.cases.toml`) with the library's own reader (the modules below
//! are the library's files), so a malformed policy fails the build with the
//! file, field and line, and
//! writes the validated policies in the data format of `src/policy/data.rs`
//! for `src/baked.rs`. (Also when the `baked` feature is off: every build
//! checks the policy files.)

// Only the reading half of these modules is used here.
#![allow(dead_code, unused_imports)]

#[path = "src/date.rs"]
mod date;
#[path = "src/error.rs"]
mod error;
#[path = "src/money.rs"]
mod money;
#[path = "src/policy/mod.rs"]
mod policy;
#[path = "src/raw.rs"]
mod raw;
#[path = "src/read.rs"]
mod read;
#[path = "src/toml_input.rs"]
mod toml_input;

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=policies");
    println!("cargo:rerun-if-changed=src");
    let mut files: Vec<_> = std::fs::read_dir("policies")
        .map(|dir| dir.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    // Worked cases (`<id>.cases.toml`) are no policies: `tests/cases.rs` runs them.
    files.retain(|p| {
        p.extension().is_some_and(|e| e == "toml") && !p.to_string_lossy().ends_with(".cases.toml")
    });
    files.sort();

    let mut policies: Vec<policy::Policy> = Vec::new();
    for path in &files {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| fail(&format!("{name}: {e}")));
        match toml_input::policy_from_toml(&name, &text) {
            Ok(p) if policies.iter().any(|q| q.id == p.id) => fail(&format!(
                "{name}: id: 政策 id “{}” 重复 (duplicate policy id)",
                p.id
            )),
            Ok(p) => policies.push(p),
            Err(e) => fail(&e.to_string()),
        }
    }
    let bytes = policy::data::to_bytes(&policies).unwrap_or_else(|e| fail(&e.to_string()));
    let out = Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|e| fail(&e.to_string())))
        .join("policies.bin");
    std::fs::write(&out, bytes).unwrap_or_else(|e| fail(&format!("{}: {e}", out.display())));
}

fn fail(message: &str) -> ! {
    eprintln!("error: policy data: {message}");
    std::process::exit(1);
}
