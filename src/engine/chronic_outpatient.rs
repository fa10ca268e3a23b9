//! Chronic and special outpatient care (门诊慢特病): per disease group, the
//! year's costs above the group's deductible, at its rate, within its
//! annual cap and, where the policy says so, within what is left of basic
//! insurance's annual fund cap. Groups paid like a stay are basic
//! insurance's (`engine::basic`); the self-pay of groups counted with stays
//! is counted by the layers after this one.

use rust_decimal::Decimal;

use crate::choice::Choice;
use crate::describe::{Block, capitalised, disease_names, optional, statement_item};
use crate::money::round_yuan;
use crate::policy::{ChronicGroup, ChronicOutpatient, Version};

use super::basic::{Away, away};
use super::trace::{Step, num, yuan};
use super::{Context, Item, LayerId, LayerPay, Ledger, capped};

pub(super) fn pay<'v>(cx: &Context<'v>, c: &'v ChronicOutpatient, ledger: &Ledger) -> LayerPay<'v> {
    let request = cx.request;
    let mut steps = Vec::new();
    let (mut counted, mut uncounted) = (Decimal::ZERO, Decimal::ZERO);
    // Room left under basic insurance's annual fund cap, for the groups that share it.
    let mut fund_room = cx
        .version
        .basic_for(request.scheme)
        .and_then(|b| b.annual_cap.as_ref())
        .map(|cap| {
            (
                cap,
                (cap.value - ledger.by_layer[LayerId::Basic as usize]).max(Decimal::ZERO),
            )
        });
    for group in &c.groups {
        if group.paid_like_stay.is_some() {
            continue; // settled by basic insurance as stays
        }
        let items: Vec<(usize, &super::OutpatientCost)> = request
            .outpatient
            .iter()
            .enumerate()
            .filter(|&(i, _)| cx.outpatient_groups[i].is_some_and(|g| std::ptr::eq(g, group)))
            .collect();
        if items.is_empty() {
            continue;
        }
        let paid = pay_group(cx, group, &items, ledger, &mut fund_room, &mut steps);
        if group.counted_with_stays.is_some() {
            counted = counted + paid;
        } else {
            uncounted = uncounted + paid;
        }
    }
    for (i, (item, group)) in request
        .outpatient
        .iter()
        .zip(&cx.outpatient_groups)
        .enumerate()
    {
        if item.kind != crate::policy::OutpatientKind::General && group.is_none() {
            let n = i + 1;
            let disease = item
                .disease
                .as_deref()
                .and_then(|d| cx.version.disease(d))
                .map_or(("", ""), |d| (d.name_zh.as_str(), d.name_en.as_str()));
            steps.push(Step::new(
                text!(
                    cx,
                    "第 {n} 项门诊（{}）：不在本政策{}的病种内，门诊慢特病不支付",
                    disease.0,
                    item.kind.name_zh()
                ),
                text!(
                    cx,
                    "Outpatient cost {n} ({}): not among the policy's diseases for {}; not paid",
                    disease.1,
                    item.kind.name_en()
                ),
            ));
        }
    }
    if steps.is_empty() {
        steps.push(Step::new(
            "没有门诊慢特病费用",
            "No chronic or special outpatient costs",
        ));
    }
    LayerPay {
        uncounted,
        ..LayerPay::compliant(counted + uncounted, steps)
    }
}

