//! yibao: estimate what each layer of China's medical security pays on a
//! hospital bill, and what is left for the patient to pay.
//!
//! The library is pure Rust with no I/O, so that the same code runs in the
//! command line (`src/bin/yibao.rs`) and in the browser (the `wasm/` crate,
//! which holds only the wasm-bindgen bindings).
//!
//! Money is [`rust_decimal::Decimal`] everywhere; see [`money`] for the one
//! rounding rule and for how amounts typed by people are read.

pub mod error;
pub mod money;

pub use error::{Error, ErrorKind};
pub use money::{ParsedAmount, parse_amount, read_amount};
