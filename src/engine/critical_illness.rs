//! Critical-illness insurance (大病保险): once per year, on the compliant
//! self-pay left after basic insurance (its deductibles included), above an
//! annual threshold, in segments with their own rates, within an annual cap.
//! A category tilt lowers the threshold, raises the rates (by points or to
//! one flat rate) or removes the cap.

use rust_decimal::Decimal;

use crate::describe::{
    Block, capitalised, disease_names, figure_item, optional, statement_item, who_item,
};
use crate::money::round_yuan;
use crate::policy::figure::display_value;
use crate::policy::{CriticalIllness, Figure, SegmentBounds, Tilt, Unit, Version};

use crate::choice::Choice;

use super::trace::{Step, exact, num, yuan};
use super::{Context, LayerId, LayerPay, Ledger, capped};

pub(super) fn pay<'v>(cx: &Context<'v>, ci: &'v CriticalIllness, ledger: &Ledger) -> LayerPay<'v> {
    if !ci.schemes.contains(&cx.request.scheme) {
        return LayerPay::nothing(Step::new(
            text!(cx, "大病保险不覆盖{}", cx.request.scheme.name_zh()),
            text!(
                cx,
                "Critical-illness insurance does not cover the {}",
                cx.request.scheme.name_en()
            ),
        ));
    }
    let mut steps = Vec::new();
    let base = ledger.counted_left(cx);
    if cx.counted_compliant < cx.compliant_total {
        steps.push(uncounted_step(cx, LayerId::CriticalIllness));
    }
    steps.push(
        Step::new(
            "全年合规费用减去基本医保已付，为大病保险的计算基数",
            "The year's compliant cost less what basic insurance paid is the base",
        )
        .formula(text!(
            cx,
            "{} − {} = {}",
            num(cx.counted_compliant),
            yuan(ledger.counted_paid()),
            yuan(base)
        ))
        .cites_all(&cx.counted_with_stays),
    );

    // A tilt for listed diseases, in a year with care for one, before a tilt for any year.
    let applies = |t: &&Tilt| {
        t.who.includes(cx.request.category)
            && (t.diseases.is_empty() || cx.has_care_for(&t.diseases))
    };
    let tilt = ci
        .tilts
        .iter()
        .filter(applies)
        .max_by_key(|t| !t.diseases.is_empty());
    if let Some(t) = tilt {
        steps.push(
            Step::new(
                "本类人员享受大病保险倾斜政策",
                "This category gets the critical-illness tilt",
            )
            .cites(&t.who.statement)
            .cites_all(&cx.listed_with_care(&t.diseases)),
        );
    }
    let mut threshold = ci.threshold.value;
    let mut shifted: Option<&Tilt> = None;
    let mut threshold_step = Step::new("年度起付线", "Annual threshold").uses(&ci.threshold);
    if let Some(t) = tilt
        && let Some(factor) = &t.threshold_factor
    {
        threshold *= factor.value;
        if t.segment_bounds == SegmentBounds::Shifted {
            shifted = Some(t);
        }
        threshold_step = Step::new(
            "对本类人员，起付线按比例计算",
            "For this category the threshold is scaled",
        )
        .formula(text!(
            cx,
            "{} × {} = {}",
            num(ci.threshold.value),
            factor.display(),
            exact(threshold)
        ))
        .uses(&ci.threshold)
        .uses(factor);
    } else {
        threshold_step = threshold_step.formula(num(threshold));
    }
    steps.push(threshold_step);

    // Each segment bound lowered by as much as the threshold was.
    let shift = ci.threshold.value - threshold;
    if let Some(t) = shifted.filter(|_| ci.segments.len() > 1) {
        steps.push(
            Step::new(
                "分段上限随起付线一起降低",
                "The segment bounds move down with the threshold",
            )
            .formula(text!(cx, "− {}", exact(shift)))
            .uses_all(t.threshold_factor.as_ref()),
        );
    }
    let shift = if shifted.is_some() {
        shift
    } else {
        Decimal::ZERO
    };
    // (lower bound, upper bound, rate, figures behind the rate) per segment.
    let points = tilt.and_then(|t| t.rate_points.as_ref());
    let segments: Vec<(Decimal, Option<Decimal>, Decimal, Vec<&Figure>)> =
        match tilt.and_then(|t| t.flat_rate.as_ref()) {
            Some(flat) => vec![(threshold, None, flat.value, vec![flat])],
            None => {
                let mut lower = threshold;
                ci.segments
                    .iter()
                    .map(|s| {
                        let upper = s.up_to.as_ref().map(|f| f.value - shift);
                        let rate = s.rate.value + points.map_or(Decimal::ZERO, |p| p.value);
                        let mut figures: Vec<&Figure> = s.up_to.iter().collect();
                        figures.push(&s.rate);
                        figures.extend(points);
                        let segment = (lower, upper, rate, figures);
                        lower = upper.unwrap_or(lower);
                        segment
                    })
                    .collect()
            }
        };

    let mut total = Decimal::ZERO;
    for (lower, upper, rate, figures) in &segments {
        let top = upper.map_or(base, |u| u.min(base));
        let part = (top - lower).max(Decimal::ZERO);
        if part.is_zero() && base <= *lower {
            continue;
        }
        let paid = part * rate;
        total = total + paid;
        let (range_zh, range_en) = match upper {
            Some(u) => (
                text!(cx, "{}–{} 元", num(*lower), num(*u)),
                text!(cx, "{}–{} yuan", num(*lower), num(*u)),
            ),
            None => (
                text!(cx, "{} 元以上", num(*lower)),
                text!(cx, "above {} yuan", num(*lower)),
            ),
        };
        let rate_text = display_value(*rate, Unit::Percent);
        let mut step = Step::new(
            text!(cx, "{range_zh}的部分按 {rate_text} 支付"),
            text!(cx, "The part {range_en} is paid at {rate_text}"),
        )
        .formula(text!(
            cx,
            "({} − {}) × {} = {}",
            yuan(top),
            num(*lower),
            rate_text,
            yuan(paid)
        ));
        for figure in figures {
            step = step.uses(figure);
        }
        steps.push(step);
    }
    if base <= threshold {
        steps.push(
            Step::new(
                "未超过起付线，大病保险不支付",
                "Below the threshold: nothing is paid",
            )
            .formula(text!(cx, "{} ≤ {} → 0.00", yuan(base), num(threshold))),
        );
    }

    let cap_removed = tilt.and_then(|t| t.cap_removed.as_ref());
    match (&ci.annual_cap, cap_removed) {
        (Some(cap), None) if total > cap.value => {
            steps.push(capped(
                cx,
                text!(cx, "超过年度封顶线 {} 元，按封顶线支付", num(cap.value)),
                "Above the annual cap: the cap is paid",
                total,
                cap,
            ));
            total = cap.value;
        }
        (Some(_), Some(removed)) => {
            steps.push(
                Step::new("本类人员不设封顶线", "No annual cap for this category").cites(removed),
            );
        }
        _ => {}
    }
    LayerPay::compliant(round_yuan(total), steps)
}

