//! Checks that a policy version must pass beyond the form of each field
//! (each benefit's own, in its module: segments in order, raised rates
//! within 100%). They run when a policy file
//! is read and again after a request's overrides have replaced figures, so
//! an override cannot produce rules that make no sense.

use std::sync::Arc;

use crate::error::{Error, ErrorKind};

use super::{Figure, Version};

/// A version that fails a check: which figure, where, what is wrong, and the
/// figure it was checked against (so that a message about an override can
/// name the other side of the conflict).
#[derive(Debug)]
pub struct Invalid {
    pub figure_path: String,
    /// Line of that figure in its policy file (0 if unknown).
    pub line: u32,
    pub kind: ErrorKind,
    /// The figure the failing one was compared with, if any.
    pub other: Option<Arc<str>>,
}

impl Invalid {
    pub(crate) fn at(
        figure: &Figure,
        kind: impl Into<ErrorKind>,
        other: Option<&Figure>,
    ) -> Invalid {
        Invalid {
            figure_path: figure.path.to_string(),
            line: figure.line,
            kind: kind.into(),
            other: other.map(|f| f.path.clone()),
        }
    }

    /// The error, naming the figure by its parameter path.
    pub fn into_error(self) -> Error {
        Error::new(self.figure_path, self.kind)
    }
}

/// Every check of the version's rules (see each benefit's `Rule::check`).
pub fn version(version: &Version) -> Result<(), Invalid> {
    version.benefits.check()
}
