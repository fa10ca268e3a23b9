//! The default data set: every policy file under `policies/`, read and
//! validated by `build.rs` and baked into the library (feature `baked`, on by
//! default). The web build leaves it out and loads one region's data at a time
//! (see `crate::policy::data`).

use std::sync::OnceLock;

use crate::error::Error;
use crate::policy::{Policy, data};

static BAKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/policies.bin"));

/// All baked policies, decoded on first use.
pub fn policies() -> Result<&'static [Policy], Error> {
    static DECODED: OnceLock<Result<Vec<Policy>, Error>> = OnceLock::new();
    match DECODED.get_or_init(|| data::from_bytes(BAKED, "policies")) {
        Ok(policies) => Ok(policies),
        Err(error) => Err(error.clone()),
    }
}
