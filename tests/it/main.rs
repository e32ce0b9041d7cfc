//! Integration tests: one binary, with a module per concern (ripgrep's layout).

mod cli;
mod corpus;
mod recognizers;
mod robustness;
mod util;
mod wire;
