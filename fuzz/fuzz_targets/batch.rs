//! A batch file (CSV): refused as a whole or computed row by row.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    let policies = yibao::baked::policies().expect("baked");
    if let Ok(outcome) = yibao::batch::run(data, policies, false) {
        assert!(outcome.failed <= outcome.rows);
        assert!(outcome.csv.starts_with('\u{feff}'));
    }
});
