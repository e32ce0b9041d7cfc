//! The extractors: each reads a `Document` and returns typed spans.

pub mod dates;
pub mod figures;
pub mod numbers;
pub mod sectors;
pub mod units;
pub mod words;
