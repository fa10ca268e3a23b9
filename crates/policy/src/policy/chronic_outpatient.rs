//! Chronic and special outpatient care (门诊慢特病): by disease group, each
//! with its own deductible, rate and annual cap, or paid like a stay.

use serde::Serialize;

use super::data::decoded;

use super::figures::figures;
use super::{Figure, OutpatientKind, Reach, Rule, Scheme, Statement};

decoded! {
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct ChronicOutpatient {
        pub groups: Vec<ChronicGroup>,
    }
}

decoded! {
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct ChronicGroup {
        pub name_zh: String,
        pub name_en: String,
        pub kind: OutpatientKind,
        /// Ids of the version's disease list.
        pub diseases: Vec<String>,
        pub schemes: Vec<Scheme>,
        /// Per year, for this group.
        pub deductible: Option<Figure>,
        /// `None` only when paid like a stay.
        pub rate: Option<Figure>,
        pub annual_cap: Option<Figure>,
        /// Its payments count toward basic insurance's annual fund cap.
        pub shares_fund_cap: Option<Statement>,
        /// Its annual deductible and the stays' deductibles are one
        /// (起付线与住院合并计算): what the year's stays' deductibles took
        /// comes off it.
        pub shares_inpatient_deductible: Option<Statement>,
        /// Its remaining self-pay joins the stays' for the layers after it.
        pub counted_with_stays: Option<Statement>,
        /// Basic insurance settles it as a stay (门诊特殊病按住院管理).
        pub paid_like_stay: Option<Statement>,
    }
}

figures!(ChronicOutpatient; groups);
figures!(
    ChronicGroup,
    |g, reach| Reach { schemes: Some(&g.schemes), ..reach };
    deductible, rate, annual_cap, shares_fund_cap, shares_inpatient_deductible, counted_with_stays,
    paid_like_stay
);

impl ChronicOutpatient {
    /// The group that pays `kind` care for `disease` under `scheme`.
    pub fn group(
        &self,
        kind: OutpatientKind,
        disease: Option<&str>,
        scheme: Scheme,
    ) -> Option<&ChronicGroup> {
        self.groups.iter().find(|g| {
            g.kind == kind
                && g.schemes.contains(&scheme)
                && super::diseases::limited_to(&g.diseases, disease)
        })
    }
}

impl Rule for ChronicOutpatient {}

#[cfg(feature = "files")]
mod reading {
    use super::*;
    use crate::error::{Error, InputError, PolicyError};
    use crate::policy::diseases::reading::ids;
    use crate::policy::read::{Scope, opt_figure, schemes_in_scope, statement, text};
    use crate::policy::{ReadRule, Unit};
    use crate::read::Node;

    impl ReadRule for ChronicOutpatient {
        fn read(node: &Node, scope: &Scope) -> Result<Self, Error> {
            let t = node.table(&["groups"])?;
            let groups_node = t.req("groups")?;
            let mut groups: Vec<ChronicGroup> = Vec::new();
            for item in groups_node.list()? {
                let g = item.table(&[
                    "zh",
                    "en",
                    "kind",
                    "diseases",
                    "schemes",
                    "deductible",
                    "rate",
                    "annual_cap",
                    "shares_fund_cap",
                    "shares_inpatient_deductible",
                    "counted_with_stays",
                    "paid_like_stay",
                ])?;
                let kind_node = g.req("kind")?;
                let kind: OutpatientKind = kind_node.choice()?;
                if kind == OutpatientKind::General {
                    // General care is the `outpatient` layer's.
                    return Err(kind_node.error(crate::error::RequestError::NotInPolicy {
                        value: "general".into(),
                        allowed: vec!["chronic".into(), "special".into()],
                    }));
                }
                let statement_of = |key: &'static str| -> Result<Option<Statement>, Error> {
                    g.get(key).map(|n| statement(&n)).transpose()
                };
                let group = ChronicGroup {
                    name_zh: text(&g, "zh")?,
                    name_en: text(&g, "en")?,
                    kind,
                    diseases: ids(&g.req("diseases")?, scope)?,
                    schemes: match g.get("schemes") {
                        Some(n) => schemes_in_scope(&n, scope)?,
                        None => scope.schemes.to_vec(),
                    },
                    deductible: opt_figure(&g, "deductible", Unit::Yuan)?,
                    rate: opt_figure(&g, "rate", Unit::Percent)?,
                    annual_cap: opt_figure(&g, "annual_cap", Unit::Yuan)?,
                    shares_fund_cap: statement_of("shares_fund_cap")?,
                    shares_inpatient_deductible: statement_of("shares_inpatient_deductible")?,
                    counted_with_stays: statement_of("counted_with_stays")?,
                    paid_like_stay: statement_of("paid_like_stay")?,
                };
                let own_figures = group.deductible.is_some()
                    || group.rate.is_some()
                    || group.annual_cap.is_some();
                let like_stay = group.paid_like_stay.is_some();
                if (like_stay && own_figures) || (!like_stay && group.rate.is_none()) {
                    return Err(item.error(PolicyError::LikeStayRule));
                }
                if group.shares_inpatient_deductible.is_some() && group.deductible.is_none() {
                    // Nothing to share without a deductible of its own.
                    return Err(g.missing("deductible"));
                }
                // One group per disease, kind and scheme: otherwise which pays
                // would depend on the order.
                if let Some(d) = group.diseases.iter().find(|d| {
                    groups.iter().any(|o| {
                        o.kind == kind
                            && o.diseases.contains(d)
                            && o.schemes.iter().any(|s| group.schemes.contains(s))
                    })
                }) {
                    let value = d.clone();
                    return Err(g.req("diseases")?.error(InputError::Duplicate { value }));
                }
                groups.push(group);
            }
            if groups.is_empty() {
                return Err(groups_node.error(InputError::Missing));
            }
            Ok(ChronicOutpatient { groups })
        }
    }
}
