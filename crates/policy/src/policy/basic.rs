//! Basic medical insurance (基本医保): per stay, per scheme.

use rust_decimal::Decimal;
use serde::Serialize;

use super::data::decoded;

use crate::error::PolicyError;

use super::figures::figures;
use super::validate::Invalid;
use super::{ByLevel, Figure, Reach, Rule, Scheme, Who};

decoded! {
    /// The basic insurance of every scheme of the version.
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct BasicInsurance {
        /// One per scheme of the version, in its order.
        pub by_scheme: Vec<Basic>,
    }
}

decoded! {
    /// Basic medical insurance of one scheme.
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct Basic {
        pub scheme: Scheme,
        /// 起付线 per stay.
        pub deductible: ByLevel,
        /// 报销比例 per stay.
        pub rate: ByLevel,
        /// 统筹基金年度最高支付限额, across all stays of the year.
        pub annual_cap: Option<Figure>,
        /// A lower deductible for children (e.g. Haiyuan: under 12, level 2: 90).
        pub children: Option<ChildDeductible>,
        /// The deductible from the second stay of the year on, where it differs.
        pub later_stay_deductible: Option<ByLevel>,
        /// Rate raised by points for some categories.
        pub rate_raises: Vec<RateRaise>,
        /// 大额医疗补助: pays a share of what the annual cap left unpaid.
        pub top_up: Option<TopUp>,
        /// A fixed amount for a stay for a disease (单病种限额, 按病种付费,
        /// 剖宫产补助), instead of the deductible and rate.
        pub fixed_payments: Vec<FixedPayment>,
    }
}

decoded! {
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct FixedPayment {
        /// An id of the version's disease list.
        pub disease: String,
        /// Paid for such a stay, at most its compliant cost.
        pub amount: Figure,
    }
}

decoded! {
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct ChildDeductible {
        /// Applies to people of this age and younger: the policy texts write
        /// "12岁以下", and 以下 includes the number itself (民法典 第一千二百五十九条).
        pub max_age: Figure,
        /// Only the levels where it differs.
        pub deductible: ByLevel,
    }
}

decoded! {
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct RateRaise {
        pub who: Who,
        pub points: Figure,
    }
}

decoded! {
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct TopUp {
        pub rate: Figure,
        /// The most it pays in a year.
        pub cap: Figure,
    }
}

figures!(BasicInsurance; by_scheme);
figures!(
    Basic,
    |basic, reach| Reach { schemes: Some(std::slice::from_ref(&basic.scheme)), ..reach };
    deductible, rate, annual_cap, children, later_stay_deductible, rate_raises, top_up,
    fixed_payments
);
figures!(FixedPayment; amount);
figures!(ChildDeductible; max_age, deductible);
figures!(RateRaise, |raise, reach| raise.who.narrow(reach); who, points);
figures!(TopUp; rate, cap);

impl BasicInsurance {
    pub fn for_scheme(&self, scheme: Scheme) -> Option<&Basic> {
        self.by_scheme.iter().find(|b| b.scheme == scheme)
    }
}

impl Basic {
    /// The fixed payment for a stay for `disease`, if the scheme has one.
    pub fn fixed_payment(&self, disease: Option<&str>) -> Option<&FixedPayment> {
        let disease = disease?;
        self.fixed_payments.iter().find(|f| f.disease == disease)
    }
}

impl Rule for BasicInsurance {
    /// A raised rate stays within 100%.
    fn check(&self) -> Result<(), Invalid> {
        for basic in &self.by_scheme {
            let highest_rate = basic.rate.0.iter().map(|(_, f)| f).max_by_key(|f| f.value);
            for raise in &basic.rate_raises {
                if let Some(rate) = highest_rate
                    && rate.value + raise.points.value > Decimal::ONE
                {
                    let kind = PolicyError::RaisedRateAbove100;
                    return Err(Invalid::at(&raise.points, kind, Some(rate)));
                }
            }
        }
        Ok(())
    }
}

/// Reading the rules from a policy file (feature `files`; the page's
/// modules load policy data instead).
#[cfg(feature = "files")]
mod reading {
    use crate::choice::{Choice, ids};
    use crate::policy::read::{
        Scope, by_level, ids_static, only_once, opt_figure, req_figure, who,
    };
    use crate::read::Node;