/// One group's payment for its items, rounded.
fn pay_group<'v>(
    cx: &Context<'v>,
    group: &'v ChronicGroup,
    items: &[(usize, &super::OutpatientCost)],
    ledger: &Ledger,
    fund_room: &mut Option<(&'v crate::policy::Figure, Decimal)>,
    steps: &mut Vec<Step<'v>>,
) -> Decimal {
    // A group without its own rate is paid like a stay (checked when read).
    let Some(rate) = &group.rate else {
        return Decimal::ZERO;
    };
    let mut deductible_left = group.deductible.as_ref().map_or(Decimal::ZERO, |d| d.value);
    if let (Some(shared), Some(d)) = (&group.shares_inpatient_deductible, &group.deductible) {
        let taken = ledger.inpatient_deductibles;
        deductible_left = (deductible_left - taken).max(Decimal::ZERO);
        steps.push(
            Step::new(
                text!(
                    cx,
                    "{}的起付线与住院合并计算：减去今年住院已付的起付线",
                    group.name_zh
                ),
                text!(
                    cx,
                    "{}: one deductible with the stays', less what the stays' deductibles took",
                    group.name_en
                ),
            )
            .formula(text!(
                cx,
                "max(0, {} − {}) = {}",
                num(d.value),
                yuan(taken),
                yuan(deductible_left)
            ))
            .uses(d)
            .cites(shared),
        );
    }
    let mut total = Decimal::ZERO;
    for &(i, item) in items {
        let n = i + 1;
        let (level_zh, level_en) = cx.level_names(item.level);
        let mut away = match away(cx, item.setting, Item::Outpatient(i), item.level) {
            Away::NotPaid(rule) => {
                steps.push(
                    Step::new(
                        text!(
                            cx,
                            "第 {n} 项门诊（{}，{}）：不予报销",
                            group.name_zh,
                            item.setting.name_zh()
                        ),
                        text!(
                            cx,
                            "Outpatient cost {n} ({}, {}): not paid",
                            group.name_en,
                            item.setting.name_en()
                        ),
                    )
                    .cites(rule),
                );
                continue;
            }
            Away::Paid(away) => away,
        };
        steps.extend(away.assumed.take());
        let take = deductible_left.min(item.compliant);
        deductible_left = deductible_left - take;
        let base = item.compliant - take;
        let (rate_value, rate_text) = away.rate(cx, rate, None);
        let paid = base * rate_value;
        total = total + paid;
        steps.push(
            Step::new(
                text!(cx, "第 {n} 项门诊（{}，{level_zh}）：扣除年度起付线后按比例报销", group.name_zh),
                text!(cx, "Outpatient cost {n} ({}, {level_en}): above the annual deductible, times the rate", group.name_en),
            )
            .formula(text!(cx, "({} − {}) × {rate_text} = {}", num(item.compliant), num(take), yuan(paid)))
            .uses_all(group.deductible.as_ref())
            .uses(rate)
            .uses_all(away.rate_cut),
        );
    }
    if let Some(cap) = &group.annual_cap
        && total > cap.value
    {
        steps.push(capped(
            cx,
            text!(cx, "超过{}年度限额 {} 元", group.name_zh, num(cap.value)),
            text!(cx, "Above the annual limit of {}", group.name_en),
            total,
            cap,
        ));
        total = cap.value;
    }
    if let (Some(shared), Some((cap, room))) = (&group.shares_fund_cap, fund_room.as_mut()) {
        if total > *room {
            steps.push(
                Step::new(
                    "与住院共用统筹基金年度最高支付限额，只付剩余额度",
                    "Shares basic insurance's annual fund cap with the stays: only what is left of it",
                )
                .formula(text!(cx, "min({}, {}) = {}", yuan(total), yuan(*room), yuan(*room)))
                .uses(cap)
                .cites(shared),
            );
            total = *room;
        }
        let paid = round_yuan(total);
        *room = *room - paid;
        return paid;
    }
    round_yuan(total)
}

pub(super) fn describe(c: &ChronicOutpatient, version: &Version, b: &mut Vec<Block>) {
    b.push(Block::heading(
        3,
        "门诊慢特病",
        capitalised(LayerId::ChronicOutpatient.name_en()),
    ));
    for group in &c.groups {
        let (schemes, schemes_en) = if group.schemes == version.schemes {
            (String::new(), String::new())
        } else {
            let names: Vec<&str> = group.schemes.iter().map(|s| s.name_zh()).collect();
            let names_en: Vec<&str> = group.schemes.iter().map(|s| s.name_en()).collect();
            (
                format!("；{}", names.join("、")),
                format!("; {}", names_en.join(", ")),
            )
        };
        let (diseases, diseases_en) = disease_names(version, &group.diseases);
        b.push(Block::fact(
            format!(
                "{}（{}{schemes}），病种：{diseases}",
                group.name_zh,
                group.kind.name_zh(),
            ),
            format!(
                "{} ({}{schemes_en}), diseases: {diseases_en}",
                capitalised(&group.name_en),
                group.kind.name_en(),
            ),
        ));
        optional(
            b,
            "　年度起付线",
            "Annual deductible",
            group.deductible.as_ref(),
        );
        optional(b, "　报销比例", "Rate", group.rate.as_ref());
        optional(b, "　年度限额", "Annual cap", group.annual_cap.as_ref());
        if let Some(s) = &group.shares_fund_cap {
            b.push(statement_item(
                "　与住院共用基本医保统筹基金年度最高支付限额",
                "Shares basic insurance's annual cap with the stays",
                s,
            ));
        }
        if let Some(s) = &group.paid_like_stay {
            b.push(statement_item(
                "　按住院报销（所在级别的起付线、报销比例，与住院共用封顶线）",
                "Paid like a stay (the level's deductible and rate, the stays' cap)",
                s,
            ));
        }
        if let Some(s) = &group.shares_inpatient_deductible {
            b.push(statement_item(
                "　起付线与住院合并计算",
                "One deductible with the stays",
                s,
            ));
        }
        if let Some(s) = &group.counted_with_stays {
            b.push(statement_item(
                "　报销后的自付部分与住院合并，计入大病保险、医疗救助、补充医疗保险和政府兜底",
                "What is left to pay counts with the stays for critical-illness insurance, medical assistance, supplementary insurance and the backstop",
                s,
            ));
        } else if group.paid_like_stay.is_none() {
            b.push(Block::fact(
                "　报销后的自付部分不计入大病保险等以后各层",
                "What is left to pay does not count for critical-illness insurance and the later layers",
            ));
        }
    }
}
