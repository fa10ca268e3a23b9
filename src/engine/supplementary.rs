//! Supplementary insurance (补充医疗保险): for eligible categories, once per
//! year, on the compliant self-pay its policy names (after basic + critical
//! illness, or after medical assistance too) above an annual threshold, up
//! to an annual maximum. Stays below the threshold add up over the year.

use rust_decimal::Decimal;

use crate::choice::Choice;
use crate::describe::{Block, figure_item, optional, who_item};
use crate::money::round_yuan;
use crate::policy::{Supplementary, SupplementaryBase, Version};

use super::trace::{Step, num, yuan};
use super::{Context, LayerId, LayerPay, Ledger, coverage};

pub(super) fn pay<'v>(cx: &Context, s: &'v Supplementary, ledger: &Ledger) -> LayerPay<'v> {
    let covered = s.who.includes(cx.request.category);
    let step = coverage(cx, LayerId::Supplementary, covered, Some(&s.who));
    if !covered {
        return LayerPay::nothing(step);
    }
    let mut steps = vec![step];
    let paid_before = match s.base {
        SupplementaryBase::AfterCriticalIllness => {
            ledger.compliant_paid_by(&[LayerId::Basic, LayerId::CriticalIllness])
        }
        SupplementaryBase::AfterMedicalAssistance => ledger.compliant,
    };
    let base = cx.compliant_total - paid_before;
    steps.push(
        Step::new(
            text!(cx, "计算基数：{}", s.base.name_zh()),
            text!(cx, "Base: {}", s.base.name_en()),
        )
        .formula(text!(
            cx,
            "{} − {} = {}",
            num(cx.compliant_total),
            yuan(paid_before),
            yuan(base)
        )),
    );
    let above = (base - s.threshold.value).max(Decimal::ZERO);
    let mut paid = above * s.rate.value;
    steps.push(
        Step::new(
            "全年累计超过起付线的部分按比例支付",
            "The year's amount above the threshold, times the rate",
        )
        .formula(text!(
            cx,
            "max(0, {} − {}) × {} = {}",
            yuan(base),
            num(s.threshold.value),
            s.rate.display(),
            yuan(paid)
        ))
        .uses(&s.threshold)
        .uses(&s.rate),
    );
    if let Some(max) = &s.annual_max
        && paid > max.value
    {
        steps.push(
            Step::new(
                text!(cx, "超过年度最高赔付 {} 元", num(max.value)),
                "Above the annual maximum",
            )
            .formula(text!(
                cx,
                "min({}, {}) = {}",
                yuan(paid),
                num(max.value),
                yuan(max.value)
            ))
            .uses(max),
        );
        paid = max.value;
    }
    // Where the base counts before medical assistance, that layer may already
    // have paid part of it: never pay more than is still unpaid.
    let unpaid = cx.compliant_total - ledger.compliant;
    if paid > unpaid {
        steps.push(
            Step::new(
                "不超过仍未报销的合规自付费用",
                "No more than the compliant self-pay still unpaid",
            )
            .formula(text!(
                cx,
                "min({}, {}) = {}",
                yuan(paid),
                yuan(unpaid),
                yuan(unpaid)
            )),
        );
        paid = unpaid;
    }
    LayerPay::compliant(round_yuan(paid), steps)
}

pub(super) fn describe(s: &Supplementary, _: &Version, b: &mut Vec<Block>) {
    b.push(Block::heading(3, "补充医疗保险"));
    b.push(who_item(&s.who));
    b.push(Block::fact(format!("计算基数：{}", s.base.name_zh())));
    b.push(figure_item("年度起付线", &s.threshold));
    b.push(figure_item("赔付比例", &s.rate));
    optional(b, "年度最高赔付", s.annual_max.as_ref());
    optional(b, "保费（每人每年）", s.premium.as_ref());
}
