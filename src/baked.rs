//! The default data set: every policy file under `policies/`, read and
//! validated by `build.rs` and baked into the library as postcard bytes.
//! Decoding them takes no TOML parser, so the wasm module stays small; other
//! policies can still be read at run time (`yibao check FILE`, `--policy-file`).

use std::sync::OnceLock;

use crate::error::{Error, ErrorKind};
use crate::policy::Policy;

static BAKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/policies.postcard"));

/// All baked policies, decoded on first use.
pub fn policies() -> Result<&'static [Policy], Error> {
    static DECODED: OnceLock<Result<Vec<Policy>, String>> = OnceLock::new();
    match DECODED.get_or_init(|| postcard::from_bytes(BAKED).map_err(|e| e.to_string())) {
        Ok(policies) => Ok(policies),
        Err(message) => Err(Error::new(
            "policies",
            ErrorKind::Syntax {
                message: message.clone(),
            },
        )),
    }
}
