//! `minhbach` ("minh bạch", transparency): a static site generator with which a Vietnamese
//! provincial Department of Education publishes every school's quality accreditation,
//! national-standard recognition and approved self-assessment summaries.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`content`] (load files) → [`regulation`] (the law as data) → [`check`] (findings and
//! judgements) → [`site`] (the model) → [`render`] (Tera) → [`output`] (atomic write).
//! [`build`] runs them in order.

pub mod build;
pub mod calendar;
pub mod check;
pub mod content;
pub mod diagnostic;
pub mod import;
pub mod messages;
pub mod output;
pub mod regulation;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod text;

pub use build::{BuildError, BuildOptions, BuildSummary, build, check_site};
