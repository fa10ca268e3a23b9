//! The policy catalogue: what each policy provides for, without its
//! figures. The page builds its form from it; `yibao policies` prints it.

use serde::Serialize;

use crate::choice::Choice;
use crate::date::Date;
use crate::engine::LayerId;

use crate::policy::{Category, OutpatientKind, Policy, Scheme, Setting, Version};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolicySummary {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub province_zh: String,
    pub province_en: String,
    /// The city or county it is for; the province for a policy of the whole province.
    pub place_zh: String,
    pub place_en: String,
    pub versions: Vec<VersionSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionSummary {
    pub label: String,
    pub valid_from: Date,
    pub valid_to: Date,
    pub schemes: Vec<Named>,
    pub categories: Vec<Named>,
    pub levels: Vec<Named>,
    pub layers: Vec<Named>,
    /// The version reads the age (a children's deductible, general
    /// outpatient pooling up to an age): the highest age, in whole years,
    /// that its rules apply up to (and including). The form asks for the age.
    pub age_up_to: Option<String>,
    /// Its disease list, each with the layers whose rules name it.
    pub diseases: Vec<DiseaseSummary>,
    /// The kinds of outpatient care it pays for.
    pub outpatient_kinds: Vec<Named>,
    /// Where care may be: `local` first, then the settings it pays differently.
    pub settings: Vec<Named>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiseaseSummary {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    /// The layers whose rules name it (`medical_assistance`, `chronic_outpatient`, …).
    pub benefits: Vec<LayerId>,
}

/// An id with its names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Named {
    pub id: &'static str,
    pub name_zh: String,
    pub name_en: String,
}

impl Named {
    fn of<C: Choice>(choice: C) -> Named {
        Named {
            id: choice.id(),
            name_zh: choice.name_zh().to_string(),
            name_en: choice.name_en().to_string(),
        }
    }
}

impl PolicySummary {
    pub fn of(policy: &Policy) -> PolicySummary {
        PolicySummary {
            id: policy.id.clone(),
            name_zh: policy.name_zh.clone(),
            name_en: policy.name_en.clone(),
            province_zh: policy.province_zh.clone(),
            province_en: policy.province_en.clone(),
            place_zh: policy
                .place_zh
                .as_ref()
                .unwrap_or(&policy.province_zh)
                .clone(),
            place_en: policy
                .place_en
                .as_ref()
                .unwrap_or(&policy.province_en)
                .clone(),
            versions: policy.versions.iter().map(VersionSummary::of).collect(),
        }
    }
}

impl VersionSummary {
    fn of(v: &Version) -> VersionSummary {
        VersionSummary {
            label: v.label.clone(),
            valid_from: v.valid_from,
            valid_to: v.valid_to,
            schemes: v.schemes.iter().map(|s: &Scheme| Named::of(*s)).collect(),
            categories: v
                .categories
                .iter()
                .map(|c: &Category| Named::of(*c))
                .collect(),
            levels: v
                .levels
                .iter()
                .map(|l| Named {
                    id: l.level.id(),
                    name_zh: l.name_zh.clone(),
                    name_en: l.name_en.clone(),
                })
                .collect(),
            layers: LayerId::ALL
                .iter()
                .filter(|id| id.in_version(v))
                .map(|&id| Named::of(id))
                .collect(),
            age_up_to: age_up_to(v),
            diseases: v
                .diseases
                .iter()
                .map(|d| DiseaseSummary {
                    id: d.id.clone(),
                    name_zh: d.name_zh.clone(),
                    name_en: d.name_en.clone(),
                    benefits: layers_naming(v, &d.id),
                })
                .collect(),
            outpatient_kinds: outpatient_kinds(v).into_iter().map(Named::of).collect(),
            settings: std::iter::once(Setting::Local)
                .chain(v.settings.iter().map(|s| s.setting))
                .map(Named::of)
                .collect(),
        }
    }
}

/// The highest age up to which a rule of `v` applies: a children's
/// deductible of basic insurance, general outpatient pooling up to an age.
fn age_up_to(v: &Version) -> Option<String> {
    let basic = v.benefits.basic.iter().flat_map(|b| &b.by_scheme);
    let children = basic
        .filter_map(|b| b.children.as_ref())
        .map(|c| c.max_age.value);
    let outpatient = v
        .benefits
        .outpatient
        .iter()
        .filter_map(|o| o.max_age.as_ref());
    children
        .chain(outpatient.map(|a| a.value))
        .max()
        .map(|age| age.normalize().to_string())
}

/// The layers of `v` whose rules name disease `id`.
pub(crate) fn layers_naming(v: &Version, id: &str) -> Vec<LayerId> {
    let b = &v.benefits;
    let names = |list: &[String]| list.iter().any(|d| d == id);
    let mut out = Vec::new();
    if b.basic
        .iter()
        .flat_map(|b| &b.by_scheme)
        .any(|s| s.fixed_payments.iter().any(|f| f.disease == id))
    {
        out.push(LayerId::Basic);
    }
    if b.chronic_outpatient
        .iter()
        .flat_map(|c| &c.groups)
        .any(|g| names(&g.diseases))
    {
        out.push(LayerId::ChronicOutpatient);
    }
    if b.critical_illness
        .iter()
        .flat_map(|c| &c.tilts)
        .any(|t| names(&t.diseases))
    {
        out.push(LayerId::CriticalIllness);
    }
    if b.medical_assistance
        .iter()
        .flat_map(|m| &m.groups)
        .any(|g| names(&g.diseases))
    {
        out.push(LayerId::MedicalAssistance);
    }
    out
}

/// The outpatient kinds `v` pays for, in order.
fn outpatient_kinds(v: &Version) -> Vec<OutpatientKind> {
    let groups = v.benefits.chronic_outpatient.iter().flat_map(|c| &c.groups);
    OutpatientKind::ALL
        .iter()
        .copied()
        .filter(|&kind| match kind {
            OutpatientKind::General => v.benefits.outpatient.is_some(),
            _ => groups.clone().any(|g| g.kind == kind),
        })
        .collect()
}
