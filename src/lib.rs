//! yibao: estimate what each layer of China's medical security pays on a
//! hospital bill, and what is left for the patient to pay.
//!
//! This crate is the engine and what stands on it; the policy model it reads
//! (money, dates, errors, input, the cited policy schema) is the
//! `yibao-policy` crate, re-exported here under the same names. Both are pure
//! Rust with no I/O, so that the same code runs in the command line (`cli/`)
//! and in the browser (`wasm/`, the wasm-bindgen bindings). ARCHITECTURE.md
//! has the map.
//!
//! - [`engine`]: the cascade of layers and its explanation;
//! - [`baked`]: the default set of policies, read and checked at build time;
//! - [`analysis`]: categories side by side, the curve, a year of stays;
//! - [`batch`]: many households from a CSV file;
//! - `cases`: worked cases as data, each policy's examples checked (feature
//!   `policy-files`);
//! - [`catalog`], [`describe`], [`report`]: what the page lists, a policy in
//!   words, an estimate as plain text.

#[cfg(feature = "policy-files")]
pub use yibao_policy::toml_input;
pub use yibao_policy::{choice, date, error, money, policy, raw, read};

pub mod analysis;
#[cfg(feature = "baked")]
pub mod baked;
#[cfg(feature = "batch")]
pub mod batch;
#[cfg(feature = "policy-files")]
pub mod cases;
pub mod catalog;
pub mod describe;
pub mod engine;
pub mod report;

#[cfg(feature = "batch")]
pub use error::BatchError;
pub use error::{AmountError, Conflict, Error, ErrorKind, InputError, PolicyError, RequestError};
#[cfg(feature = "policy-files")]
pub use error::{CitationError, IoError};
pub use money::{ParsedAmount, parse_amount, read_amount};
