//! Basic medical insurance (基本医保): per stay, the compliant cost above the
//! deductible times the rate of the hospital level, within the annual fund
//! cap; a large-amount top-up (大额医疗补助) pays a share of what the cap left.

use rust_decimal::Decimal;

use crate::choice::Choice;
use crate::describe::{
    Block, by_level, capitalised, disease_names, figure_item, optional, who_item,
};
use crate::money::round_yuan;
use crate::policy::{Basic, BasicInsurance, Figure, Level, Setting, Statement, Version};

use super::trace::{Step, num, yuan};
use super::{Context, Item, LayerId, LayerPay, Ledger};

pub(super) fn pay<'v>(cx: &Context<'v>, insurance: &'v BasicInsurance, _: &Ledger) -> LayerPay<'v> {
    // Every scheme of a version has its basic insurance (policy::basic), and
    // the request's scheme is one of the version's (checked before).
    match insurance.for_scheme(cx.request.scheme) {
        Some(basic) => pay_scheme(cx, basic),
        None => LayerPay::compliant(Decimal::ZERO, Vec::new()),
    }
}

fn pay_scheme<'v>(cx: &Context<'v>, basic: &'v Basic) -> LayerPay<'v> {
    if cx.stays().next().is_none() {
        return LayerPay::nothing(Step::new("没有住院费用", "No hospital stays"));
    }
    let mut steps = Vec::new();
    // What the stays' deductibles took (for chronic care that shares them).
    let mut deductibles = Decimal::ZERO;
    let raise = basic
        .rate_raises
        .iter()
        .find(|r| r.who.includes(cx.request.category));
    let mut fund_paid = Decimal::ZERO;
    let mut top_up_paid = Decimal::ZERO;
    if let (Some(children), None) = (&basic.children, cx.request.age) {
        let age = num(children.max_age.value);
        steps.push(
            Step::new(
                text!(cx, "未填写年龄：按 {age} 岁以上（不含 {age} 岁）计算，不用儿童起付线"),
                text!(cx, "No age given: counted as older than {age}, without the children's deductible"),
            )
            .uses(&children.max_age)
            // Assumptions are reported in every result, explained or not.
            .assumes_input(
                "age",
                format!(">{age}"),
                format!("请求未填写年龄；该政策对 {age} 岁及以下儿童另有起付线，填写年龄即可按儿童计算"),
                format!("The request gives no age; the policy has a separate deductible for children aged {age} and under: give the age to use it"),
            ),
        );
    }

    for (i, stay) in cx.stays().enumerate() {
        let n = i + 1;
        let (level_zh, level_en) = cx.level_names(stay.level);
        let (Some(usual), Some(rate)) = (
            Deductible::of(cx, basic, i, stay.level),
            basic.rate.get(stay.level),
        ) else {
            continue; // unreachable: levels are checked against the version before the cascade
        };
        let (what_zh, what_en) = match stay.like_stay {
            None => (text!(cx, "第 {n} 次住院"), text!(cx, "Stay {n}")),
            Some(group) => (
                text!(cx, "{}（门诊，按住院报销）", group.name_zh),
                text!(cx, "{} (outpatient, paid like a stay)", group.name_en),
            ),
        };
        let mut away = match away(cx, stay.setting, stay.item, stay.level) {
            Away::NotPaid(rule) => {
                steps.push(
                    Step::new(
                        text!(
                            cx,
                            "{what_zh}（{level_zh}，{}）：不予报销",
                            stay.setting.name_zh()
                        ),
                        text!(
                            cx,
                            "{what_en} ({level_en}, {}): not paid",
                            stay.setting.name_en()
                        ),
                    )
                    .formula(text!(cx, "{} → 0.00", num(stay.compliant)))
                    .cites(rule),
                );
                continue;
            }
            Away::Paid(away) => away,
        };
        if let Some(step) = away.assumed.take() {
            steps.push(step);
        }
        if let Some(fixed) = basic.fixed_payment(stay.disease) {
            let want = fixed.amount.value.min(stay.compliant);
            steps.push(
                Step::new(
                    text!(cx, "{what_zh}（{level_zh}）：按病种定额支付"),
                    text!(cx, "{what_en} ({level_en}): a fixed amount for the disease"),
                )
                .formula(text!(
                    cx,
                    "min({}, {}) = {}",
                    num(fixed.amount.value),
                    num(stay.compliant),
                    yuan(want)
                ))
                .uses(&fixed.amount),
            );
            let paid = match &basic.annual_cap {
                Some(cap) if want > cap.value - fund_paid => {
                    let remaining = (cap.value - fund_paid).max(Decimal::ZERO);
                    steps.push(cap_step(cx, want, cap, fund_paid, remaining));
                    remaining
                }
                _ => want,
            };
            fund_paid = fund_paid + round_yuan(paid);
            continue;
        }
        let deductible = match away.deductible {
            Some(figure) => Deductible {
                figure,
                because: None,
            },
            None => usual,
        };
        let eligible = (stay.compliant - deductible.figure.value).max(Decimal::ZERO);
        deductibles = deductibles + (stay.compliant - eligible);
        let (rate_value, rate_text) = away.rate(cx, rate, raise.map(|r| &r.points));
        let want = eligible * rate_value;
        let d = deductible.figure.value;
        let formula = if stay.compliant > d {
            text!(
                cx,
                "({} − {}) × {} = {}",
                num(stay.compliant),
                num(d),
                rate_text,
                yuan(want)
            )
        } else {
            text!(cx, "{} ≤ {} → 0.00", num(stay.compliant), num(d))
        };
        let (child_zh, child_en) = match deductible.because {
            Some(rule) => (
                text!(cx, "，{} 岁及以下儿童起付线", num(rule.value)),
                text!(
                    cx,
                    ", children's deductible (aged {} and under)",
                    num(rule.value)
                ),
            ),
            None => (text!(cx, ""), text!(cx, "")),
        };
        let (away_zh, away_en) = if stay.setting == Setting::Local {
            (text!(cx, ""), text!(cx, ""))
        } else {
            (
                text!(cx, "，{}", stay.setting.name_zh()),
                text!(cx, ", {}", stay.setting.name_en()),
            )
        };
        let mut step = Step::new(
            text!(
                cx,
                "{what_zh}（{level_zh}{child_zh}{away_zh}）：合规费用扣除起付线后按比例报销"
            ),
            text!(
                cx,
                "{what_en} ({level_en}{child_en}{away_en}): compliant cost above the deductible, times the rate"
            ),
        )
        .formula(formula)
        .uses(deductible.figure)
        .uses(rate)
        .uses_all(away.rate_cut);
        if let Some(like_stay) = stay.like_stay.and_then(|g| g.paid_like_stay.as_ref()) {
            step = step.cites(like_stay);
        }
        if let Some(age_rule) = deductible.because {
            step = step.uses(age_rule);
        }
        if let Some(r) = raise {
            step = step.uses(&r.points);
        }
        steps.push(step);

        let paid = match &basic.annual_cap {
            Some(cap) if want > cap.value - fund_paid => {
                let remaining = (cap.value - fund_paid).max(Decimal::ZERO);
                steps.push(cap_step(cx, want, cap, fund_paid, remaining));
                if let Some(top_up) = &basic.top_up {
                    // The top-up pays on the cost above the cap line: the remaining
                    // room covers room / rate of this stay's eligible cost, the
                    // rest is above the line. (With rates that differ by level,
                    // a top-up rate above lowest / highest basic rate can make a
                    // dearer early stay lower the out-of-pocket amount; see
                    // tests/properties.rs.)
                    // (want − room) / rate is that rest, exactly where the
                    // division comes last: room / rate first would round at
                    // Decimal's 28 digits (60000 / 0.9) and can move the
                    // payment by a fen.
                    let (uncovered, wanted) = if rate_value > Decimal::ZERO {
                        let over = want - remaining;
                        (over / rate_value, over * top_up.rate.value / rate_value)
                    } else {
                        (eligible, eligible * top_up.rate.value)
                    };
                    let room = (top_up.cap.value - top_up_paid).max(Decimal::ZERO);
                    let extra = round_yuan(wanted.min(room));
                    top_up_paid = top_up_paid + extra;
                    steps.push(top_up_step(
                        cx,
                        uncovered,
                        &top_up.rate,
                        &top_up.cap,
                        room,
                        extra,
                    ));
                }
                remaining
            }
            _ => want,
        };
        fund_paid = fund_paid + round_yuan(paid);
    }
    LayerPay {
        inpatient_deductibles: deductibles,
        ..LayerPay::compliant(fund_paid + top_up_paid, steps)
    }
}

