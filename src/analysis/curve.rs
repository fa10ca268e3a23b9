//! Out-of-pocket against the bill: what each layer pays, and what is left,
//! as the household's total cost runs from 0 to a chosen maximum, with the
//! points where a layer starts paying or reaches its limit found to the fen.
//!
//! The household's bill is scaled as a whole: every stay's compliant and
//! out-of-policy cost in proportion, so a curve of one household with two
//! stays keeps its two stays. A household with no cost yet is drawn as one
//! stay of compliant cost at its first stay's level.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::choice::Choice;
use crate::engine::{self, Admission, Estimate, LayerId, Prepared, Request, Yuan};
use crate::error::{AmountError, Error, InputError, RequestError};
use crate::money::{self, round_yuan};
use crate::policy::{Level, Policy, Setting};

use super::{MarkKind, paid};

/// Points a curve may have: enough for any screen, few enough to stay quick.
pub const MAX_POINTS: usize = 1000;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Curve {
    /// The total cost at each point: 0 to the maximum in equal steps, to the fen.
    pub costs: Vec<Yuan>,
    /// Each layer of the policy, in cascade order, with its payment at each point.
    pub layers: Vec<Series>,
    pub out_of_pocket: Vec<Yuan>,
    /// Where a layer starts paying or stops rising, in order of cost.
    pub marks: Vec<Mark>,
    /// The household's own bill.
    pub household: Point,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    pub id: LayerId,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub paid: Vec<Yuan>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mark {
    pub layer: LayerId,
    pub kind: MarkKind,
    /// `Starts`: the highest total cost at which the layer still pays nothing.
    /// `Cap`: the lowest total cost at which it pays its most.
    pub cost: Yuan,
    /// What the layer pays at that cost.
    pub paid: Yuan,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub cost: Yuan,
    pub out_of_pocket: Yuan,
}

/// The curve of `request`'s household from 0 to `max`, at `points` points.
pub fn curve(
    request: &Request,
    policies: &[Policy],
    max: Decimal,
    points: usize,
) -> Result<Curve, Error> {
    if !(2..=MAX_POINTS).contains(&points) {
        return Err(Error::new(
            "points",
            InputError::NumberOutOfRange {
                min: 2,
                max: MAX_POINTS as u32,
            },
        ));
    }
    if max <= Decimal::ZERO {
        return Err(Error::new("max", AmountError::NotPositive));
    }
    if round_yuan(max) != max {
        return Err(Error::new("max", AmountError::TooManyDecimals));
    }
    if max > money::MAX_AMOUNT {
        return Err(Error::new("max", AmountError::TooLarge));
    }
    if request.admissions.is_empty() {
        return Err(Error::new("admissions", RequestError::NoAdmissions));
    }
    let prepared = engine::prepare(request, policies)?;
    let household = prepared.estimate(&summary(request))?;
    let at = Scaler::new(&prepared, request);

    let steps = Decimal::from(points - 1);
    let costs: Vec<Decimal> = (0..points)
        .map(|i| round_yuan(max * Decimal::from(i) / steps))
        .collect();
    let estimates = costs
        .iter()
        .map(|&cost| at.estimate(cost))
        .collect::<Result<Vec<_>, Error>>()?;

    let mut marks = Vec::new();
    let mut layers = Vec::new();
    for (j, layer) in household.layers.iter().enumerate() {
        let series: Vec<Decimal> = estimates.iter().map(|e| e.layers[j].paid.0).collect();
        marks.extend(at.starts(layer.id, &costs, &series)?);
        marks.extend(at.cap(layer.id, &costs, &series)?);
        layers.push(Series {
            id: layer.id,
            name_zh: layer.id.name_zh(),
            name_en: layer.id.name_en(),
            paid: series.into_iter().map(Yuan).collect(),
        });
    }
    marks.sort_by_key(|m| m.cost);
    Ok(Curve {
        costs: costs.into_iter().map(Yuan).collect(),
        layers,
        out_of_pocket: estimates.iter().map(|e| e.out_of_pocket.total).collect(),
        marks,
        household: Point {
            cost: household.total,
            out_of_pocket: household.out_of_pocket.total,
        },
    })
}

fn summary(request: &Request) -> Request {
    Request {
        explain: false,
        ..request.clone()
    }
}

/// Estimates the household's bill scaled to any total cost.
struct Scaler<'a> {
    prepared: &'a Prepared<'a>,
    request: Request,
    total: Decimal,
}

