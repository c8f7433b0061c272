//! `orgc completions SHELL` and `orgc man [DIR]`: made from the clap
//! definitions, in the run's language, so they never disagree with `--help`.

use super::{emit, help, say, Env};
use orgc::diagnostics::{io_error, Lang, Message};
use std::path::Path;
use std::process::ExitCode;

/// A completion script for `shell` on stdout.
pub fn completions(shell: clap_complete::Shell, env: Env) -> ExitCode {
    let mut cmd = help::command(env.lang);
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "orgc", &mut out);
    emit(&String::from_utf8_lossy(&out), false);
    ExitCode::SUCCESS
}

/// clap_mangen's section headings, in the run's language.
fn headings(roff: String, lang: Lang) -> String {
    if lang == Lang::En {
        return roff;
    }
    [
        (".SH NAME", ".SH 名称"),
        (".SH SYNOPSIS", ".SH 概要"),
        (".SH DESCRIPTION", ".SH 说明"),
        (".SH OPTIONS", ".SH 选项"),
        (".SH SUBCOMMANDS", ".SH 命令"),
        (".SH VERSION", ".SH 版本"),
        (".SH EXTRA", ".SH 其他"),
        (".SH AUTHORS", ".SH 作者"),
    ]
    .iter()
    .fold(roff, |s, (en, zh)| s.replace(en, zh))
}

/// The page of one command (`orgc`, `orgc-route` …) as roff.
fn page(cmd: clap::Command, lang: Lang) -> Result<String, std::io::Error> {
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut out)?;
    Ok(headings(String::from_utf8_lossy(&out).into_owned(), lang))
}

/// orgc(1) on stdout, or a page per command (`orgc.1`, `orgc-route.1` …) in `dir`.
pub fn man(dir: Option<&Path>, env: Env) -> ExitCode {
    let cmd = help::command(env.lang);
    let Some(dir) = dir else {
        return match page(cmd, env.lang) {
            Ok(text) => {
                emit(&text, false);
                ExitCode::SUCCESS
            }
            Err(e) => {
                say(
                    &Message::Internal {
                        what: e.to_string(),
                    },
                    env,
                );
                ExitCode::from(101)
            }
        };
    };
    let mut pages = vec![("orgc".to_string(), cmd.clone())];
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("orgc-{}", sub.get_name());
        // a page is named after its command (`orgc-route`); clap wants a
        // `'static` name, and the few pages are made once per run
        let page_name: &'static str = Box::leak(name.clone().into_boxed_str());
        pages.push((name, sub.clone().name(page_name)));
    }
    let mut written = 0usize;
    for (name, cmd) in pages {
        let path = dir.join(format!("{name}.1"));
        let result = std::fs::create_dir_all(dir)
            .and_then(|()| page(cmd, env.lang))
            .and_then(|text| orgc::emit::write_atomic(&path, text.as_bytes()));
        if let Err(e) = result {
            say(
                &Message::CannotWrite {
                    path: path.display().to_string(),
                    error: Box::new(io_error(&e)),
                },
                env,
            );
            return ExitCode::from(2);
        }
        written += 1;
    }
    let wrote = Message::ManWrote {
        count: written.into(),
        out: dir.display().to_string(),
    };
    emit(&format!("{}\n", wrote.render(env.lang)), true);
    ExitCode::SUCCESS
}
