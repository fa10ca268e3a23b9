//! Supplementary insurance (补充医疗保险): per year, above a threshold.

use serde::Serialize;

use super::data::decoded;

use super::figures::figures;
use super::{Figure, Rule, SupplementaryBase, Who};

decoded! {
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct Supplementary {
        pub who: Who,
        pub base: SupplementaryBase,
        pub threshold: Figure,
        pub rate: Figure,
        pub annual_max: Option<Figure>,
        /// Premium per person and year; for the description, not the calculation.
        pub premium: Option<Figure>,
    }
}

figures!(
    Supplementary,
    |s, reach| s.who.narrow(reach);
    who, threshold, rate, annual_max, premium
);

impl Rule for Supplementary {}

/// Reading the rules from a policy file (feature `files`; the page's
/// modules load policy data instead).
#[cfg(feature = "files")]
mod reading {
    use crate::policy::read::{Scope, opt_figure, req_figure, who};
    use crate::read::Node;

    use super::*;
    use crate::error::Error;
    use crate::policy::{ReadRule, Unit};

    impl ReadRule for Supplementary {
        fn read(node: &Node, scope: &Scope) -> Result<Self, Error> {
            let t = node.table(&["who", "base", "threshold", "rate", "annual_max", "premium"])?;
            Ok(Supplementary {
                who: who(&t.req("who")?, scope)?,
                base: t.req("base")?.choice()?,
                threshold: req_figure(&t, "threshold", Unit::Yuan)?,
                rate: req_figure(&t, "rate", Unit::Percent)?,
                annual_max: opt_figure(&t, "annual_max", Unit::Yuan)?,
                premium: opt_figure(&t, "premium", Unit::Yuan)?,
            })
        }
    }
}
