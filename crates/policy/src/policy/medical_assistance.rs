//! Medical assistance (医疗救助): for eligible categories only.

use serde::Serialize;

use super::data::decoded;

use super::figures::figures;
use super::{Figure, Rule, Who};

decoded! {
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct MedicalAssistance {
        pub groups: Vec<AssistanceGroup>,
    }
}

decoded! {
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct AssistanceGroup {
        pub who: Who,
        /// Share of the compliant self-pay left after the layers before it.
        pub ratio: Figure,
        /// Annual amount of that self-pay the person bears first.
        pub deductible: Option<Figure>,
        /// 年度救助限额.
        pub annual_limit: Option<Figure>,
        /// 二次救助: share of the out-of-policy cost also paid.
        pub out_of_policy_ratio: Option<Figure>,
        /// 二次救助 only on the year's remaining self-pay above this.
        pub second_threshold: Option<Figure>,
        /// The ratio applies to the share of the costs for these diseases
        /// (重特大疾病救助); any care when empty.
        pub diseases: Vec<String>,
    }
}

figures!(MedicalAssistance; groups);
figures!(
    AssistanceGroup,
    |group, reach| group.who.narrow(reach);
    who, ratio, deductible, annual_limit, out_of_policy_ratio, second_threshold
);

impl MedicalAssistance {
    /// The category's group for listed diseases and its group for any
    /// care, where it has them.
    pub fn groups_for(
        &self,
        category: super::Category,
    ) -> (Option<&AssistanceGroup>, Option<&AssistanceGroup>) {
        let mut listed = None;
        let mut any = None;
        for group in self.groups.iter().filter(|g| g.who.includes(category)) {
            if group.diseases.is_empty() {
                any = any.or(Some(group));
            } else {
                listed = listed.or(Some(group));
            }
        }
        (listed, any)
    }
}

impl Rule for MedicalAssistance {}

/// Reading the rules from a policy file (feature `files`; the page's
/// modules load policy data instead).
#[cfg(feature = "files")]
mod reading {
    use crate::policy::read::{Scope, only_once, opt_figure, req_figure, who};
    use crate::read::Node;

    use super::*;
    use crate::error::{Error, InputError};
    use crate::policy::{ReadRule, Unit};

    impl ReadRule for MedicalAssistance {
        fn read(node: &Node, scope: &Scope) -> Result<Self, Error> {
            let t = node.table(&["groups"])?;
            let groups_node = t.req("groups")?;
            let mut groups: Vec<AssistanceGroup> = Vec::new();
            for item in groups_node.list()? {
                let g = item.table(&[
                    "who",
                    "ratio",
                    "deductible",
                    "annual_limit",
                    "out_of_policy_ratio",
                    "second_threshold",
                    "diseases",
                ])?;
                let who_node = g.req("who")?;
                let who = who(&who_node, scope)?;
                let diseases = crate::policy::diseases::reading::opt_ids(&g, scope)?;
                // A category may have one group for listed diseases and one for any care.
                let same_kind = groups
                    .iter()
                    .filter(|o| o.diseases.is_empty() == diseases.is_empty());
                only_once(&who, same_kind.map(|group| &group.who), &who_node)?;
                let out_of_policy_ratio = opt_figure(&g, "out_of_policy_ratio", Unit::Percent)?;
                let second_threshold = opt_figure(&g, "second_threshold", Unit::Yuan)?;
                if second_threshold.is_some() && out_of_policy_ratio.is_none() {
                    // A threshold for a second assistance the group does not have.
                    return Err(g.missing("out_of_policy_ratio"));
                }
                groups.push(AssistanceGroup {
                    who,
                    ratio: req_figure(&g, "ratio", Unit::Percent)?,
                    deductible: opt_figure(&g, "deductible", Unit::Yuan)?,
                    annual_limit: opt_figure(&g, "annual_limit", Unit::Yuan)?,
                    out_of_policy_ratio,
                    second_threshold,
                    diseases,
                });
            }
            if groups.is_empty() {
                return Err(groups_node.error(InputError::Missing));
            }
            Ok(MedicalAssistance { groups })
        }
    }
}
