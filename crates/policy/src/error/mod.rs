//! The one error type of the library.
//!
//! Every error names the input field it is about (a request field such as
//! `admissions[1].compliant`, or a parameter path in a policy file such as
//! `versions[0].critical_illness.threshold`) and says, in Chinese and in
//! English, what is wrong and what to do. Errors about a policy file also
//! carry the file name and the line. The page shows the message next to the
//! field; the command line prints it on stderr. Serialized (for the wasm
//! boundary and `--json`), an error is `{ field, message_zh, message_en }`,
//! plus `file` and `line` when it comes from a policy file.
//!
//! What is wrong ([`ErrorKind`]) is one of the kinds of an area, each area
//! its own enum in its own module, its kinds' Chinese and English messages
//! side by side: [`AmountError`] (typed amounts), [`InputError`] (reading
//! fields), [`RequestError`], [`PolicyError`] (policy files and data),
//! [`CitationError`], [`BatchError`], [`IoError`] (files, standard input and
//! output). `Error::new(field, InputError::Missing)` makes an error of one.
//!
//! Two areas exist only where they can happen, so that the page's module
//! carries no message it could never show: batch files (feature `batch`:
//! the command line and the cadre's module), and files and citations
//! (feature `files`: the command line and the build, which read policy
//! files and check their citations).

use std::fmt;

use serde::ser::{Serialize, SerializeStruct, Serializer};

mod amount;
#[cfg(feature = "batch")]
mod batch;
#[cfg(feature = "files")]
mod citation;
mod input;
#[cfg(feature = "files")]
mod io;
mod policy;
mod request;

pub use amount::AmountError;
#[cfg(feature = "batch")]
pub use batch::BatchError;
#[cfg(feature = "files")]
pub use citation::CitationError;
pub use input::{Expected, InputError};
#[cfg(feature = "files")]
pub use io::IoError;
pub use policy::{PolicyError, TomlProblem};
pub use request::{Conflict, RequestError};

/// Something wrong with one input field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    field: String,
    kind: ErrorKind,
    /// Boxed: only errors about a policy file have one, and the areas'
    /// kinds need the room (`ErrorKind` is 64 bytes, an `Error` 96).
    location: Option<Box<Location>>,
}

/// Where in a policy file an error is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    /// 1-based; 0 when the whole file is meant.
    pub line: u32,
}

/// The areas, written once: `ErrorKind` with a variant per area, its
/// messages, and for each area `From<AreaError> for ErrorKind` and comparing
/// an `ErrorKind` with an area's kind (`assert_eq!(e.kind(), &InputError::Missing)`).
macro_rules! areas {
    ($($(#[doc = $doc:literal])* $(#[cfg($cfg:meta)])? $area:ident($kind:ty),)*) => {
        /// What is wrong, by area; each area's kinds give their messages in
        /// Chinese and in English side by side (`messages()`). An area's kind
        /// becomes an `ErrorKind` with `.into()`, which [`Error::new`] does itself.
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum ErrorKind {
            $($(#[doc = $doc])* $(#[cfg($cfg)])? $area($kind),)*
        }

        impl ErrorKind {
            /// The message in Chinese and in English.
            pub fn messages(&self) -> (String, String) {
                match self {
                    $($(#[cfg($cfg)])? ErrorKind::$area(e) => e.messages(),)*
                }
            }
        }

        $(
            $(#[cfg($cfg)])?
            impl From<$kind> for ErrorKind {
                fn from(kind: $kind) -> ErrorKind {
                    ErrorKind::$area(kind)
                }
            }

            $(#[cfg($cfg)])?
            impl PartialEq<$kind> for ErrorKind {
                fn eq(&self, other: &$kind) -> bool {
                    matches!(self, ErrorKind::$area(kind) if kind == other)
                }
            }
        )*
    };
}

areas! {
    /// Typed amounts.
    Amount(AmountError),
    /// Reading fields: presence, shape, form, the readers' limits.
    Input(InputError),
    /// A request against the policies.
    Request(RequestError),
    /// Policy files and policy data.
    Policy(PolicyError),
    /// Citations of the source texts.
    #[cfg(feature = "files")]
    Citation(CitationError),
    /// Batch files.
    #[cfg(feature = "batch")]
    Batch(BatchError),
    /// Files, standard input and output, encoding.
    #[cfg(feature = "files")]
    Io(IoError),
}

/// The values a message offers, for the English one: those written in ASCII
/// (ids, which every input takes) where there are any, not the Chinese names
/// that are also accepted.
fn allowed_en(allowed: &[String]) -> String {
    let ascii: Vec<&str> = allowed
        .iter()
        .filter(|a| a.is_ascii())
        .map(String::as_str)
        .collect();
    if ascii.is_empty() {
        allowed.join(", ")
    } else {
        ascii.join(", ")
    }
}

/// A message that is fixed text in both languages.
fn fixed(zh: &str, en: &str) -> (String, String) {
    (zh.into(), en.into())
}

impl Error {
    #[inline]
    pub fn new(field: impl Into<String>, kind: impl Into<ErrorKind>) -> Self {
        Error::of(field.into(), kind.into())
    }

    /// [`Error::new`] past the conversions, written once rather than per
    /// pair of argument types (the wasm module carries one copy).
    fn of(field: String, kind: ErrorKind) -> Self {
        Error {
            field,
            kind,
            location: None,
        }
    }

    /// The same error, located in a policy file.
    pub fn in_file(mut self, file: impl Into<String>, line: u32) -> Self {
        self.location = Some(Box::new(Location {
            file: file.into(),
            line,
        }));
        self
    }

    /// The same error, with `prefix.` put before the field name (for errors
    /// found inside a nested value, e.g. an override; `prefix` alone before
    /// a list index such as `[2]`).
    pub fn under(mut self, prefix: &str) -> Self {
        self.field = if self.field.is_empty() {
            prefix.to_string()
        } else if self.field.starts_with('[') {
            format!("{prefix}{}", self.field)
        } else {
            format!("{prefix}.{}", self.field)
        };
        self
    }

    /// The input field the error is about.
    pub fn field(&self) -> &str {
        &self.field
    }

    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    pub fn location(&self) -> Option<&Location> {
        self.location.as_deref()
    }

    /// The message in Chinese and in English.
    pub fn messages(&self) -> (String, String) {
        self.kind.messages()
    }

    pub fn message_zh(&self) -> String {
        self.messages().0
    }

    pub fn message_en(&self) -> String {
        self.messages().1
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(Location { file, line }) = self.location() {
            write!(f, "{file}:{line}: ")?;
        }
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        let (zh, en) = self.messages();
        write!(f, "{zh} ({en})")
    }
}

impl std::error::Error for Error {}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = if self.location.is_some() { 5 } else { 3 };
        let mut s = serializer.serialize_struct("Error", fields)?;
        s.serialize_field("field", &self.field)?;
        let (zh, en) = self.messages();
        s.serialize_field("message_zh", &zh)?;
        s.serialize_field("message_en", &en)?;
        if let Some(Location { file, line }) = self.location() {
            s.serialize_field("file", file)?;
            s.serialize_field("line", line)?;
        }
        s.end()
    }
}

// Every area is named, so the test needs them all (`cargo test --workspace` has).
#[cfg(all(test, feature = "batch", feature = "files"))]
mod tests;
