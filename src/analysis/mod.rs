//! Views that help explain a policy to a household, built on the cascade:
//! every category side by side ([`categories`]), out-of-pocket against the
//! bill ([`curve`]) and a year of stays ([`year`]). Each looks the policy
//! version up once ([`crate::engine::prepare`]) and runs the cascade many
//! times, in summary mode where it needs only the amounts.

pub mod categories;
pub mod curve;
pub mod year;

use rust_decimal::Decimal;

use crate::choice;
use crate::engine::{Estimate, LayerId};

/// What a layer has paid in an estimate (nothing if the policy lacks the layer).
fn paid(estimate: &Estimate, layer: LayerId) -> Decimal {
    estimate
        .layers
        .iter()
        .find(|l| l.id == layer)
        .map_or(Decimal::ZERO, |l| l.paid.0)
}

choice! {
    /// Where a layer's payment changes course.
    pub enum MarkKind {
        /// It starts paying: its threshold (or deductible) is passed.
        Starts = "starts", "开始支付", "starts paying";
        /// It stops rising while costs rise: its annual cap or limit is reached.
        Cap = "cap", "到达封顶", "reaches its limit";
    }
}
