//! The commands: load and check the set, print what was found, then (for
//! `build`, `route` and `test`) call the emitters, which refuse to answer from a
//! set with errors (exit 1).

use crate::emit;
use orgc::diagnostics::render::{self, Format, Options};
use orgc::diagnostics::{Key, Lang, Text};
use orgc::emit::route;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn default_paths(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths
    }
}

fn options(lang: Lang, format: Format, color: bool) -> Options {
    Options {
        lang,
        format,
        color,
        width: 100,
    }
}

/// Compile and print the diagnostics (a JSON document even when there are
/// none). `Err` only when the set could not be read (exit 2).
fn compile_reported(
    paths: Vec<PathBuf>,
    format: Format,
    lang: Lang,
    color: bool,
) -> Result<orgc::Compiled, ExitCode> {
    let compiled = match orgc::compile(&default_paths(paths)) {
        Ok(c) => c,
        Err(e) => {
            emit(&format!("orgc: {e}\n"), true);
            return Err(ExitCode::from(2));
        }
    };
    if !compiled.diagnostics.is_empty() || format == Format::Json {
        let text = render::render(
            &compiled.diagnostics,
            &compiled.sources,
            options(lang, format, color),
        );
        emit(&text, format != Format::Json);
    }
    Ok(compiled)
}

/// Compile, print the diagnostics, and return the result only if it has no errors.
fn checked(
    paths: Vec<PathBuf>,
    format: Format,
    lang: Lang,
    color: bool,
) -> Result<orgc::Compiled, ExitCode> {
    let compiled = compile_reported(paths, format, lang, color)?;
    if compiled.has_errors() {
        return Err(ExitCode::from(1));
    }
    Ok(compiled)
}