fn cap_step<'v>(
    cx: &Context,
    want: Decimal,
    cap: &'v Figure,
    fund_paid: Decimal,
    remaining: Decimal,
) -> Step<'v> {
    Step::new(
        text!(
            cx,
            "已达年度统筹基金最高支付限额 {} 元，本次只付剩余额度",
            num(cap.value)
        ),
        text!(
            cx,
            "The annual fund cap of {} yuan is reached; this stay gets what is left of it",
            num(cap.value)
        ),
    )
    .formula(text!(
        cx,
        "min({}, {} − {}) = {}",
        yuan(want),
        num(cap.value),
        yuan(fund_paid),
        yuan(remaining)
    ))
    .uses(cap)
}

/// How care away from home changes what basic insurance (and general
/// outpatient pooling) pays for one stay or cost.
pub(super) enum Away<'v> {
    NotPaid(&'v Statement),
    Paid(AwayPay<'v>),
}

#[derive(Default)]
pub(super) struct AwayPay<'v> {
    pub rate_cut: Option<&'v Figure>,
    /// A stay's deductible in this setting, where the version has one.
    pub deductible: Option<&'v Figure>,
    /// The step saying a setting the version does not name is paid like local care.
    pub assumed: Option<Step<'v>>,
}

impl AwayPay<'_> {
    /// A rate raised by a category's points, if any, and cut by the
    /// setting's (not below 0), and how the formula writes it: `(75% − 10%)`.
    pub(super) fn rate(
        &self,
        cx: &Context,
        rate: &Figure,
        raise: Option<&Figure>,
    ) -> (Decimal, std::borrow::Cow<'static, str>) {
        let points = raise.map_or(Decimal::ZERO, |r| r.value);
        let cut = self.rate_cut.map_or(Decimal::ZERO, |c| c.value);
        let value = (rate.value + points - cut).max(Decimal::ZERO);
        let text = match (raise, self.rate_cut) {
            (Some(r), Some(c)) => text!(
                cx,
                "({} + {} − {})",
                rate.display(),
                r.display(),
                c.display()
            ),
            (Some(r), None) => text!(cx, "({} + {})", rate.display(), r.display()),
            (None, Some(c)) => text!(cx, "({} − {})", rate.display(), c.display()),
            (None, None) => text!(cx, "{}", rate.display()),
        };
        (value, text)
    }
}

