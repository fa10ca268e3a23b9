//! Reported averages (达…、…左右): what a fund paid on average, as a source
//! reports it. Shown beside an estimate, never used as a per-stay rate: an
//! average over stays with deductibles and caps is below the rate that
//! produced it (tests/calibration_*.rs).

use serde::Serialize;

use super::data::decoded;

use super::figures::figures;
use super::{Figure, Scheme};

decoded! {
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct Reported {
        pub what_zh: String,
        pub what_en: String,
        /// Shown for these schemes only (all when empty).
        pub schemes: Vec<Scheme>,
        /// Always cited: a report is a source's own words.
        pub value: Figure,
        /// Where it stands, as people read it (`《title》number，第 N 行`), in
        /// Chinese and English: written once when the policy file is read,
        /// so that the first module, which shows it, need not read documents.
        pub cited_zh: String,
        pub cited_en: String,
    }
}

figures!(Reported; value);

impl Reported {
    pub fn for_scheme(&self, scheme: Scheme) -> bool {
        self.schemes.is_empty() || self.schemes.contains(&scheme)
    }
}

#[cfg(feature = "files")]
pub(crate) mod reading {
    use super::*;
    use crate::error::{Error, PolicyError};
    use crate::policy::read::{Scope, figure, schemes_in_scope, text};
    use crate::policy::{Document, Origin, Unit};
    use crate::read::Node;

    pub fn reported(node: &Node, scope: &Scope) -> Result<Vec<Reported>, Error> {
        node.list()?
            .iter()
            .map(|item| {
                let t = item.table(&["what_zh", "what_en", "schemes", "value"])?;
                // A share (`70%`) or an amount (`1205.43`, an average payment).
                let node = t.req("value")?;
                let value = figure(&node, Unit::Percent)
                    .or_else(|e| figure(&node, Unit::Yuan).map_err(|_| e))?;
                if !matches!(value.origin, Origin::Cited(_)) {
                    return Err(node.error(PolicyError::ReportedNotCited));
                }
                Ok(Reported {
                    what_zh: text(&t, "what_zh")?,
                    what_en: text(&t, "what_en")?,
                    schemes: t
                        .get("schemes")
                        .map(|n| schemes_in_scope(&n, scope))
                        .transpose()?
                        .unwrap_or_default(),
                    value,
                    cited_zh: String::new(),
                    cited_en: String::new(),
                })
            })
            .collect()
    }

    /// Names where `reported` stands by its document among `documents`
    /// (every cited file has one: [`crate::policy::citations`] checked).
    pub fn name_source(reported: &mut Reported, documents: &[Document]) {
        if let Origin::Cited(citation) = &reported.value.origin
            && let Some(document) = documents.iter().find(|d| d.file == citation.file)
        {
            reported.cited_zh = document.cite(citation.line, false);
            reported.cited_en = document.cite(citation.line, true);
        }
    }
}
