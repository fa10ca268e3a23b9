//! One bill, every category of the policy side by side: what each layer pays
//! for each, and the rules (tilts) that make the difference, with sources.

use serde::Serialize;

use crate::choice::Choice;
use crate::engine::trace::FigureUse;
use crate::engine::{self, Estimate, Request};
use crate::error::{Error, RequestError};
use crate::policy::{Category, Policy};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryComparison {
    /// The category the others are compared with: the version's first
    /// (ordinary residents, in every shipped policy that has them).
    pub base: Category,
    /// The version's categories, in its order.
    pub rows: Vec<CategoryRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryRow {
    pub category: Category,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    /// Payments and assumptions (as in summary mode: no steps).
    pub estimate: Estimate,
    /// The figures and rules this category's estimate used that the base
    /// category's did not (a lower threshold, a raised rate, being covered by
    /// medical assistance at all), each with its source or assumption.
    pub differences: Vec<FigureUse>,
}

/// Estimates `request`'s bill for every category of its policy version.
pub fn compare(request: &Request, policies: &[Policy]) -> Result<CategoryComparison, Error> {
    let prepared = engine::prepare(request, policies)?;
    let categories = prepared.version().categories.clone();
    let base = *categories.first().ok_or_else(|| {
        Error::new(
            "category",
            RequestError::NotInPolicy {
                value: request.category.id().to_string(),
                allowed: Vec::new(),
            },
        )
    })?;
    let mut base_figures: Vec<FigureUse> = Vec::new();
    let mut rows = Vec::with_capacity(categories.len());
    for (i, &category) in categories.iter().enumerate() {
        let mut estimate = prepared.estimate(&Request {
            category,
            explain: true,
            ..request.clone()
        })?;
        // The figures tell which rules applied; the steps are not shown here.
        let figures = std::mem::take(&mut estimate.figures);
        estimate.layers.iter_mut().for_each(|l| l.steps.clear());
        let differences = if i == 0 {
            base_figures = figures;
            Vec::new()
        } else {
            figures
                .into_iter()
                .filter(|f| !base_figures.iter().any(|b| b.parameter == f.parameter))
                .collect()
        };
        rows.push(CategoryRow {
            category,
            name_zh: category.name_zh(),
            name_en: category.name_en(),
            estimate,
            differences,
        });
    }
    Ok(CategoryComparison { base, rows })
}
