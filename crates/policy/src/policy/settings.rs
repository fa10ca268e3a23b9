//! Care away from home (异地就医, 转诊): how a version pays a stay or
//! outpatient care outside the home area, by setting.

use serde::Serialize;

use super::data::decoded;

use super::figures::figures;
use super::{ByLevel, Figure, Setting, Statement};

decoded! {
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct SettingRule {
        pub setting: Setting,
        /// Basic and outpatient rates lowered by these points.
        pub rate_cut: Option<Figure>,
        /// A stay's deductible in this setting, where it differs (by level).
        pub deductible: Option<ByLevel>,
        /// Not paid at all: basic insurance pays nothing, and no later layer
        /// counts the cost (the person pays it).
        pub not_paid: Option<Statement>,
    }
}

figures!(SettingRule; rate_cut, deductible, not_paid);

#[cfg(feature = "files")]
pub(crate) mod reading {
    use super::*;
    use crate::error::{Error, InputError, PolicyError};
    use crate::policy::Unit;
    use crate::policy::read::{Scope, by_level, opt_figure, statement};
    use crate::read::Node;

    /// `[[versions.settings]]`, each setting once; `local` is the rule itself.
    pub fn settings(node: &Node, scope: &Scope) -> Result<Vec<SettingRule>, Error> {
        let mut out: Vec<SettingRule> = Vec::new();
        for item in node.list()? {
            let t = item.table(&["setting", "rate_cut", "deductible", "not_paid"])?;
            let setting_node = t.req("setting")?;
            let setting: Setting = setting_node.choice()?;
            if setting == Setting::Local {
                return Err(setting_node.error(PolicyError::LocalSetting));
            }
            if out.iter().any(|s| s.setting == setting) {
                let value = crate::choice::Choice::id(setting).to_string();
                return Err(setting_node.error(InputError::Duplicate { value }));
            }
            let rule = SettingRule {
                setting,
                rate_cut: opt_figure(&t, "rate_cut", Unit::Percent)?,
                deductible: t
                    .get("deductible")
                    .map(|n| by_level(&n, Unit::Yuan, scope, false))
                    .transpose()?,
                not_paid: t.get("not_paid").map(|n| statement(&n)).transpose()?,
            };
            let pays = rule.rate_cut.is_some() || rule.deductible.is_some();
            if rule.not_paid.is_some() == pays {
                return Err(item.error(PolicyError::SettingRule));
            }
            out.push(rule);
        }
        Ok(out)
    }
}
