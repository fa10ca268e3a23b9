//! yibao: estimate what each layer of China's medical security pays on a
//! hospital bill, and what is left for the patient to pay.
//!
//! The library is pure Rust with no I/O, so that the same code runs in the
//! command line (`src/bin/yibao.rs`) and in the browser (the `wasm/` crate,
//! which holds only the wasm-bindgen bindings).
//!
//! - [`money`]: amounts, the one rounding rule;
//! - [`policy`]: dated, cited policy versions; [`baked`]: the default set;
//! - [`engine`]: the five-layer cascade and its explanation;
//! - [`analysis`]: categories side by side, the curve, a year of stays;
//! - [`batch`]: many households from a CSV file;
//! - `cases`: worked cases as data, each policy's examples checked (feature
//!   `policy-files`);
//! - [`raw`] and [`read`]: input (JSON, JS objects, TOML) read with errors
//!   that name the field.

pub mod analysis;
#[cfg(feature = "baked")]
pub mod baked;
pub mod batch;
#[cfg(feature = "policy-files")]
pub mod cases;
pub mod catalog;
pub mod date;
pub mod describe;
pub mod engine;
pub mod error;
pub mod money;
pub mod policy;
pub mod raw;
pub mod read;
pub mod report;
#[cfg(feature = "policy-files")]
pub mod toml_input;

pub use error::{Conflict, Error, ErrorKind};
pub use money::{ParsedAmount, parse_amount, read_amount};
