//! Bakes the default data set: reads every `policies/*.toml` (but the worked
//! cases, `*.cases.toml`) with the policy crate's own reader, so a malformed policy fails the build with the file,
//! field and line, and writes the validated policies in the data format of
//! `yibao_policy::policy::data` for `src/baked.rs`. (Also when the `baked`
//! feature is off: every build checks the policy files.)

use std::path::Path;

use yibao_policy::{Error, InputError, IoError, policy, toml_input};

fn main() {
    println!("cargo:rerun-if-changed=policies");
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
        let file = || Some(name.clone());
        let bytes = std::fs::read(path).unwrap_or_else(|e| {
            let (file, io, detail) = (file(), e.kind(), e.to_string());
            fail(Error::new("", IoError::ReadFailed { file, io, detail }))
        });
        let text = String::from_utf8(bytes)
            .unwrap_or_else(|_| fail(Error::new("", IoError::FileNotUtf8 { file: file() })));
        match toml_input::policy_from_toml(&name, &text) {
            Ok(p) if policies.iter().any(|q| q.id == p.id) => {
                let value = p.id;
                fail(Error::new("id", InputError::Duplicate { value }).in_file(name, 0))
            }
            Ok(p) => policies.push(p),
            Err(e) => fail(e),
        }
    }
    let bytes = policy::data::to_bytes(&policies).unwrap_or_else(|e| fail(e));
    let out = Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|e| fail(e))).join("policies.bin");
    std::fs::write(&out, bytes).unwrap_or_else(|e| {
        let file = Some(out.display().to_string());
        let (io, detail) = (e.kind(), e.to_string());
        fail(Error::new("", IoError::WriteFailed { file, io, detail }))
    });
}

fn fail(message: impl std::fmt::Display) -> ! {
    eprintln!("error: policy data: {message}");
    std::process::exit(1);
}