/// The version's rule for care in `setting` at `level`, for the cost `item`
/// (which an assumption about an unnamed setting names).
pub(super) fn away<'v>(cx: &Context<'v>, setting: Setting, item: Item, level: Level) -> Away<'v> {
    if setting == Setting::Local {
        return Away::Paid(AwayPay::default());
    }
    match cx.version.setting_rule(setting) {
        Some(rule) => match &rule.not_paid {
            Some(statement) => Away::NotPaid(statement),
            None => Away::Paid(AwayPay {
                rate_cut: rule.rate_cut.as_ref(),
                deductible: rule.deductible.as_ref().and_then(|d| d.get(level)),
                assumed: None,
            }),
        },
        None => Away::Paid(AwayPay {
            assumed: Some(
                Step::new(
                    text!(cx, "该政策没有写{}怎样报销：按本地就医计算", setting.name_zh()),
                    text!(cx, "The policy does not say how care {} is paid: counted as local care", setting.name_en()),
                )
                .assumes_input(
                    &format!("{item}.setting"),
                    setting.id().to_string(),
                    format!("政策原文没有{}的报销规定，按本地就医计算；如当地另有规定（例如降低报销比例），请替换", setting.name_zh()),
                    format!("the policy text has no rule for care {}; counted as local care. Replace it where the local rule differs (e.g. a lower rate)", setting.name_en()),
                ),
            ),
            ..AwayPay::default()
        }),
    }
}

