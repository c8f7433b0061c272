//! `orgc explain CODE` and `orgc codes`: the code table and its pages.

use super::{emit, say, Env};
use orgc::diagnostics::{suggest, Code, Message, CODES};
use std::process::ExitCode;

pub fn explain(code: &str, env: Env) -> ExitCode {
    if let Some(c) = Code::parse(code) {
        // the pages' markers for the docs test (`<!-- expect E201 -->`) are
        // not for the reader
        let page: String = c
            .info()
            .explain(env.lang)
            .lines()
            .filter(|l| !(l.trim_start().starts_with("<!--") && l.trim_end().ends_with("-->")))
            .map(|l| format!("{l}\n"))
            .collect();
        emit(&page, false);
        return ExitCode::SUCCESS;
    }
    let names = CODES.iter().map(|c| c.code.as_str());
    let message = match suggest::did_you_mean(&code.to_ascii_uppercase(), names) {
        Some(s) => Message::UnknownCodeDidYouMean {
            code: code.to_string(),
            suggestion: s.to_string(),
        },
        None => Message::UnknownCode {
            code: code.to_string(),
        },
    };
    say(&message, env);
    ExitCode::from(2)
}

pub fn codes(env: Env) -> ExitCode {
    let mut out = String::new();
    for c in CODES {
        out.push_str(&format!(
            "{:<5} {:<28} {}\n",
            c.code.as_str(),
            c.name,
            c.title(env.lang)
        ));
    }
    emit(&out, false);
    ExitCode::SUCCESS
}
