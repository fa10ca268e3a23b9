//! The engine's part of the registry of benefits
//! ([`yibao_policy::for_each_benefit`]): the layer ids, and the dispatch to
//! each benefit's module in `engine/` (its `pay` and its `describe`).

use crate::choice;
use crate::describe::Block;
use crate::policy::Version;

use super::{Context, LayerPay, Ledger};

macro_rules! layers {
    ($($field:ident: $layer:ident($rule:ident) = $key:literal, $zh:literal, $en:literal;)+) => {
        choice! {
            /// The layers of medical security, in the order they pay.
            pub enum LayerId {
                $($layer = $key, $zh, $en;)+
            }
        }

        impl LayerId {
            /// Whether `version` has this layer.
            pub fn in_version(self, version: &Version) -> bool {
                match self {
                    $(LayerId::$layer => version.benefits.$field.is_some(),)+
                }
            }
        }

        /// What layer `id` pays, given what the layers before it paid
        /// (`None`: the version does not have it).
        pub(super) fn pay<'v>(id: LayerId, cx: &Context<'v>, ledger: &Ledger) -> Option<LayerPay<'v>> {
            let benefits = &cx.version.benefits;
            match id {
                $(LayerId::$layer => benefits.$field.as_ref().map(|rule| super::$field::pay(cx, rule, ledger)),)+
            }
        }

        /// The rules of layer `id` in `version`, in words, each figure with
        /// its source or assumption (nothing when the version lacks it).
        pub(crate) fn describe(id: LayerId, version: &Version, out: &mut Vec<Block>) {
            let benefits = &version.benefits;
            match id {
                $(LayerId::$layer => if let Some(rule) = &benefits.$field {
                    super::$field::describe(rule, version, out)
                },)+
            }
        }
    };
}
yibao_policy::for_each_benefit!(layers);
