//! A version's disease list (重特大疾病, 门诊慢特病, 单病种): the ids that
//! stays, outpatient care and rules name.

use serde::Serialize;

use super::data::decoded;

use super::Statement;
use super::figures::figures;

decoded! {
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct Disease {
        /// ASCII id used in requests and rules, e.g. `hypertension`.
        pub id: String,
        pub name_zh: String,
        pub name_en: String,
        /// Where the text names it (or why it is assumed to be on the list).
        pub listed: Statement,
    }
}

figures!(Disease; listed);

/// The diseases a rule is limited to (`None`: any care).
pub fn limited_to(diseases: &[String], disease: Option<&str>) -> bool {
    disease.is_some_and(|d| diseases.iter().any(|id| id == d))
}

#[cfg(feature = "files")]
pub(crate) mod reading {
    use super::*;
    use crate::error::{Error, InputError, PolicyError, RequestError};
    use crate::policy::read::{Scope, statement, text};
    use crate::read::Node;

    /// `[[versions.diseases]]`: `{ id, zh, en, listed }`, ids once each.
    pub fn diseases(node: &Node) -> Result<Vec<Disease>, Error> {
        let mut out: Vec<Disease> = Vec::new();
        for item in node.list()? {
            let t = item.table(&["id", "zh", "en", "listed"])?;
            let id_node = t.req("id")?;
            let id = id_node.text()?.trim();
            if !crate::policy::read::is_id(id) {
                return Err(id_node.error(PolicyError::BadId));
            }
            if out.iter().any(|d| d.id == id) {
                let value = id.to_string();
                return Err(id_node.error(InputError::Duplicate { value }));
            }
            out.push(Disease {
                id: id.to_string(),
                name_zh: text(&t, "zh")?,
                name_en: text(&t, "en")?,
                listed: statement(&t.req("listed")?)?,
            });
        }
        Ok(out)
    }

    /// `diseases = ["id", …]` in a rule: not empty, each on the version's
    /// list, each once.
    pub fn ids(node: &Node, scope: &Scope) -> Result<Vec<String>, Error> {
        let items = node.list()?;
        if items.is_empty() {
            return Err(node.error(InputError::Missing));
        }
        let mut out: Vec<String> = Vec::new();
        for item in items {
            let id = id(&item, scope)?;
            if out.contains(&id) {
                return Err(item.error(InputError::Duplicate { value: id }));
            }
            out.push(id);
        }
        Ok(out)
    }

    /// One id of the version's disease list.
    pub fn id(node: &Node, scope: &Scope) -> Result<String, Error> {
        let id = node.text()?.trim();
        if !scope.diseases.iter().any(|d| d.id == id) {
            return Err(node.error(RequestError::NotInPolicy {
                value: id.to_string(),
                allowed: scope.diseases.iter().map(|d| d.id.clone()).collect(),
            }));
        }
        Ok(id.to_string())
    }

    /// An optional `diseases` key of a rule.
    pub fn opt_ids(t: &crate::read::Table, scope: &Scope) -> Result<Vec<String>, Error> {
        t.get("diseases")
            .map(|n| ids(&n, scope))
            .transpose()
            .map(Option::unwrap_or_default)
    }
}
