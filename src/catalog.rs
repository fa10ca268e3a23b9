//! The policy catalogue: what each policy provides for, without its
//! figures. The page builds its form from it; `yibao policies` prints it.

use serde::Serialize;

use crate::choice::Choice;
use crate::date::Date;
use crate::engine::LayerId;

use crate::policy::{Category, Policy, Scheme, Version};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolicySummary {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub province_zh: String,
    pub province_en: String,
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
    /// The version has a children's deductible, so the form should ask for the age.
    pub uses_age: bool,
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
            uses_age: v
                .benefits
                .basic
                .iter()
                .flat_map(|b| &b.by_scheme)
                .any(|b| b.children.is_some()),
        }
    }
}
