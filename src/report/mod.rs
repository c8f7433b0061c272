//! Phase 4, emit: reports and pictures of a checked model, for people.
//!
//! - [`data`]: the figures of a report (targets measured, load per
//!   department, transfers, devolutions, joint cases, dispatch, service
//!   centres, staffing, coverage, the org tree), in the run's language;
//! - [`sections`]: the later sections of the data (transfers, devolutions,
//!   joint cases, dispatch, centres, staffing, coverage);
//! - [`render`]: the report as Markdown or HTML through an editable
//!   minijinja template (`templates/`), or as JSON;
//! - [`chart`]: orgc's own layout of a tree chart, for A4 and screens;
//! - [`text`]: measuring text by display width and wrapping it;
//! - [`svg`]: drawing a layout, and the bar chart of the load;
//! - [`graph`]: `orgc graph`'s views as DOT, Mermaid or SVG;
//! - [`labels`]: the words of reports and charts, in both languages.
//!
//! Input: a model that checks clean of errors (and its warnings, which the
//! coverage section lists). Output: text; the CLI writes it atomically.

pub mod chart;
pub mod data;
pub mod graph;
pub mod labels;
pub mod render;
pub mod sections;
pub mod svg;
pub mod text;

pub use data::{build, Report};
pub use render::{render, Format, Options};
