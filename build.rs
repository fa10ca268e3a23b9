//! Bakes the default data set: reads every `policies/*.toml` with the policy
//! crate's own reader, so a malformed policy fails the build with the file,
//! field and line, and writes the validated policies in the data format of
//! `yibao_policy::policy::data` for `src/baked.rs`. (Also when the `baked`
//! feature is off: every build checks the policy files.)

use std::path::Path;

use yibao_policy::{policy, toml_input};

fn main() {
    println!("cargo:rerun-if-changed=policies");
    let mut files: Vec<_> = std::fs::read_dir("policies")
        .map(|dir| dir.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "toml"));
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
