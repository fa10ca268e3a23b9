//! Policies as compact binary data (postcard): what `build.rs` bakes into the
//! library, and what `yibao bake` writes for the page to load one region at a
//! time (the web build bakes none, to keep the first download small).
//!
//! The bytes start with [`FORMAT`]; change it whenever the layout of a type
//! under `policy/` changes (the top crate's `tests/data_format.rs` fails
//! until it is), so that old data (a stale cache, another build) is refused
//! with a clear message instead of being misread.

#[cfg(feature = "files")]
use crate::error::IoError;
use crate::error::{Error, PolicyError};

use super::Policy;

/// Tag and version of the data format.
pub const FORMAT: &[u8; 8] = b"yibao-p5";

/// Encodes policies, with the format tag (the build and `yibao bake`).
#[cfg(feature = "files")]
pub fn to_bytes(policies: &[Policy]) -> Result<Vec<u8>, Error> {
    postcard::to_extend(policies, FORMAT.to_vec()).map_err(|e| {
        Error::new(
            "policies",
            IoError::CannotEncode {
                detail: e.to_string(),
            },
        )
    })
}

/// Decodes what [`to_bytes`] wrote; `name` says where the bytes came from.
pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Vec<Policy>, Error> {
    let body = bytes
        .strip_prefix(FORMAT.as_slice())
        .ok_or_else(|| Error::new(name, PolicyError::NotPolicyData))?;
    postcard::from_bytes(body).map_err(|e| {
        Error::new(
            name,
            PolicyError::DamagedPolicyData {
                detail: e.to_string(),
            },
        )
    })
}
