//! Estimates as text for people: the summary table and the explanation that
//! the command line prints.

use std::fmt::Write;

use unicode_width::UnicodeWidthStr;

use crate::choice::Choice;
use crate::engine::trace::{ExplainedStep, FigureOrigin, FigureUse};
use crate::engine::{Estimate, Yuan};
use crate::money::format_yuan;

fn row(out: &mut String, label: &str, amount: Yuan) {
    let pad = 16usize.saturating_sub(label.width());
    let _ = writeln!(
        out,
        "{label}{}{:>16}",
        " ".repeat(pad),
        format_yuan(amount.0)
    );
}

/// The estimate as a table in Chinese.
pub fn table_zh(e: &Estimate) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} · {} 版（{} 至 {}）",
        e.policy_name_zh, e.version, e.valid_from, e.valid_to
    );
    if let Some(why) = e.out_of_date {
        let _ = writeln!(out, "{}", why.note(e).0);
    }
    let _ = writeln!(out, "{} · {}\n", e.scheme.name_zh(), e.category.name_zh());
    row(&mut out, "总费用", e.total);
    for split in &e.splits {
        let _ = writeln!(
            out,
            "  {} 只给了总费用 {} 元：按 {} = {} 估算合规费用 {} 元，目录外费用 {} 元",
            split.item,
            format_yuan(split.total.0),
            split.parameter,
            split.share,
            format_yuan(split.compliant.0),
            format_yuan(split.out_of_policy.0)
        );
    }
    for layer in &e.layers {
        row(&mut out, layer.name_zh, layer.paid);
    }
    row(&mut out, "个人自付", e.out_of_pocket.total);
    let _ = writeln!(
        out,
        "  其中合规费用 {} 元，目录外费用 {} 元",
        format_yuan(e.out_of_pocket.compliant.0),
        format_yuan(e.out_of_pocket.out_of_policy.0)
    );
    let _ = writeln!(out, "实际报销比例    {:>16}", e.effective_ratio.percent());
    reported(&mut out, e, false);
    if !e.assumptions.is_empty() {
        let _ = writeln!(
            out,
            "\n本次计算用到的假设（原文没有给出；数字可用 --override 参数名=数值 换成本地数字）："
        );
        for a in &e.assumptions {
            if a.value.is_empty() {
                let _ = writeln!(out, "  · {}：{}", a.parameter, a.reason_zh);
            } else {
                let _ = writeln!(out, "  · {} = {}：{}", a.parameter, a.value, a.reason_zh);
            }
        }
    }
    unused_overrides(&mut out, e, false);
    out
}

/// The averages the source reports for the request's scheme: shown beside
/// the estimate, never used in it, and said to be so.
fn reported(out: &mut String, e: &Estimate, english: bool) {
    if e.reported.is_empty() {
        return;
    }
    let title = if english {
        "\nReported averages (for comparison; not rates used in this estimate):"
    } else {
        "\n据报道（平均水平，只作参照，不是本次计算用的比例）："
    };
    let _ = writeln!(out, "{title}");
    for r in &e.reported {
        let what = if english { &r.what_en } else { &r.what_zh };
        let colon = if english { ": " } else { "：" };
        let source = if english { &r.cited_en } else { &r.cited_zh };
        let _ = writeln!(
            out,
            "  · {what}{colon}{}　{source}{colon}“{}”",
            r.value, r.quote
        );
    }
}

/// The overrides this request could not use, so that nobody believes a
/// replaced figure changed the result when it did not.
fn unused_overrides(out: &mut String, e: &Estimate, english: bool) {
    if e.unused_overrides.is_empty() {
        return;
    }
    let title = if english {
        "\nReplaced figures not used:"
    } else {
        "\n没有用到的替换数字："
    };
    let _ = writeln!(out, "{title}");
    for u in &e.unused_overrides {
        let (message, colon) = if english {
            (&u.message_en, ": ")
        } else {
            (&u.message_zh, "：")
        };
        let _ = writeln!(out, "  · {}{colon}{message}", u.parameter);
    }
}