    use super::*;
    use crate::error::{Error, InputError, RequestError};
    use crate::policy::{ReadRule, Unit};

    impl ReadRule for BasicInsurance {
        /// `[basic.<scheme>]` for every scheme of the version.
        fn read(node: &Node, scope: &Scope) -> Result<Self, Error> {
            let t = node.table(&ids_static::<Scheme>())?;
            if let Some((scheme, child)) = t
                .choice_entries::<Scheme>()
                .into_iter()
                .find(|(s, _)| !scope.schemes.contains(s))
            {
                return Err(child.error(RequestError::NotInPolicy {
                    value: scheme.id().to_string(),
                    allowed: ids(scope.schemes),
                }));
            }
            let by_scheme = scope
                .schemes
                .iter()
                .map(|&scheme| basic(&t.req(scheme.id())?, scheme, scope))
                .collect::<Result<_, _>>()?;
            Ok(BasicInsurance { by_scheme })
        }
    }

    fn basic(node: &Node, scheme: Scheme, scope: &Scope) -> Result<Basic, Error> {
        let t = node.table(&[
            "deductible",
            "rate",
            "annual_cap",
            "children",
            "later_stay_deductible",
            "rate_raises",
            "top_up",
            "fixed_payments",
        ])?;
        let children = match t.get("children") {
            None => None,
            Some(n) => {
                let c = n.table(&["max_age", "deductible"])?;
                Some(ChildDeductible {
                    max_age: req_figure(&c, "max_age", Unit::Years)?,
                    deductible: by_level(&c.req("deductible")?, Unit::Yuan, scope, false)?,
                })
            }
        };
        let mut rate_raises: Vec<RateRaise> = Vec::new();
        let raises_node = t.get("rate_raises");
        for item in raises_node
            .as_ref()
            .map(|n| n.list())
            .transpose()?
            .unwrap_or_default()
        {
            let r = item.table(&["who", "points"])?;
            let who_node = r.req("who")?;
            let who = who(&who_node, scope)?;
            only_once(&who, rate_raises.iter().map(|raise| &raise.who), &who_node)?;
            rate_raises.push(RateRaise {
                who,
                points: req_figure(&r, "points", Unit::Percent)?,
            });
        }
        let top_up = match t.get("top_up") {
            None => None,
            Some(n) => {
                let u = n.table(&["rate", "cap"])?;
                Some(TopUp {
                    rate: req_figure(&u, "rate", Unit::Percent)?,
                    cap: req_figure(&u, "cap", Unit::Yuan)?,
                })
            }
        };
        let mut fixed_payments: Vec<FixedPayment> = Vec::new();
        let fixed_node = t.get("fixed_payments");
        for item in fixed_node
            .as_ref()
            .map(|n| n.list())
            .transpose()?
            .unwrap_or_default()
        {
            let f = item.table(&["disease", "amount"])?;
            let disease_node = f.req("disease")?;
            let disease = crate::policy::diseases::reading::id(&disease_node, scope)?;
            if fixed_payments.iter().any(|p| p.disease == disease) {
                return Err(disease_node.error(InputError::Duplicate { value: disease }));
            }
            fixed_payments.push(FixedPayment {
                disease,
                amount: req_figure(&f, "amount", Unit::Yuan)?,
            });
        }
        if top_up.is_some() && !t.has("annual_cap") {
            // A top-up pays above the annual cap: without a cap it would never pay.
            return Err(t.missing("annual_cap"));
        }
        Ok(Basic {
            scheme,
            deductible: by_level(&t.req("deductible")?, Unit::Yuan, scope, true)?,
            rate: by_level(&t.req("rate")?, Unit::Percent, scope, true)?,
            annual_cap: opt_figure(&t, "annual_cap", Unit::Yuan)?,
            children,
            later_stay_deductible: t
                .get("later_stay_deductible")
                .map(|n| by_level(&n, Unit::Yuan, scope, true))
                .transpose()?,
            rate_raises,
            top_up,
            fixed_payments,
        })
    }
}
