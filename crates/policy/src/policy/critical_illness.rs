//! Critical-illness insurance (大病保险): per year, on the compliant self-pay
//! left after basic insurance (its deductibles included).

use rust_decimal::Decimal;
use serde::Serialize;

use super::data::decoded;

use crate::error::{InputError, PolicyError};

use super::figures::figures;
use super::validate::Invalid;
use super::{Figure, Reach, Rule, Scheme, SegmentBounds, Statement, Who};

decoded! {
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct CriticalIllness {
        /// The schemes it covers (all of the version's when the file lists none).
        pub schemes: Vec<Scheme>,
        pub threshold: Figure,
        /// Paid in segments above the threshold; all but the last have an upper bound.
        pub segments: Vec<Segment>,
        pub annual_cap: Option<Figure>,
        pub tilts: Vec<Tilt>,
    }
}

decoded! {
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct Segment {
        /// Upper bound of the self-pay this segment covers; `None` for the last.
        pub up_to: Option<Figure>,
        pub rate: Figure,
    }
}

decoded! {
    /// How critical-illness insurance leans towards some categories.
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct Tilt {
        pub who: Who,
        /// The threshold times this (50% for "起付线降低50%").
        pub threshold_factor: Option<Figure>,
        /// Every segment's rate raised by these points.
        pub rate_points: Option<Figure>,
        /// One rate for the whole amount above the threshold.
        pub flat_rate: Option<Figure>,
        /// 不设封顶线: the annual cap does not apply.
        pub cap_removed: Option<Statement>,
        /// Only in a year with care for one of these diseases (any year when empty).
        pub diseases: Vec<String>,
        /// Whether the segment bounds move down with a lowered threshold. Both
        /// readings of "起付线降低50%" exist; the file says which one it takes.
        pub segment_bounds: SegmentBounds,
    }
}

figures!(
    CriticalIllness,
    |ci, reach| Reach { schemes: Some(&ci.schemes), ..reach };
    threshold, segments, annual_cap, tilts
);
figures!(Segment; up_to, rate);
figures!(
    Tilt,
    |tilt, reach| tilt.who.narrow(reach);
    who, threshold_factor, rate_points, flat_rate, cap_removed
);

impl Rule for CriticalIllness {
    /// Segment bounds rise above the threshold, only the last is open, and
    /// a tilt's raised rate stays within 100%.
    fn check(&self) -> Result<(), Invalid> {
        let mut floor = &self.threshold;
        let last = self.segments.len().saturating_sub(1);
        for (i, segment) in self.segments.iter().enumerate() {
            match (&segment.up_to, i == last) {
                (Some(up_to), false) => {
                    if up_to.value <= floor.value {
                        let kind = PolicyError::SegmentsOutOfOrder;
                        return Err(Invalid::at(up_to, kind, Some(floor)));
                    }
                    floor = up_to;
                }
                (Some(up_to), true) => {
                    return Err(Invalid::at(up_to, PolicyError::SegmentsOutOfOrder, None));
                }
                (None, false) => {
                    let path = segment.rate.path.replace(".rate", ".up_to");
                    return Err(Invalid {
                        figure_path: path,
                        line: segment.rate.line,
                        kind: InputError::Missing.into(),
                        other: None,
                    });
                }
                (None, true) => {}
            }
        }
        let highest_rate = self
            .segments
            .iter()
            .map(|s| &s.rate)
            .max_by_key(|f| f.value);
        for tilt in &self.tilts {
            if let (Some(points), Some(rate)) = (&tilt.rate_points, highest_rate)
                && rate.value + points.value > Decimal::ONE
            {
                let kind = PolicyError::RaisedRateAbove100;
                return Err(Invalid::at(points, kind, Some(rate)));
            }
        }
        Ok(())
    }
}

/// Reading the rules from a policy file (feature `files`; the page's
/// modules load policy data instead).
#[cfg(feature = "files")]
mod reading {
    use crate::choice::{Choice, ids};
    use crate::policy::read::{
        Scope, non_empty, only_once, opt_figure, req_figure, statement, who,
    };
    use crate::read::Node;

    use super::*;
    use crate::error::{Error, RequestError};
    use crate::policy::{ReadRule, Unit};

    impl ReadRule for CriticalIllness {
        fn read(node: &Node, scope: &Scope) -> Result<Self, Error> {
            let t = node.table(&["schemes", "threshold", "segments", "annual_cap", "tilts"])?;
            let schemes = match t.get("schemes") {
                None => scope.schemes.to_vec(),
                Some(n) => {
                    let list: Vec<Scheme> = non_empty(&n)?;
                    if let Some(s) = list.iter().find(|s| !scope.schemes.contains(s)) {
                        return Err(n.error(RequestError::NotInPolicy {
                            value: s.id().to_string(),
                            allowed: ids(scope.schemes),
                        }));
                    }
                    list
                }
            };
            let segments_node = t.req("segments")?;
            let segments = segments_node
                .list()?
                .iter()
                .map(|item| {
                    let s = item.table(&["up_to", "rate"])?;
                    Ok(Segment {
                        up_to: opt_figure(&s, "up_to", Unit::Yuan)?,
                        rate: req_figure(&s, "rate", Unit::Percent)?,
                    })
                })
                .collect::<Result<Vec<_>, Error>>()?;
            if segments.is_empty() {
                return Err(segments_node.error(InputError::Missing));
            }
            let mut tilts: Vec<Tilt> = Vec::new();
            let tilts_node = t.get("tilts");
            for item in tilts_node
                .as_ref()
                .map(|n| n.list())
                .transpose()?
                .unwrap_or_default()
            {
                let tilt = tilt(&item, scope, &tilts)?;
                tilts.push(tilt);
            }
            Ok(CriticalIllness {
                schemes,
                threshold: req_figure(&t, "threshold", Unit::Yuan)?,
                segments,
                annual_cap: opt_figure(&t, "annual_cap", Unit::Yuan)?,
                tilts,
            })
        }
    }

    /// A tilt; `earlier` are the tilts before it, which must name other categories.
    fn tilt(node: &Node, scope: &Scope, earlier: &[Tilt]) -> Result<Tilt, Error> {
        let t = node.table(&[
            "who",
            "threshold_factor",
            "rate_points",
            "flat_rate",
            "cap_removed",
            "diseases",
            "segment_bounds",
        ])?;
        let cap_removed = t.get("cap_removed").map(|n| statement(&n)).transpose()?;
        let who_node = t.req("who")?;
        let who = who(&who_node, scope)?;
        let diseases = crate::policy::diseases::reading::opt_ids(&t, scope)?;
        // A category may have one tilt for every year and one for listed diseases.
        let same_kind = earlier
            .iter()
            .filter(|t| t.diseases.is_empty() == diseases.is_empty());
        only_once(&who, same_kind.map(|t| &t.who), &who_node)?;
        let tilt = Tilt {
            who,
            threshold_factor: opt_figure(&t, "threshold_factor", Unit::Percent)?,
            rate_points: opt_figure(&t, "rate_points", Unit::Percent)?,
            flat_rate: opt_figure(&t, "flat_rate", Unit::Percent)?,
            cap_removed,
            diseases,
            segment_bounds: t
                .get("segment_bounds")
                .map(|n| n.choice())
                .transpose()?
                .unwrap_or(SegmentBounds::Fixed),
        };
        if tilt.rate_points.is_some() && tilt.flat_rate.is_some() {
            return Err(node.error(PolicyError::RatePointsWithFlatRate));
        }
        Ok(tilt)
    }
}
