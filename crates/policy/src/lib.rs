//! yibao-policy: what a policy is and how input becomes one, with no
//! calculation in it. The engine (`yibao`) and `build.rs` stand on it; it
//! depends on neither, which the compiler enforces.
//!
//! - [`money`]: amounts, the one rounding rule;
//! - [`choice`]: fixed sets of named values (schemes, categories, levels);
//! - [`date`]: calendar dates without a clock;
//! - [`error`]: the one error type, its kinds by area, Chinese and English;
//! - [`raw`] and [`read`]: input (JSON, JS objects, TOML) read with errors
//!   that name the field;
//! - [`policy`]: dated, cited policy versions, their checks and their binary
//!   data format; [`toml_input`]: policy files (feature `files`).

pub mod choice;
pub mod date;
pub mod error;
pub mod money;
pub mod policy;
pub mod raw;
pub mod read;
#[cfg(feature = "files")]
pub mod toml_input;

#[cfg(feature = "batch")]
pub use error::BatchError;
pub use error::{AmountError, Conflict, Error, ErrorKind, InputError, PolicyError, RequestError};
#[cfg(feature = "files")]
pub use error::{CitationError, IoError};
pub use money::{ParsedAmount, parse_amount, read_amount};

/// For the `choice!` macro in other crates.
#[doc(hidden)]
pub use serde as __serde;