/// The step saying which outpatient costs a later layer does not count.
pub(super) fn uncounted_step<'v>(cx: &Context, layer: LayerId) -> Step<'v> {
    let uncounted = cx.compliant_total - cx.counted_compliant;
    Step::new(
        text!(
            cx,
            "{} 元合规费用不计入{}：普通门诊、未与住院合并计算的门诊和不予报销的就医不在其范围内",
            num(uncounted),
            layer.name_zh()
        ),
        text!(
            cx,
            "{} yuan of compliant cost is not counted by {}: general outpatient care, outpatient care not counted with stays, and care that is not paid",
            num(uncounted),
            layer.name_en()
        ),
    )
}

pub(super) fn describe(ci: &CriticalIllness, version: &Version, b: &mut Vec<Block>) {
    let schemes: Vec<&str> = ci.schemes.iter().map(|s| s.name_zh()).collect();
    let schemes_en: Vec<&str> = ci.schemes.iter().map(|s| s.name_en()).collect();
    b.push(Block::heading(
        3,
        format!("大病保险（{}）", schemes.join("、")),
        format!(
            "{} ({})",
            capitalised(LayerId::CriticalIllness.name_en()),
            schemes_en.join(", ")
        ),
    ));
    b.push(figure_item("年度起付线", "Annual threshold", &ci.threshold));
    for (i, segment) in ci.segments.iter().enumerate() {
        let n = i + 1;
        optional(
            b,
            &format!("第 {n} 段上限"),
            &format!("Segment {n}: upper bound"),
            segment.up_to.as_ref(),
        );
        b.push(figure_item(
            &format!("第 {n} 段支付比例"),
            &format!("Segment {n}: rate"),
            &segment.rate,
        ));
    }
    optional(b, "年度封顶线", "Annual cap", ci.annual_cap.as_ref());
    for tilt in &ci.tilts {
        b.push(who_item(&tilt.who));
        optional(
            b,
            "　起付线按此比例计",
            "Threshold multiplied by",
            tilt.threshold_factor.as_ref(),
        );
        optional(
            b,
            "　各段比例提高（百分点）",
            "Each segment's rate raised by (points)",
            tilt.rate_points.as_ref(),
        );
        optional(
            b,
            "　统一支付比例",
            "One rate for all",
            tilt.flat_rate.as_ref(),
        );
        if let Some(removed) = &tilt.cap_removed {
            b.push(statement_item("　不设封顶线", "No annual cap", removed));
        }
        if !tilt.diseases.is_empty() {
            let (names, names_en) = disease_names(version, &tilt.diseases);
            b.push(Block::fact(
                format!("　仅限这一年有以下疾病的住院或门诊：{names}"),
                format!("Only for a year with a stay or outpatient care for: {names_en}"),
            ));
        }
        if tilt.segment_bounds == SegmentBounds::Shifted {
            b.push(Block::fact(
                format!("　{}", tilt.segment_bounds.name_zh()),
                capitalised(tilt.segment_bounds.name_en()),
            ));
        }
    }
}
