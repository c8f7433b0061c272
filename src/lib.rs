//! orgc compiles organisation policy.
//!
//! ```text
//!  *.policy ──► syntax ──► model ──► check ──► diagnostics (render)
//!   (bytes)   (AST+spans) (typed ids) (rules)      ├──► emit (routing tables, route answers)
//!                                                  └──► report (reports, charts, graphs)
//! ```
//!
//! - [`syntax`]: bytes → text (encodings, limits) → pest → AST, one declaration
//!   at a time, with recovery after a syntax error.
//! - [`model`]: every file's AST → one resolved [`model::Model`] (arenas and
//!   typed ids); duplicates and unknown names are reported here.
//! - [`check`]: the built-in guarantees and the user's rules, one family per file.
//! - [`diagnostics`]: codes, the bilingual message table, rendering.
//! - [`emit`]: routing tables and the answer to one routing question.
//! - [`report`]: reports (Markdown, HTML, JSON), the org chart laid out by
//!   orgc, and the graphs of `orgc graph` (DOT, Mermaid, SVG).
//!
//! The library never prints and never exits; [`compile`] returns the model and
//! every diagnostic, and the CLI decides what to show and which exit code to use.

pub mod check;
pub mod diagnostics;
pub mod diff;
pub mod driver;
pub mod emit;
pub mod expect;
pub mod model;
pub mod names;
pub mod report;
pub mod source;
pub mod syntax;
pub mod text;
pub mod timing;
pub mod vocab;

pub use driver::{compile_bytes, compile_files, compile_str};

pub use driver::{compile, load, Compiled, LoadError};
