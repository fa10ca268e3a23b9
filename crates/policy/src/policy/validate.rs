//! Checks that a policy version must pass beyond the form of each field:
//! segments in order, raised rates within 100%. They run when a policy file
//! is read and again after a request's overrides have replaced figures, so
//! an override cannot produce rules that make no sense.

use std::sync::Arc;

use rust_decimal::Decimal;

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
    fn at(figure: &Figure, kind: ErrorKind, other: Option<&Figure>) -> Invalid {
        Invalid {
            figure_path: figure.path.to_string(),
            line: figure.line,
            kind,
            other: other.map(|f| f.path.clone()),
        }
    }

    /// The error, naming the figure by its parameter path.
    pub fn into_error(self) -> Error {
        Error::new(self.figure_path, self.kind)
    }
}

pub fn version(version: &Version) -> Result<(), Invalid> {
    for basic in &version.basic {
        let highest_rate = basic.rate.0.iter().map(|(_, f)| f).max_by_key(|f| f.value);
        for raise in &basic.rate_raises {
            if let Some(rate) = highest_rate
                && rate.value + raise.points.value > Decimal::ONE
            {
                let kind = ErrorKind::RaisedRateAbove100;
                return Err(Invalid::at(&raise.points, kind, Some(rate)));
            }
        }
    }
    if let Some(ci) = &version.critical_illness {
        let mut floor = &ci.threshold;
        let last = ci.segments.len().saturating_sub(1);
        for (i, segment) in ci.segments.iter().enumerate() {
            match (&segment.up_to, i == last) {
                (Some(up_to), false) => {
                    if up_to.value <= floor.value {
                        let kind = ErrorKind::SegmentsOutOfOrder;
                        return Err(Invalid::at(up_to, kind, Some(floor)));
                    }
                    floor = up_to;
                }
                (Some(up_to), true) => {
                    return Err(Invalid::at(up_to, ErrorKind::SegmentsOutOfOrder, None));
                }
                (None, false) => {
                    let path = segment.rate.path.replace(".rate", ".up_to");
                    return Err(Invalid {
                        figure_path: path,
                        line: segment.rate.line,
                        kind: ErrorKind::Missing,
                        other: None,
                    });
                }
                (None, true) => {}
            }
        }
        let highest_rate = ci.segments.iter().map(|s| &s.rate).max_by_key(|f| f.value);
        for tilt in &ci.tilts {
            if let (Some(points), Some(rate)) = (&tilt.rate_points, highest_rate)
                && rate.value + points.value > Decimal::ONE
            {
                let kind = ErrorKind::RaisedRateAbove100;
                return Err(Invalid::at(points, kind, Some(rate)));
            }
        }
    }
    Ok(())
}
