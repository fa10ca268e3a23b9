//! Out-of-pocket against the bill: what each layer pays, and what is left,
//! as the household's total cost runs from 0 to a chosen maximum, with the
//! points where a layer starts paying or reaches its limit found to the fen.
//!
//! The household's bill is scaled as a whole: every stay's and outpatient
//! cost's compliant and out-of-policy parts in proportion, so a curve of one
//! household with two stays keeps its two stays. A household with no cost
//! yet is drawn with all of it compliant on its first stay (or first
//! outpatient cost).

use rust_decimal::Decimal;
use serde::Serialize;

use crate::choice::Choice;
use crate::engine::{self, Estimate, LayerId, Prepared, Request, Yuan};
use crate::error::{AmountError, Error, InputError, RequestError};
use crate::money::{self, round_yuan};
use crate::policy::Policy;

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
    // Scaled part by part: a cost given as its total, split first.
    let at = Scaler::new(&prepared, &*prepared.split(request)?);

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
        let stays = request
            .admissions
            .iter()
            .map(|a| a.compliant + a.out_of_policy);
        let outpatient = request
            .outpatient
            .iter()
            .map(|o| o.compliant + o.out_of_policy);
        let total = stays.chain(outpatient).sum();
        Scaler {
            prepared,
            request: summary(request),
            total,
        }
    }

    fn estimate(&self, cost: Decimal) -> Result<Estimate, Error> {
        self.prepared
            .estimate(&scaled(&self.request, self.total, cost))
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

/// The household's costs (stays and outpatient) scaled to `cost` in all,
/// each part in proportion and to the fen; what rounding leaves goes onto
/// the largest part, so that the parts add up to `cost` exactly.
fn scaled(request: &Request, total: Decimal, cost: Decimal) -> Request {
    let mut out = request.clone();
    if total.is_zero() {
        // No cost yet: all of it compliant, on the first stay (or the first
        // outpatient cost of a household without stays).
        match (out.admissions.first_mut(), out.outpatient.first_mut()) {
            (Some(stay), _) => stay.compliant = cost,
            (None, Some(item)) => item.compliant = cost,
            (None, None) => {}
        }
        return out;
    }
    let share = |part: &mut Decimal| *part = round_yuan(*part * cost / total);
    for a in &mut out.admissions {
        share(&mut a.compliant);
        share(&mut a.out_of_policy);
    }
    for o in &mut out.outpatient {
        share(&mut o.compliant);
        share(&mut o.out_of_policy);
    }
    let sum: Decimal = out
        .admissions
        .iter()
        .map(|a| a.compliant + a.out_of_policy)
        .sum::<Decimal>()
        + out
            .outpatient
            .iter()
            .map(|o| o.compliant + o.out_of_policy)
            .sum::<Decimal>();
    let rest = cost - sum;
    if !rest.is_zero() {
        let stays = out
            .admissions
            .iter_mut()
            .flat_map(|a| [&mut a.compliant, &mut a.out_of_policy]);
        let outpatient = out
            .outpatient
            .iter_mut()
            .flat_map(|o| [&mut o.compliant, &mut o.out_of_policy]);
        if let Some(part) = stays.chain(outpatient).max_by_key(|part| **part) {
            *part += rest;
        }
    }
    out
}