fn top_up_step<'v>(
    cx: &Context,
    uncovered: Decimal,
    rate: &'v Figure,
    cap: &'v Figure,
    room: Decimal,
    extra: Decimal,
) -> Step<'v> {
    Step::new(
        "封顶线以上的合规费用由大额医疗补助按比例支付（年度限额内）",
        "Above the cap, the large-amount top-up pays its share (within its annual limit)",
    )
    .formula(text!(
        cx,
        "min({} × {}, {}) = {}",
        yuan(uncovered),
        rate.display(),
        yuan(room),
        yuan(extra)
    ))
    .uses(rate)
    .uses(cap)
}

/// The deductible of one stay, and the age rule that chose it, if any.
struct Deductible<'v> {
    figure: &'v Figure,
    because: Option<&'v Figure>,
}

impl<'v> Deductible<'v> {
    /// For stay `index` (0-based): the usual deductible, or where they apply
    /// the children's one (young enough) and the later-stay one (from the
    /// second stay on), whichever is lowest: each rule is there to lower it.
    fn of(cx: &Context, basic: &'v Basic, index: usize, level: Level) -> Option<Deductible<'v>> {
        let mut best = Deductible {
            figure: basic.deductible.get(level)?,
            because: None,
        };
        let later = basic
            .later_stay_deductible
            .as_ref()
            .filter(|_| index > 0)
            .and_then(|t| t.get(level));
        if let Some(figure) = later.filter(|f| f.value < best.figure.value) {
            best = Deductible {
                figure,
                because: None,
            };
        }
        if let (Some(children), Some(age)) = (&basic.children, cx.request.age) {
            let child = children
                .deductible
                .get(level)
                .filter(|_| Decimal::from(age) <= children.max_age.value);
            if let Some(figure) = child.filter(|f| f.value < best.figure.value) {
                best = Deductible {
                    figure,
                    because: Some(&children.max_age),
                };
            }
        }
        Some(best)
    }
}

pub(super) fn describe(insurance: &BasicInsurance, version: &Version, b: &mut Vec<Block>) {
    for basic in &insurance.by_scheme {
        b.push(Block::heading(
            3,
            format!("基本医保 · {}", basic.scheme.name_zh()),
            format!(
                "{} · {}",
                capitalised(LayerId::Basic.name_en()),
                basic.scheme.name_en()
            ),
        ));
        by_level(b, version, "起付线", "Deductible", &basic.deductible);
        by_level(b, version, "报销比例", "Rate", &basic.rate);
        optional(
            b,
            "年度最高支付限额",
            "Annual cap",
            basic.annual_cap.as_ref(),
        );
        if let Some(table) = &basic.later_stay_deductible {
            by_level(
                b,
                version,
                "第二次及以后住院起付线",
                "Deductible of the second and later stays",
                table,
            );
        }
        if let Some(children) = &basic.children {
            b.push(figure_item(
                "儿童：年龄不超过（含本数）",
                "Children: aged at most (inclusive)",
                &children.max_age,
            ));
            by_level(
                b,
                version,
                "儿童起付线",
                "Children's deductible",
                &children.deductible,
            );
        }
        for raise in &basic.rate_raises {
            b.push(who_item(&raise.who));
            b.push(figure_item(
                "报销比例提高（百分点）",
                "Rate raised by (points)",
                &raise.points,
            ));
        }
        if let Some(top_up) = &basic.top_up {
            b.push(figure_item(
                "大额医疗补助支付比例",
                "Large-expense top-up: rate",
                &top_up.rate,
            ));
            b.push(figure_item(
                "大额医疗补助年度限额",
                "Large-expense top-up: annual cap",
                &top_up.cap,
            ));
        }
        for fixed in &basic.fixed_payments {
            let (name, name_en) = disease_names(version, std::slice::from_ref(&fixed.disease));
            b.push(figure_item(
                &format!("{name}住院按病种定额支付（不按起付线和比例；不超过这次的合规费用）"),
                &format!("{}: a fixed amount per stay (no deductible or rate; at most the stay's compliant cost)", capitalised(&name_en)),
                &fixed.amount,
            ));
        }
    }
}