pub fn check(
    paths: Vec<PathBuf>,
    format: Format,
    deny_warnings: bool,
    lang: Lang,
    color: bool,
) -> ExitCode {
    let compiled = match compile_reported(paths, format, lang, color) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let failed = compiled.has_errors() || (deny_warnings && !compiled.diagnostics.is_empty());
    if format != Format::Json && !failed {
        let m = &compiled.model;
        let tail = match (lang, compiled.diagnostics.len()) {
            (_, 0) => String::new(),
            (Lang::Zh, n) => format!("（另有 {n} 个警告）"),
            (Lang::En, n) => format!(" (and {n} warning(s))"),
        };
        let (files, depts, items, communities, rules) = (
            compiled.sources.len(),
            m.departments.len(),
            m.items.len(),
            m.communities().count(),
            m.rules.len(),
        );
        let msg = match lang {
            Lang::Zh => format!("检查通过：{files} 个文件，{depts} 个部门，{items} 个事项，{communities} 个社区，{rules} 条规则{tail}\n"),
            Lang::En => format!("ok: {files} files, {depts} departments, {items} items, {communities} communities, {rules} rules{tail}\n"),
        };
        emit(&msg, true);
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

pub fn build(
    paths: Vec<PathBuf>,
    out: &Path,
    excel: bool,
    format: Format,
    lang: Lang,
    color: bool,
) -> ExitCode {
    let compiled = match checked(paths, format, lang, color) {
        Ok(c) => c,
        Err(code) => {
            let msg = match lang {
                Lang::Zh => "orgc: 策略集有错误，未写出任何文件\n",
                Lang::En => "orgc: the policy set has errors; nothing was written\n",
            };
            if code == ExitCode::from(1) {
                emit(msg, true);
            }
            return code;
        }
    };
    let digest = orgc::emit::digest(&compiled.sources);
    let routes = orgc::emit::routes::build(&compiled.model, &compiled.derived, &digest);
    let opts = orgc::emit::tables::Options { excel_bom: excel };
    match orgc::emit::tables::write_all(&routes, &digest, out, opts) {
        Ok(files) => {
            let msg = match lang {
                Lang::Zh => format!(
                    "已写出 {} 个文件到 {}（{} 个事项，{} 个社区）\n",
                    files.len(),
                    out.display(),
                    routes.items.len(),
                    routes.communities.len()
                ),
                Lang::En => format!(
                    "wrote {} files to {} ({} items, {} communities)\n",
                    files.len(),
                    out.display(),
                    routes.items.len(),
                    routes.communities.len()
                ),
            };
            emit(&msg, true);
            ExitCode::SUCCESS
        }
        Err(e) => {
            emit(&format!("orgc: {e}\n"), true);
            ExitCode::from(2)
        }
    }
}

pub fn route(
    query: &str,
    paths: Vec<PathBuf>,
    kind: Option<String>,
    format: Format,
    lang: Lang,
) -> ExitCode {
    if let Some(k) = &kind {
        if !route::KINDS.contains(&k.as_str()) {
            emit(
                &format!(
                    "orgc: unknown kind `{k}`; expected one of: {}\n",
                    route::KINDS.join(", ")
                ),
                true,
            );
            return ExitCode::from(2);
        }
    }
    let compiled = match checked(paths, Format::Plain, lang, false) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let (m, d, sources) = (&compiled.model, &compiled.derived, &compiled.sources);
    let found = route::find(m, query, kind.as_deref());
    if found.is_empty() {
        // the name may exist as another kind of thing than `--kind` asked for
        let other: Vec<&str> = if kind.is_some() {
            route::find(m, query, None)
                .iter()
                .map(|s| s.kind())
                .collect()
        } else {
            Vec::new()
        };
        let hint = if let Some(k) = other.first() {
            match lang {
                Lang::Zh => format!("不过有一个 {k} 叫这个名字。"),
                Lang::En => format!(" There is a {k} of that name."),
            }
        } else {
            route::suggestion(m, query)
                .map(|s| {
                    let t = Text::new(Key::HelpDidYouMean)
                        .arg("suggestion", s)
                        .render(lang);
                    if lang == Lang::Zh {
                        t
                    } else {
                        format!(" {t}")
                    }
                })
                .unwrap_or_default()
        };
        let msg = match lang {
            Lang::Zh => format!("orgc: 找不到 `{query}`。{hint}\n"),
            Lang::En => format!("orgc: nothing is called `{query}`.{hint}\n"),
        };
        emit(&msg, true);
        return ExitCode::from(2);
    }
    let answers: Vec<route::Answer> = found.into_iter().map(|s| route::answer(m, d, s)).collect();
    let place = |span: orgc::source::Span| {
        sources.get(span.file).map(|f| {
            let (l, c) = f.line_col(span.start);
            (f.display_path(), l, c)
        })
    };
    let text = if format == Format::Json {
        let list: Vec<serde_json::Value> = answers
            .iter()
            .map(|a| {
                serde_json::json!({
                    "kind": a.subject.kind(),
                    "subject": a.label,
                    "handlers": a.handlers,
                    "tier": a.tier,
                    "reasons": a.reasons.iter().map(|r| {
                        let (file, line, column) = place(r.span).unwrap_or_default();
                        serde_json::json!({"file": file, "line": line, "column": column, "text": r.text.render(lang)})
                    }).collect::<Vec<_>>(),
                })
            })
            .collect();
        let mut s =
            serde_json::to_string_pretty(&serde_json::json!({"query": query, "answers": list}))
                .unwrap_or_default();
        s.push('\n');
        s
    } else {
        let mut s = String::new();
        for a in &answers {
            let (handled, tier_word, why) = match lang {
                Lang::Zh => ("办理", "时限", "依据"),
                Lang::En => ("handled by", "tier", "because"),
            };
            s.push_str(&format!(
                "{} {}\n",
                a.subject.kind(),
                orgc::diagnostics::escape(&a.label)
            ));
            if !a.handlers.is_empty() {
                s.push_str(&format!("  {handled}: {}\n", a.handlers.join(" · ")));
            }
            if let Some(t) = &a.tier {
                s.push_str(&format!("  {tier_word}: {t}\n"));
            }
            s.push_str(&format!("  {why}:\n"));
            for r in &a.reasons {
                if let Some((file, line, _)) = place(r.span) {
                    s.push_str(&format!("    {file}:{line}  {}\n", r.text.render(lang)));
                }
            }
        }
        s
    };
    emit(&text, false);
    ExitCode::SUCCESS
}

pub fn test(paths: Vec<PathBuf>, format: Format, lang: Lang, color: bool) -> ExitCode {
    let compiled = match checked(paths, format, lang, color) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let outcome = orgc::expect::run(&compiled.model, &compiled.derived);
    let failed = compiled.model.expects.len() - outcome.passed;
    if format == Format::Json {
        let opts = options(lang, format, color);
        let mut doc: serde_json::Value =
            serde_json::from_str(&render::render(&outcome.failures, &compiled.sources, opts))
                .unwrap_or_default();
        doc["passed"] = outcome.passed.into();
        doc["failed"] = failed.into();
        emit(
            &format!(
                "{}\n",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            ),
            false,
        );
    } else {
        if !outcome.failures.is_empty() {
            let opts = options(lang, format, color);
            // the failures without the diagnostic summary line: the summary is ours
            let text = render::render(&outcome.failures, &compiled.sources, opts);
            let text = text
                .trim_end()
                .rsplit_once('\n')
                .map(|(body, _)| body.to_string())
                .unwrap_or_default();
            emit(&format!("{text}\n"), true);
        }
        emit(
            &format!("{} passed, {failed} failed\n", outcome.passed),
            false,
        );
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
