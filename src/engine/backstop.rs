//! Government backstop (政府兜底): for eligible categories, caps the compliant
//! cost the person still pays after every other layer, at a share of the
//! year's compliant cost and/or an amount; the backstop pays the excess.
//!
//! The share is kept exact (10% of 600,000.05 is 60,000.005): only the
//! backstop's payment is rounded, by the one rounding rule. Rounding the limit
//! first would let the person pay a fen more than the share allows.

use rust_decimal::Decimal;

use crate::choice::Choice;
use crate::describe::{Block, capitalised, optional, who_item};
use crate::money::round_yuan;
use crate::policy::{Backstop, Version};

use super::critical_illness::uncounted_step;
use super::trace::{Step, exact, num, yuan};
use super::{Context, LayerId, LayerPay, Ledger, coverage};

pub(super) fn pay<'v>(cx: &Context, b: &'v Backstop, ledger: &Ledger) -> LayerPay<'v> {
    let covered = b.who.includes(cx.request.category);
    let step = coverage(cx, LayerId::Backstop, covered, Some(&b.who));
    if !covered {
        return LayerPay::nothing(step);
    }
    let mut steps = vec![step];
    if cx.counted_compliant < cx.compliant_total {
        steps.push(uncounted_step(cx, LayerId::Backstop));
    }
    let left = ledger.counted_left(cx);
    let mut limit: Option<Decimal> = None;
    if let Some(share) = &b.max_share {
        let by_share = cx.counted_compliant * share.value;
        steps.push(
            Step::new(
                "个人自付不超过全年合规费用的一定比例",
                "Self-pay at most a share of the year's compliant cost",
            )
            .formula(text!(
                cx,
                "{} × {} = {}",
                num(cx.counted_compliant),
                share.display(),
                exact(by_share)
            ))
            .uses(share),
        );
        limit = Some(by_share);
    }
    if let Some(amount) = &b.max_amount {
        steps.push(
            Step::new(
                "个人自付不超过年度限额",
                "Self-pay at most an annual amount",
            )
            .formula(num(amount.value))
            .uses(amount),
        );
        limit = Some(limit.map_or(amount.value, |l| l.min(amount.value)));
    }
    let limit = limit.unwrap_or(left);
    let paid = (left - limit).max(Decimal::ZERO);
    steps.push(
        Step::new("兜底支付超出部分", "The backstop pays the excess").formula(text!(
            cx,
            "max(0, {} − {}) = {}",
            yuan(left),
            exact(limit),
            yuan(paid)
        )),
    );
    LayerPay::compliant(round_yuan(paid), steps)
}

pub(super) fn describe(backstop: &Backstop, _: &Version, b: &mut Vec<Block>) {
    b.push(Block::heading(
        3,
        "政府兜底",
        capitalised(LayerId::Backstop.name_en()),
    ));
    b.push(who_item(&backstop.who));
    optional(
        b,
        "个人自付不超过全年合规费用的",
        "Self-pay at most this share of the year's compliant cost",
        backstop.max_share.as_ref(),
    );
    optional(
        b,
        "个人自付年度上限",
        "Self-pay at most a year",
        backstop.max_amount.as_ref(),
    );
}
