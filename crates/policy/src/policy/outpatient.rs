//! General outpatient pooling (普通门诊统筹): a year's outpatient costs above
//! a deductible, at a rate by level, within an annual cap.

use serde::Serialize;

use super::data::decoded;

use super::figures::figures;
use super::{ByLevel, Figure, Reach, Rule, Scheme, Who};

decoded! {
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct Outpatient {
        /// The schemes it covers (all of the version's when the file lists none).
        pub schemes: Vec<Scheme>,
        /// Only these categories (everyone when absent).
        pub who: Option<Who>,
        /// Only people of this age and younger (未成年人门诊).
        pub max_age: Option<Figure>,
        /// Per year.
        pub deductible: Option<Figure>,
        /// Per visit (the request's `visits`).
        pub deductible_per_visit: Option<Figure>,
        /// Levels not listed are not paid.
        pub rate: ByLevel,
        pub annual_cap: Option<Figure>,
    }
}

figures!(
    Outpatient,
    |o, reach| {
        let reach = Reach { schemes: Some(&o.schemes), ..reach };
        match &o.who {
            Some(who) => who.narrow(reach),
            None => reach,
        }
    };
    who, max_age, deductible, deductible_per_visit, rate, annual_cap
);

impl Rule for Outpatient {}

#[cfg(feature = "files")]
mod reading {
    use super::*;
    use crate::error::Error;
    use crate::policy::read::{Scope, by_level, opt_figure, schemes_in_scope, who};
    use crate::policy::{ReadRule, Unit};
    use crate::read::Node;

    impl ReadRule for Outpatient {
        fn read(node: &Node, scope: &Scope) -> Result<Self, Error> {
            let t = node.table(&[
                "schemes",
                "who",
                "max_age",
                "deductible",
                "deductible_per_visit",
                "rate",
                "annual_cap",
            ])?;
            Ok(Outpatient {
                schemes: match t.get("schemes") {
                    Some(n) => schemes_in_scope(&n, scope)?,
                    None => scope.schemes.to_vec(),
                },
                who: t.get("who").map(|n| who(&n, scope)).transpose()?,
                max_age: opt_figure(&t, "max_age", Unit::Years)?,
                deductible: opt_figure(&t, "deductible", Unit::Yuan)?,
                deductible_per_visit: opt_figure(&t, "deductible_per_visit", Unit::Yuan)?,
                rate: by_level(&t.req("rate")?, Unit::Percent, scope, false)?,
                annual_cap: opt_figure(&t, "annual_cap", Unit::Yuan)?,
            })
        }
    }
}
