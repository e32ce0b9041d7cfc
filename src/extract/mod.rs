//! The extractors: each reads a `Document` and returns typed spans.

pub mod dates;
pub mod figures;
pub mod gazetteer;
pub mod numbers;
pub mod places;
pub mod sectors;
pub mod targets;
pub mod units;
pub mod words;
