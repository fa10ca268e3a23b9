//! Medical assistance (医疗救助): for eligible categories only, a ratio of
//! the compliant self-pay left after the layers before it (above an optional
//! deductible), and with 二次救助 also of the out-of-policy cost, within the
//! annual limit.

use rust_decimal::Decimal;

use crate::describe::{Block, figure_item, optional, who_item};
use crate::money::round_yuan;
use crate::policy::{MedicalAssistance, Version};

use super::trace::{Step, num, yuan};
use super::{Context, LayerId, LayerPay, Ledger, coverage};

pub(super) fn pay<'v>(cx: &Context, ma: &'v MedicalAssistance, ledger: &Ledger) -> LayerPay<'v> {
    let category = cx.request.category;
    let Some(group) = ma.groups.iter().find(|g| g.who.includes(category)) else {
        return LayerPay::nothing(coverage(cx, LayerId::MedicalAssistance, false, None));
    };
    let mut steps = vec![coverage(
        cx,
        LayerId::MedicalAssistance,
        true,
        Some(&group.who),
    )];

    let left = cx.compliant_total - ledger.compliant;
    steps.push(
        Step::new(
            "前面各项报销后剩余的合规自付费用",
            "Compliant self-pay left after the layers before",
        )
        .formula(text!(
            cx,
            "{} − {} = {}",
            num(cx.compliant_total),
            yuan(ledger.compliant),
            yuan(left)
        )),
    );
    let mut base = left;
    if let Some(d) = &group.deductible {
        base = (left - d.value).max(Decimal::ZERO);
        steps.push(
            Step::new("扣除医疗救助起付线", "Less the assistance deductible")
                .formula(text!(
                    cx,
                    "max(0, {} − {}) = {}",
                    yuan(left),
                    num(d.value),
                    yuan(base)
                ))
                .uses(d),
        );
    }
    let mut compliant = base * group.ratio.value;
    steps.push(
        Step::new("按救助比例救助", "Times the assistance ratio")
            .formula(text!(
                cx,
                "{} × {} = {}",
                yuan(base),
                group.ratio.display(),
                yuan(compliant)
            ))
            .uses(&group.ratio),
    );
    let mut room = group.annual_limit.as_ref().map(|l| l.value);
    if let (Some(limit), Some(r)) = (&group.annual_limit, room)
        && compliant > r
    {
        steps.push(
            Step::new(
                text!(cx, "超过年度救助限额 {} 元，按限额救助", num(r)),
                "Above the annual limit: the limit is paid",
            )
            .formula(text!(
                cx,
                "min({}, {}) = {}",
                yuan(compliant),
                num(r),
                yuan(r)
            ))
            .uses(limit),
        );
        compliant = r;
    }
    let compliant = round_yuan(compliant);
    room = room.map(|r| r - compliant);

    let mut out_of_policy = Decimal::ZERO;
    if let Some(ratio) = &group.out_of_policy_ratio {
        let wanted = cx.out_of_policy_total * ratio.value;
        out_of_policy = round_yuan(room.map_or(wanted, |r| wanted.min(r.max(Decimal::ZERO))));
        let formula = match room {
            Some(r) if wanted > r => text!(
                cx,
                "min({} × {}, {}) = {}",
                num(cx.out_of_policy_total),
                ratio.display(),
                yuan(r),
                yuan(out_of_policy)
            ),
            _ => text!(
                cx,
                "{} × {} = {}",
                num(cx.out_of_policy_total),
                ratio.display(),
                yuan(out_of_policy)
            ),
        };
        steps.push(
            Step::new(
                "二次救助：目录外费用也按比例救助（在年度限额内）",
                "Second assistance: out-of-policy cost is also covered (within the annual limit)",
            )
            .formula(formula)
            .uses(ratio)
            .uses_all(group.annual_limit.as_ref()),
        );
    }
    LayerPay {
        compliant,
        out_of_policy,
        steps,
    }
}

pub(super) fn describe(ma: &MedicalAssistance, _: &Version, b: &mut Vec<Block>) {
    b.push(Block::heading(3, "医疗救助"));
    for group in &ma.groups {
        b.push(who_item(&group.who));
        b.push(figure_item("　救助比例", &group.ratio));
        optional(b, "　救助起付线（年度）", group.deductible.as_ref());
        optional(b, "　年度救助限额", group.annual_limit.as_ref());
        optional(
            b,
            "　二次救助：目录外费用救助比例",
            group.out_of_policy_ratio.as_ref(),
        );
    }
}
