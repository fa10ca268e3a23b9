//! Costs given as their total only, as residents know their bill: split
//! into compliant and out-of-policy cost by the version's compliant share
//! for the hospital level (`compliant_share.<level>`, a figure like any
//! other: cited or assumed, and replaceable).
//!
//! compliant = total × share, rounded once by the one rounding rule
//! ([`crate::money::round_yuan`]); out_of_policy = total − compliant. The two
//! add up to the total exactly, so layers + out of pocket = total still holds.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::error::{Error, RequestError};
use crate::money::round_yuan;
use crate::policy::{Figure, Level, Version};

use super::Context;
use super::outcome::{Split, Yuan};
use super::request::{Item, Request};
use super::trace::{self, FigureUse, Step};

/// One cost given as its total, split.
pub(crate) struct Part<'v> {
    item: Item,
    level: Level,
    total: Decimal,
    share: &'v Figure,
    compliant: Decimal,
}

/// The request with every cost given as its total split (its `total` then
/// `None`), and the splits made; the request itself when there are none.
/// The copy leaves out the overrides, which the version already holds.
pub(crate) fn split<'r, 'v>(
    version: &'v Version,
    request: &'r Request,
) -> Result<(Cow<'r, Request>, Vec<Part<'v>>), Error> {
    let given = request.admissions.iter().any(|a| a.total.is_some())
        || request.outpatient.iter().any(|o| o.total.is_some());
    if !given {
        return Ok((Cow::Borrowed(request), Vec::new()));
    }
    let mut out = Request {
        policy: request.policy.clone(),
        admissions: request.admissions.clone(),
        outpatient: request.outpatient.clone(),
        overrides: Vec::new(),
        ..*request
    };
    let mut parts = Vec::new();
    for (i, a) in out.admissions.iter_mut().enumerate() {
        let cost = (&mut a.total, &mut a.compliant, &mut a.out_of_policy);
        parts.extend(split_one(version, Item::Stay(i), a.level, cost)?);
    }
    for (i, o) in out.outpatient.iter_mut().enumerate() {
        let cost = (&mut o.total, &mut o.compliant, &mut o.out_of_policy);
        parts.extend(split_one(version, Item::Outpatient(i), o.level, cost)?);
    }
    Ok((Cow::Owned(out), parts))
}

/// Splits one cost given as its total (`None` for one given in parts).
fn split_one<'v>(
    version: &'v Version,
    item: Item,
    level: Level,
    (total, compliant, out_of_policy): (&mut Option<Decimal>, &mut Decimal, &mut Decimal),
) -> Result<Option<Part<'v>>, Error> {
    let Some(amount) = total.take() else {
        return Ok(None);
    };
    let share = version
        .compliant_share
        .as_ref()
        .and_then(|shares| shares.get(level))
        .ok_or_else(|| Error::new(format!("{item}.total"), RequestError::NoCompliantShare))?;
    *compliant = round_yuan(amount * share.value);
    *out_of_policy = amount - *compliant;
    Ok(Some(Part {
        item,
        level,
        total: amount,
        share,
        compliant: *compliant,
    }))
}

impl Part<'_> {
    /// The split as the estimate gives it, its figure entered in `figures`
    /// (in summary mode only if assumed, for the estimate's assumptions).
    pub(crate) fn outcome(self, cx: &Context, figures: &mut Vec<FigureUse>) -> Split {
        let out_of_policy = self.total - self.compliant;
        let (level_zh, level_en) = cx.level_names(self.level);
        let (n, zh, en) = match self.item {
            Item::Stay(i) => (i + 1, "次住院", "stay"),
            Item::Outpatient(i) => (i + 1, "项门诊费用", "outpatient cost"),
        };
        let step = Step::new(
            text!(
                cx,
                "第 {n} {zh}只给了总费用：按{level_zh}合规费用约占总费用 {} 估算，其余为目录外费用",
                self.share.display()
            ),
            text!(
                cx,
                "{en} {n}: the total only given; its compliant cost is estimated at {} of the total, as at a {level_en}, the rest is out-of-policy cost",
                self.share.display()
            ),
        )
        .formula(text!(
            cx,
            "{} × {} = {}; {} − {} = {}",
            trace::num(self.total),
            self.share.display(),
            trace::yuan(self.compliant),
            trace::num(self.total),
            trace::yuan(self.compliant),
            trace::yuan(out_of_policy)
        ))
        .uses(self.share);
        let steps = if cx.explain {
            vec![step.explain(figures)]
        } else {
            step.note_assumptions(figures);
            Vec::new()
        };
        Split {
            item: self.item.to_string(),
            total: Yuan(self.total),
            parameter: self.share.path.clone(),
            share: self.share.display(),
            compliant: Yuan(self.compliant),
            out_of_policy: Yuan(out_of_policy),
            steps,
        }
    }
}
