//! Medical assistance (医疗救助): for eligible categories only, a ratio of
//! the compliant self-pay left after the layers before it (above an optional
//! deductible), within the annual limit. A category may have a group for
//! listed serious diseases (重特大疾病救助) and one for any care: the listed
//! group takes the share of the self-pay in proportion to the compliant cost
//! of care for those diseases, the other group the rest. With 二次救助 the
//! out-of-policy cost is covered too, where a threshold is set only on the
//! year's remaining self-pay above it.

use rust_decimal::Decimal;

use crate::choice::Choice;
use crate::describe::{Block, capitalised, disease_names, figure_item, optional, who_item};
use crate::money::round_yuan;
use crate::policy::{AssistanceGroup, MedicalAssistance, Version};

use super::critical_illness::uncounted_step;
use super::trace::{Step, num, yuan};
use super::{Context, LayerId, LayerPay, Ledger, capped, coverage};

pub(super) fn pay<'v>(
    cx: &Context<'v>,
    ma: &'v MedicalAssistance,
    ledger: &Ledger,
) -> LayerPay<'v> {
    let (listed, any) = ma.groups_for(cx.request.category);
    let Some(first) = any.or(listed) else {
        return LayerPay::nothing(coverage(cx, LayerId::MedicalAssistance, false, None));
    };
    let mut steps = vec![coverage(
        cx,
        LayerId::MedicalAssistance,
        true,
        Some(&first.who),
    )];
    if cx.counted_compliant < cx.compliant_total {
        steps.push(uncounted_step(cx, LayerId::MedicalAssistance));
    }
    let left = ledger.counted_left(cx);
    steps.push(
        Step::new(
            "前面各项报销后剩余的合规自付费用",
            "Compliant self-pay left after the layers before",
        )
        .formula(text!(
            cx,
            "{} − {} = {}",
            num(cx.counted_compliant),
            yuan(ledger.counted_paid()),
            yuan(left)
        ))
        .cites_all(&cx.counted_with_stays),
    );

    // The self-pay each group assists: the listed diseases' share, the rest.
    let mut parts: Vec<(&'v AssistanceGroup, Decimal)> = Vec::new();
    let mut rest = left;
    if let Some(group) = listed {
        let for_listed = cx.counted_compliant_for(&group.diseases);
        let names = disease_names(cx.version, &group.diseases);
        if for_listed.is_zero() {
            steps.push(Step::new(
                text!(cx, "没有{}的费用，不适用重特大疾病救助比例", names.0),
                text!(
                    cx,
                    "No care for {}: the serious-disease ratio does not apply",
                    names.1
                ),
            ));
        } else {
            let (base, step) = if for_listed == cx.counted_compliant {
                // All of it: no share to work out.
                let step = Step::new(
                    text!(cx, "全部合规费用都是{}的，按重特大疾病救助", names.0),
                    text!(
                        cx,
                        "All the compliant cost is for {}: assisted as serious-disease care",
                        names.1
                    ),
                );
                (left, step)
            } else {
                let base = left * for_listed / cx.counted_compliant;
                let step = Step::new(
                    text!(cx, "其中{}的费用按所占比例计入重特大疾病救助", names.0),
                    text!(
                        cx,
                        "The share for {} is assisted as serious-disease care",
                        names.1
                    ),
                )
                .formula(text!(
                    cx,
                    "{} × {} ÷ {} = {}",
                    yuan(left),
                    num(for_listed),
                    num(cx.counted_compliant),
                    yuan(base)
                ));
                (base, step)
            };
            rest = left - base;
            steps.push(
                step.cites(&group.who.statement)
                    .cites_all(&cx.listed_with_care(&group.diseases)),
            );
            parts.push((group, base));
        }
    }
    if let Some(group) = any
        && (parts.is_empty() || !rest.is_zero())
    {
        if !parts.is_empty() {
            steps.push(
                Step::new(
                    "其余费用按一般医疗救助",
                    "The rest is assisted as other care",
                )
                .formula(text!(
                    cx,
                    "{} − {} = {}",
                    yuan(left),
                    yuan(left - rest),
                    yuan(rest)
                )),
            );
        }
        parts.push((group, rest));
    }

    let mut compliant = Decimal::ZERO;
    let mut second: Option<(&'v AssistanceGroup, Option<Decimal>)> = None;
    for (group, base) in parts {
        let (paid, room) = assist(cx, group, base, &mut steps);
        compliant = compliant + paid;
        if second.is_none() && group.out_of_policy_ratio.is_some() {
            second = Some((group, room));
        }
    }
    // In a year whose care is all for listed diseases, the group for any
    // care has no share of the self-pay, but its 二次救助 still covers the
    // out-of-policy cost: one fen of other care must not switch it on.
    if second.is_none()
        && let Some(group) = any.filter(|g| g.out_of_policy_ratio.is_some())
    {
        second = Some((group, group.annual_limit.as_ref().map(|l| l.value)));
    }

    let mut out_of_policy = Decimal::ZERO;
    if let Some((group, room)) = second
        && let Some(ratio) = &group.out_of_policy_ratio
    {
        let oop = cx.counted_out_of_policy;
        let eligible = match &group.second_threshold {
            None => oop,
            Some(threshold) => {
                let remaining = left - compliant + oop;
                let above = (remaining - threshold.value).max(Decimal::ZERO).min(oop);
                steps.push(
                    Step::new(
                        "二次救助：全年剩余自付（合规部分和目录外费用）超过二次救助起付线的部分，以目录外费用为限",
                        "Second assistance: the year's remaining self-pay above its threshold, up to the out-of-policy cost",
                    )
                    .formula(text!(
                        cx,
                        "min({}, max(0, {} − {} + {} − {})) = {}",
                        num(oop),
                        yuan(left),
                        yuan(compliant),
                        num(oop),
                        num(threshold.value),
                        yuan(above)
                    ))
                    .uses(threshold),
                );
                above
            }
        };
        // The request's amount as given, or the amount worked out above.
        let shown = if group.second_threshold.is_some() {
            yuan(eligible)
        } else {
            num(eligible)
        };
        let wanted = eligible * ratio.value;
        out_of_policy = round_yuan(room.map_or(wanted, |r| wanted.min(r.max(Decimal::ZERO))));
        let formula = match room {
            Some(r) if wanted > r => text!(
                cx,
                "min({} × {}, {}) = {}",
                shown,
                ratio.display(),
                yuan(r),
                yuan(out_of_policy)
            ),
            _ => text!(
                cx,
                "{} × {} = {}",
                shown,
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
        out_of_policy,
        ..LayerPay::compliant(compliant, steps)
    }
}

/// One group's assistance on `base`: its payment, rounded, and the room
/// left under its annual limit (`None`: no limit).
fn assist<'v>(
    cx: &Context,
    group: &'v AssistanceGroup,
    base: Decimal,
    steps: &mut Vec<Step<'v>>,
) -> (Decimal, Option<Decimal>) {
    let mut base_after = base;
    if let Some(d) = &group.deductible {
        base_after = (base - d.value).max(Decimal::ZERO);
        steps.push(
            Step::new("扣除医疗救助起付线", "Less the assistance deductible")
                .formula(text!(
                    cx,
                    "max(0, {} − {}) = {}",
                    yuan(base),
                    num(d.value),
                    yuan(base_after)
                ))
                .uses(d),
        );
    }
    let mut paid = base_after * group.ratio.value;
    steps.push(
        Step::new("按救助比例救助", "Times the assistance ratio")
            .formula(text!(
                cx,
                "{} × {} = {}",
                yuan(base_after),
                group.ratio.display(),
                yuan(paid)
            ))
            .uses(&group.ratio),
    );
    let room = group.annual_limit.as_ref().map(|l| l.value);
    if let (Some(limit), Some(r)) = (&group.annual_limit, room)
        && paid > r
    {
        steps.push(capped(
            cx,
            text!(cx, "超过年度救助限额 {} 元，按限额救助", num(r)),
            "Above the annual limit: the limit is paid",
            paid,
            limit,
        ));
        paid = r;
    }
    let paid = round_yuan(paid);
    (paid, room.map(|r| r - paid))
}

pub(super) fn describe(ma: &MedicalAssistance, version: &Version, b: &mut Vec<Block>) {
    b.push(Block::heading(
        3,
        "医疗救助",
        capitalised(LayerId::MedicalAssistance.name_en()),
    ));
    for group in &ma.groups {
        b.push(who_item(&group.who));
        if !group.diseases.is_empty() {
            let (names, names_en) = disease_names(version, &group.diseases);
            b.push(Block::fact(
                format!("　救助比例只用于以下疾病的费用（按其占全年费用的份额）：{names}"),
                format!("The ratio applies only to the cost of these diseases (by their share of the year's cost): {names_en}"),
            ));
        }
        b.push(figure_item("　救助比例", "Assistance ratio", &group.ratio));
        optional(
            b,
            "　救助起付线（年度）",
            "Assistance deductible (a year)",
            group.deductible.as_ref(),
        );
        optional(
            b,
            "　年度救助限额",
            "Annual assistance limit",
            group.annual_limit.as_ref(),
        );
        optional(
            b,
            "　二次救助：目录外费用救助比例",
            "Second assistance: ratio on out-of-policy cost",
            group.out_of_policy_ratio.as_ref(),
        );
        optional(
            b,
            "　二次救助起付线（年度剩余自付）",
            "Second assistance: threshold (the year's remaining self-pay)",
            group.second_threshold.as_ref(),
        );
    }
}
