//! Integration tests: one binary, with a module per concern (ripgrep's layout).

mod cli;
mod corpus;
mod util;
mod wire;
