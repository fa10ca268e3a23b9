//! Government backstop (政府兜底): caps the compliant cost a person still pays.

use serde::Serialize;

use super::data::decoded;

use super::figures::figures;
use super::{Figure, Rule, Who};

decoded! {
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct Backstop {
        pub who: Who,
        /// At most this share of the year's compliant cost.
        pub max_share: Option<Figure>,
        /// At most this amount in the year.
        pub max_amount: Option<Figure>,
    }
}

figures!(Backstop, |b, reach| b.who.narrow(reach); who, max_share, max_amount);

impl Rule for Backstop {}

/// Reading the rules from a policy file (feature `files`; the page's
/// modules load policy data instead).
#[cfg(feature = "files")]
mod reading {
    use crate::policy::read::{Scope, opt_figure, who};
    use crate::read::Node;

    use super::*;
    use crate::error::Error;
    use crate::policy::{ReadRule, Unit};

    impl ReadRule for Backstop {
        fn read(node: &Node, scope: &Scope) -> Result<Self, Error> {
            let t = node.table(&["who", "max_share", "max_amount"])?;
            let backstop = Backstop {
                who: who(&t.req("who")?, scope)?,
                max_share: opt_figure(&t, "max_share", Unit::Percent)?,
                max_amount: opt_figure(&t, "max_amount", Unit::Yuan)?,
            };
            if backstop.max_share.is_none() && backstop.max_amount.is_none() {
                return Err(t.missing("max_share"));
            }
            Ok(backstop)
        }
    }
}