impl<'a> Scaler<'a> {
    fn new(prepared: &'a Prepared<'a>, request: &Request) -> Scaler<'a> {
        let total = request
            .admissions
            .iter()
            .map(|a| a.compliant + a.out_of_policy)
            .sum();
        Scaler {
            prepared,
            request: summary(request),
            total,
        }
    }

    fn estimate(&self, cost: Decimal) -> Result<Estimate, Error> {
        let request = Request {
            admissions: scaled(&self.request.admissions, self.total, cost),
            ..self.request.clone()
        };
        self.prepared.estimate(&request)
    }

    fn paid(&self, layer: LayerId, cost: Decimal) -> Result<Decimal, Error> {
        Ok(paid(&self.estimate(cost)?, layer))
    }

    /// Narrows `(low, high]` to one fen: `high` is the lowest cost where
    /// `pays(paid at that cost)` holds, given that it fails at `low`.
    fn bisect(
        &self,
        layer: LayerId,
        mut low: Decimal,
        mut high: Decimal,
        pays: impl Fn(Decimal) -> bool,
    ) -> Result<(Decimal, Decimal), Error> {
        loop {
            let middle = round_yuan((low + high) / Decimal::TWO);
            if middle <= low || middle >= high {
                return Ok((low, high));
            }
            if pays(self.paid(layer, middle)?) {
                high = middle;
            } else {
                low = middle;
            }
        }
    }

    /// The layer's threshold: where it starts paying, if that is inside the curve.
    fn starts(
        &self,
        layer: LayerId,
        costs: &[Decimal],
        series: &[Decimal],
    ) -> Result<Option<Mark>, Error> {
        let Some(first) = series.iter().position(|p| *p > Decimal::ZERO) else {
            return Ok(None);
        };
        if first == 0 {
            return Ok(None);
        }
        let (low, _) = self.bisect(layer, costs[first - 1], costs[first], |p| p > Decimal::ZERO)?;
        // A layer that pays from the first fen has no threshold to show.
        Ok((low > Decimal::ZERO).then_some(Mark {
            layer,
            kind: MarkKind::Starts,
            cost: Yuan(low),
            paid: Yuan(Decimal::ZERO),
        }))
    }

    /// The layer's cap: where it stops rising for the rest of the curve, if
    /// it pays something and the flat stretch starts inside the curve.
    fn cap(
        &self,
        layer: LayerId,
        costs: &[Decimal],
        series: &[Decimal],
    ) -> Result<Option<Mark>, Error> {
        let Some(&most) = series.last() else {
            return Ok(None);
        };
        let flat_from = series.len() - series.iter().rev().take_while(|p| **p == most).count();
        if most <= Decimal::ZERO || flat_from == 0 || flat_from + 1 >= series.len() {
            return Ok(None);
        }
        let (_, high) =
            self.bisect(layer, costs[flat_from - 1], costs[flat_from], |p| p >= most)?;
        Ok(Some(Mark {
            layer,
            kind: MarkKind::Cap,
            cost: Yuan(high),
            paid: Yuan(most),
        }))
    }
}

/// The stays scaled to cost `cost` in all, each part in proportion and to
/// the fen; what rounding leaves goes onto the largest part, so that the
/// parts add up to `cost` exactly.
fn scaled(admissions: &[Admission], total: Decimal, cost: Decimal) -> Vec<Admission> {
    if total.is_zero() {
        return vec![Admission {
            level: admissions.first().map_or(Level::County, |a| a.level),
            compliant: cost,
            out_of_policy: Decimal::ZERO,
            setting: admissions.first().map_or(Setting::Local, |a| a.setting),
            disease: admissions.first().and_then(|a| a.disease.clone()),
        }];
    }
    let share = |part: Decimal| round_yuan(part * cost / total);
    let mut out: Vec<Admission> = admissions
        .iter()
        .map(|a| Admission {
            level: a.level,
            compliant: share(a.compliant),
            out_of_policy: share(a.out_of_policy),
            setting: a.setting,
            disease: a.disease.clone(),
        })
        .collect();
    let rest = cost
        - out
            .iter()
            .map(|a| a.compliant + a.out_of_policy)
            .sum::<Decimal>();
    if !rest.is_zero() {
        let largest = out
            .iter_mut()
            .flat_map(|a| [&mut a.compliant, &mut a.out_of_policy])
            .max_by_key(|part| **part);
        if let Some(part) = largest {
            *part += rest;
        }
    }
    out
}