/// Every step of every layer, in Chinese or English.
pub fn explanation(e: &Estimate, english: bool) -> String {
    let mut out = String::new();
    if let Some(why) = e.out_of_date {
        let (zh, en) = why.note(e);
        let _ = writeln!(out, "{}\n", if english { en } else { zh });
    }
    if !e.splits.is_empty() {
        let title = if english {
            "Totals split"
        } else {
            "只给了总费用的拆分"
        };
        let _ = writeln!(out, "{title}:");
        for split in &e.splits {
            steps(&mut out, e, &split.steps, english);
        }
    }
    for layer in &e.layers {
        let name = if english {
            layer.name_en
        } else {
            layer.name_zh
        };
        let _ = writeln!(out, "{name}: {}", format_yuan(layer.paid.0));
        steps(&mut out, e, &layer.steps, english);
    }
    let total = if english {
        "Out of pocket"
    } else {
        "个人自付"
    };
    let _ = writeln!(out, "{total}: {}", format_yuan(e.out_of_pocket.total.0));
    reported(&mut out, e, english);
    unused_overrides(&mut out, e, english);
    out
}

/// Steps of the explanation, each with its formula and figures.
fn steps(out: &mut String, e: &Estimate, steps: &[ExplainedStep], english: bool) {
    for step in steps {
        let _ = writeln!(out, "  · {}", if english { &step.en } else { &step.zh });
        if !step.formula.is_empty() {
            let _ = writeln!(out, "      {}", step.formula);
        }
        for figure in step.figures.iter().filter_map(|&i| e.figures.get(i)) {
            let _ = writeln!(out, "      {}", figure_line(figure, english));
        }
    }
}

fn figure_line(f: &FigureUse, english: bool) -> String {
    let name = if f.value.is_empty() {
        f.parameter.to_string()
    } else {
        format!("{} = {}", f.parameter, f.value)
    };
    let reason = if english {
        f.reason_en.as_ref().or(f.reason_zh.as_ref())
    } else {
        f.reason_zh.as_ref()
    };
    let reading = if english {
        f.reading_en.as_ref().or(f.reading.as_ref())
    } else {
        f.reading.as_ref()
    };
    let colon = if english { ": " } else { "：" };
    let source = match (f.cited(english), &f.quote, reading) {
        (Some(source), Some(quote), Some(reading)) if english => {
            format!("{source}{colon}“{quote}” (read as: {reading})")
        }
        (Some(source), Some(quote), Some(reading)) => {
            format!("{source}{colon}“{quote}”（{reading}）")
        }
        (Some(source), Some(quote), None) => format!("{source}{colon}“{quote}”"),
        _ => String::new(),
    };
    let line = match (f.origin, english) {
        (FigureOrigin::Overridden, false) => format!(
            "{name}（您填写的数值；政策文件为 {}）",
            f.policy_value.as_deref().unwrap_or("")
        ),
        (FigureOrigin::Overridden, true) => format!(
            "{name} (your value; the policy file says {})",
            f.policy_value.as_deref().unwrap_or("")
        ),
        (FigureOrigin::Assumed, false) => format!("{name}［假设］{}", reason.map_or("", |r| r)),
        (FigureOrigin::Assumed, true) => format!("{name} [assumed] {}", reason.map_or("", |r| r)),
        (_, false) => format!("{name}　依据 {source}"),
        (_, true) => format!("{name}  source {source}"),
    };
    // Another reading the text allows: what to type to use it.
    match (&f.other, english) {
        (None, _) => line,
        (Some(o), false) => format!(
            "{line}；另一种读法：{}——{}（可用 --override {}={} 替换）",
            o.value,
            o.reading_zh.trim_end_matches('。'),
            f.parameter,
            o.value
        ),
        (Some(o), true) => format!(
            "{line}; another reading: {} — {} (--override {}={})",
            o.value, o.reading_en, f.parameter, o.value
        ),
    }
}
