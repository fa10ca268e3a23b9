//! General outpatient pooling (普通门诊统筹): the year's general outpatient
//! costs, each above what is left of the deductibles (per visit, then per
//! year), at the rate of its level, within the annual cap. It pays on costs
//! the later layers do not count.

use rust_decimal::Decimal;

use crate::choice::Choice;
use crate::describe::{Block, by_level, capitalised, optional, who_item};
use crate::money::round_yuan;
use crate::policy::{Outpatient, OutpatientKind, Version};

use super::basic::{Away, away};
use super::trace::{Step, num, yuan};
use super::{Context, Item, LayerId, LayerPay, Ledger, capped, coverage};

pub(super) fn pay<'v>(cx: &Context<'v>, o: &'v Outpatient, _: &Ledger) -> LayerPay<'v> {
    let items: Vec<(usize, &super::OutpatientCost)> = cx
        .request
        .outpatient
        .iter()
        .enumerate()
        .filter(|(_, item)| item.kind == OutpatientKind::General)
        .collect();
    if items.is_empty() {
        return LayerPay::nothing(Step::new("没有普通门诊费用", "No general outpatient costs"));
    }
    let request = cx.request;
    if !o.schemes.contains(&request.scheme) {
        return LayerPay::nothing(Step::new(
            text!(cx, "普通门诊统筹不覆盖{}", request.scheme.name_zh()),
            text!(
                cx,
                "General outpatient pooling does not cover the {}",
                request.scheme.name_en()
            ),
        ));
    }
    let mut steps = Vec::new();
    if let Some(who) = &o.who {
        let covered = who.includes(request.category);
        steps.push(coverage(cx, LayerId::Outpatient, covered, Some(who)));
        if !covered {
            return LayerPay {
                steps,
                ..LayerPay::compliant(Decimal::ZERO, Vec::new())
            };
        }
    }
    if let Some(max_age) = &o.max_age {
        let age = num(max_age.value);
        match request.age {
            Some(a) if Decimal::from(a) <= max_age.value => steps.push(
                Step::new(
                    text!(cx, "{a} 岁，在 {age} 岁及以下，享受门诊统筹"),
                    text!(cx, "Aged {a}, {age} or under: covered"),
                )
                .uses(max_age),
            ),
            Some(a) => {
                steps.push(
                    Step::new(
                        text!(cx, "{a} 岁，超过 {age} 岁：门诊统筹不支付"),
                        text!(cx, "Aged {a}, over {age}: not covered"),
                    )
                    .uses(max_age),
                );
                return LayerPay {
                    steps,
                    ..LayerPay::compliant(Decimal::ZERO, Vec::new())
                };
            }
            None => {
                steps.push(
                    Step::new(
                        text!(cx, "未填写年龄：按 {age} 岁以上计算，门诊统筹不支付"),
                        text!(cx, "No age given: counted as older than {age}, not covered"),
                    )
                    .uses(max_age)
                    .assumes_input(
                        "age",
                        format!(">{age}"),
                        format!("请求未填写年龄；该政策的普通门诊统筹只对 {age} 岁及以下的人，填写年龄即可计算"),
                        format!("The request gives no age; the policy's general outpatient pooling is for people aged {age} and under: give the age to use it"),
                    ),
                );
                return LayerPay {
                    steps,
                    ..LayerPay::compliant(Decimal::ZERO, Vec::new())
                };
            }
        }
    }

    let mut year_deductible_left = o.deductible.as_ref().map_or(Decimal::ZERO, |d| d.value);
    let mut total = Decimal::ZERO;
    for (i, item) in items {
        let n = i + 1;
        let (level_zh, level_en) = cx.level_names(item.level);
        let Some(rate) = o.rate.get(item.level) else {
            steps.push(Step::new(
                text!(
                    cx,
                    "第 {n} 项门诊（{level_zh}）：普通门诊统筹不在此级别支付"
                ),
                text!(
                    cx,
                    "Outpatient cost {n} ({level_en}): not paid at this level"
                ),
            ));
            continue;
        };
        let mut away = match away(cx, item.setting, Item::Outpatient(i), item.level) {
            Away::NotPaid(rule) => {
                steps.push(
                    Step::new(
                        text!(cx, "第 {n} 项门诊（{}）：不予报销", item.setting.name_zh()),
                        text!(
                            cx,
                            "Outpatient cost {n} ({}): not paid",
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
        let mut base = item.compliant;
        let mut figures = Vec::new();
        let mut formula = num(item.compliant);
        if let Some(per_visit) = &o.deductible_per_visit {
            let d = per_visit.value * Decimal::from(item.visits);
            base = (base - d).max(Decimal::ZERO);
            formula = text!(
                cx,
                "max(0, {formula} − {} × {})",
                num(per_visit.value),
                item.visits
            )
            .into_owned();
            figures.push(per_visit);
        }
        if let Some(d) = &o.deductible {
            let take = year_deductible_left.min(base);
            year_deductible_left = year_deductible_left - take;
            base = base - take;
            if !take.is_zero() {
                formula = text!(cx, "{formula} − {}", num(take)).into_owned();
            }
            figures.push(d);
        }
        let (rate_value, rate_text) = away.rate(cx, rate, None);
        let paid = base * rate_value;
        total = total + paid;
        steps.push(
            Step::new(
                text!(cx, "第 {n} 项门诊（{level_zh}）：合规费用扣除起付线后按比例报销"),
                text!(cx, "Outpatient cost {n} ({level_en}): compliant cost above the deductible, times the rate"),
            )
            .formula(if base == item.compliant {
                text!(cx, "{formula} × {rate_text} = {}", yuan(paid))
            } else {
                text!(cx, "({formula}) × {rate_text} = {}", yuan(paid))
            })
            .uses_all(figures)
            .uses(rate)
            .uses_all(away.rate_cut),
        );
    }
    if let Some(cap) = &o.annual_cap
        && total > cap.value
    {
        steps.push(capped(
            cx,
            text!(cx, "超过普通门诊统筹年度限额 {} 元", num(cap.value)),
            "Above the annual outpatient cap",
            total,
            cap,
        ));
        total = cap.value;
    }
    let paid = round_yuan(total);
    LayerPay {
        uncounted: paid,
        ..LayerPay::compliant(paid, steps)
    }
}

pub(super) fn describe(o: &Outpatient, version: &Version, b: &mut Vec<Block>) {
    let schemes: Vec<&str> = o.schemes.iter().map(|s| s.name_zh()).collect();
    let schemes_en: Vec<&str> = o.schemes.iter().map(|s| s.name_en()).collect();
    b.push(Block::heading(
        3,
        format!("普通门诊统筹（{}）", schemes.join("、")),
        format!(
            "{} ({})",
            capitalised(LayerId::Outpatient.name_en()),
            schemes_en.join(", ")
        ),
    ));
    if let Some(who) = &o.who {
        b.push(who_item(who));
    }
    optional(
        b,
        "年龄不超过（含本数）",
        "Aged at most (inclusive)",
        o.max_age.as_ref(),
    );
    optional(b, "年度起付线", "Annual deductible", o.deductible.as_ref());
    optional(
        b,
        "每次就诊起付线",
        "Deductible per visit",
        o.deductible_per_visit.as_ref(),
    );
    by_level(b, version, "报销比例", "Rate", &o.rate);
    let unpaid: Vec<_> = version
        .levels
        .iter()
        .filter(|l| o.rate.get(l.level).is_none())
        .collect();
    if !unpaid.is_empty() {
        let zh: Vec<&str> = unpaid.iter().map(|l| l.name_zh.as_str()).collect();
        let en: Vec<&str> = unpaid.iter().map(|l| l.name_en.as_str()).collect();
        b.push(Block::fact(
            format!("{}：普通门诊不报销", zh.join("、")),
            format!(
                "{}: general outpatient care is not paid",
                capitalised(&en.join(", "))
            ),
        ));
    }
    optional(b, "年度最高支付限额", "Annual cap", o.annual_cap.as_ref());
    b.push(Block::fact(
        "普通门诊费用（和它的报销）不计入大病保险、医疗救助等以后各层",
        "General outpatient costs (and what is paid of them) do not count for critical-illness insurance, medical assistance and the later layers",
    ));
}
