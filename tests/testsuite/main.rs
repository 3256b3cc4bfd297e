//! One integration-test binary (as mdBook does): each module is a feature, each test builds
//! a fixture site (or the sample province) and asserts on the output.

mod build;
mod check;
mod ci_examples;
mod compare;
mod crash;
mod explain;
mod fix_encoding;
mod follow_up;
mod fuzz;
mod hostile;
mod import;
mod open_data_provinces;
mod portal;
mod provinces;
mod sample;
mod scaffold;
mod search_provinces;
mod serve;
mod snapshots;
mod util;
mod word_fixtures;
mod word_hostile;
mod word_import;
