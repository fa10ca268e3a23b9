//! Supplementary insurance (补充医疗保险): for eligible categories, once per
//! year, on the compliant self-pay its policy names (after basic + critical
//! illness, or after medical assistance too) above an annual threshold, up
//! to an annual maximum. Stays below the threshold add up over the year.

use rust_decimal::Decimal;

use crate::choice::Choice;
use crate::describe::{Block, capitalised, figure_item, optional, who_item};
use crate::money::round_yuan;
use crate::policy::{Supplementary, SupplementaryBase, Version};

use super::critical_illness::uncounted_step;
use super::trace::{Step, num, yuan};
use super::{Context, LayerId, LayerPay, Ledger, capped, coverage};

pub(super) fn pay<'v>(cx: &Context, s: &'v Supplementary, ledger: &Ledger) -> LayerPay<'v> {
    let covered = s.who.includes(cx.request.category);
    let step = coverage(cx, LayerId::Supplementary, covered, Some(&s.who));
    if !covered {
        return LayerPay::nothing(step);
    }
    let mut steps = vec![step];
    if cx.counted_compliant < cx.compliant_total {
        steps.push(uncounted_step(cx, LayerId::Supplementary));
    }
    // What is still unpaid: the most it may pay, compliant part first.
    let unpaid_compliant = ledger.counted_left(cx);
    let unpaid_out_of_policy = cx.counted_out_of_policy - ledger.out_of_policy;
    let (base, formula) = match s.base {
        SupplementaryBase::AfterCriticalIllness => {
            let paid_before = ledger.compliant_paid_by(&[
                LayerId::Basic,
                LayerId::ChronicOutpatient,
                LayerId::CriticalIllness,
            ]);
            let base = cx.counted_compliant - paid_before;
            let formula = text!(
                cx,
                "{} − {} = {}",
                num(cx.counted_compliant),
                yuan(paid_before),
                yuan(base)
            );
            (base, formula)
        }
        SupplementaryBase::AfterMedicalAssistance => {
            let formula = text!(
                cx,
                "{} − {} = {}",
                num(cx.counted_compliant),
                yuan(ledger.counted_paid()),
                yuan(unpaid_compliant)
            );
            (unpaid_compliant, formula)
        }
        SupplementaryBase::SelfPayAfterMedicalAssistance => {
            let base = unpaid_compliant + unpaid_out_of_policy;
            let formula = text!(
                cx,
                "{} + {} = {}",
                yuan(unpaid_compliant),
                yuan(unpaid_out_of_policy),
                yuan(base)
            );
            (base, formula)
        }
    };
    steps.push(
        Step::new(
            text!(cx, "计算基数：{}", s.base.name_zh()),
            text!(cx, "Base: {}", s.base.name_en()),
        )
        .formula(formula),
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
        steps.push(capped(
            cx,
            text!(cx, "超过年度最高赔付 {} 元", num(max.value)),
            "Above the annual maximum",
            paid,
            max,
        ));
        paid = max.value;
    }
    // Where the base counts before medical assistance, that layer may already
    // have paid part of it: never pay more than is still unpaid.
    let unpaid = match s.base {
        SupplementaryBase::SelfPayAfterMedicalAssistance => unpaid_compliant + unpaid_out_of_policy,
        _ => unpaid_compliant,
    };
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
    // The compliant self-pay first, then the out-of-policy cost.
    let paid = round_yuan(paid);
    let compliant = paid.min(unpaid_compliant);
    LayerPay {
        out_of_policy: paid - compliant,
        ..LayerPay::compliant(compliant, steps)
    }
}

pub(super) fn describe(s: &Supplementary, _: &Version, b: &mut Vec<Block>) {
    b.push(Block::heading(
        3,
        "补充医疗保险",
        capitalised(LayerId::Supplementary.name_en()),
    ));
    b.push(who_item(&s.who));
    b.push(Block::fact(
        format!("计算基数：{}", s.base.name_zh()),
        format!("Base: {}", s.base.name_en()),
    ));
    b.push(figure_item("年度起付线", "Annual threshold", &s.threshold));
    b.push(figure_item("赔付比例", "Rate", &s.rate));
    optional(b, "年度最高赔付", "Annual maximum", s.annual_max.as_ref());
    optional(
        b,
        "保费（每人每年）",
        "Premium (a person, a year)",
        s.premium.as_ref(),
    );
}
