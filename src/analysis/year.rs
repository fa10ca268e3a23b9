//! A year of stays: what each stay adds to each layer and to the
//! out-of-pocket amount, and the stay on which a layer's annual threshold is
//! passed or its annual limit reached.
//!
//! The estimate after stay k is the estimate of stays 1..=k, so a stay's
//! amounts are the differences between two such estimates, and they add up
//! exactly to the estimate of the whole year.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::engine::{self, Estimate, LayerId, Request, Yuan};
use crate::error::Error;
use crate::policy::{Level, Policy};

use super::{MarkKind, paid};

/// Extra compliant cost tried on a stay to see whether a layer can still pay
/// more: large enough that any layer still below its limit pays at least a fen.
const PROBE: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Year {
    pub stays: Vec<Stay>,
    /// In order of stays.
    pub marks: Vec<YearMark>,
    /// The whole year, as one estimate (summary mode).
    pub estimate: Estimate,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stay {
    pub level: Level,
    pub cost: Yuan,
    /// Each layer of the policy, in cascade order.
    pub layers: Vec<StayLayer>,
    pub out_of_pocket: Yuan,
    pub out_of_pocket_so_far: Yuan,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StayLayer {
    pub id: LayerId,
    /// What the layer pays because of this stay.
    pub paid: Yuan,
    /// What it has paid in the year up to and including this stay.
    pub so_far: Yuan,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearMark {
    /// 1 for the first stay.
    pub stay: usize,
    pub layer: LayerId,
    pub kind: MarkKind,
}

/// Goes through `request`'s stays one by one.
pub fn year(request: &Request, policies: &[Policy]) -> Result<Year, Error> {
    let prepared = engine::prepare(request, policies)?;
    // Each stay's cost and the probe are in its parts: a total split first.
    let split = prepared.split(request)?;
    let request = &*split;
    let first = |k: usize| Request {
        admissions: request.admissions[..k].to_vec(),
        explain: false,
        ..request.clone()
    };
    let mut stays = Vec::with_capacity(request.admissions.len());
    let mut marks = Vec::new();
    let mut before: Option<Estimate> = None;
    for k in 1..=request.admissions.len() {
        let now = prepared.estimate(&first(k))?;
        let admission = &request.admissions[k - 1];
        let layers = now
            .layers
            .iter()
            .map(|l| {
                let earlier = before.as_ref().map_or(Decimal::ZERO, |b| paid(b, l.id));
                StayLayer {
                    id: l.id,
                    paid: Yuan(l.paid.0 - earlier),
                    so_far: l.paid,
                }
            })
            .collect::<Vec<_>>();
        // The stays so far with this one dearer by PROBE: estimated once, for every layer.
        let mut probed: Option<Estimate> = None;
        for layer in &layers {
            let earlier = layer.so_far.0 - layer.paid.0;
            // Basic insurance's deductible applies to each stay, not to the
            // year: its first payment passes no annual threshold.
            if layer.id != LayerId::Basic && earlier.is_zero() && layer.paid.0 > Decimal::ZERO {
                marks.push(YearMark {
                    stay: k,
                    layer: layer.id,
                    kind: MarkKind::Starts,
                });
            }
            let capped_before = marks
                .iter()
                .any(|m| m.layer == layer.id && m.kind == MarkKind::Cap);
            if layer.so_far.0 > Decimal::ZERO && !capped_before {
                if probed.is_none() {
                    let mut more = first(k);
                    if let Some(last) = more.admissions.last_mut() {
                        last.compliant += PROBE;
                    }
                    probed = Some(prepared.estimate(&more)?);
                }
                if probed.as_ref().map(|p| paid(p, layer.id)) == Some(layer.so_far.0) {
                    marks.push(YearMark {
                        stay: k,
                        layer: layer.id,
                        kind: MarkKind::Cap,
                    });
                }
            }
        }
        let so_far = now.out_of_pocket.total.0;
        stays.push(Stay {
            level: admission.level,
            cost: Yuan(admission.compliant + admission.out_of_policy),
            layers,
            out_of_pocket: Yuan(
                so_far
                    - before
                        .as_ref()
                        .map_or(Decimal::ZERO, |b| b.out_of_pocket.total.0),
            ),
            out_of_pocket_so_far: Yuan(so_far),
        });
        before = Some(now);
    }
    let estimate = match before {
        Some(estimate) => estimate,
        None => prepared.estimate(&first(0))?,
    };
    Ok(Year {
        stays,
        marks,
        estimate,
    })
}
