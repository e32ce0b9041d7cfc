//! Integration tests: one binary, with a module per concern (ripgrep's layout).

mod batch;
mod cli;
mod cluener;
mod corpus;
mod eval;
mod news_bench;
mod recognizers;
mod recognizers_dates;
mod robustness;
mod util;
mod wire;
