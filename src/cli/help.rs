//! The command line in the run's language: clap's definitions (`Cli`) with
//! every about, help, heading and value placeholder taken from the one table
//! of words ([`Help`]), and clap's usage errors said as our own messages.
//!
//! The derive's doc comments are only clap's fallback: [`command`] sets every
//! text from the table, in English too, and a test checks that no command or
//! argument is left without an entry.

use super::Cli;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory};
use orgc::diagnostics::{Help, Lang, Message};
use std::ffi::OsString;

/// The policy language's version, as `orgc --version` and the docs give it.
pub const LANGUAGE_VERSION: &str = "0.2";

/// What a command is for.
fn about(name: &str) -> Option<Help> {
    Some(match name {
        "orgc" => Help::AboutOrgc,
        "check" => Help::AboutCheck,
        "build" => Help::AboutBuild,
        "route" => Help::AboutRoute,
        "test" => Help::AboutTest,
        "diff" => Help::AboutDiff,
        "report" => Help::AboutReport,
        "graph" => Help::AboutGraph,
        "explain" => Help::AboutExplain,
        "codes" => Help::AboutCodes,
        "completions" => Help::AboutCompletions,
        "man" => Help::AboutMan,
        _ => return None,
    })
}

/// What an argument of a command is for.
fn help(command: &str, arg: &str) -> Option<Help> {
    Some(match (command, arg) {
        (_, "lang") => Help::ArgLang,
        (_, "color") => Help::ArgColor,
        (_, "help") => Help::ArgHelp,
        (_, "version") => Help::ArgVersion,
        (_, "paths") => Help::ArgPaths,
        ("check", "format") => Help::ArgCheckFormat,
        ("check", "deny_warnings") => Help::ArgDenyWarnings,
        ("test", "format") => Help::ArgTestFormat,
        ("build", "out") => Help::ArgBuildOut,
        ("build", "excel") => Help::ArgExcel,
        ("build", "format") => Help::ArgBasicFormat,
        ("build", "deny_warnings") => Help::ArgBuildDenyWarnings,
        ("route", "query") => Help::ArgQuery,
        ("route", "kind") => Help::ArgKind,
        ("route", "at") => Help::ArgAt,
        ("route", "format") => Help::ArgRouteFormat,
        ("diff", "old") => Help::ArgOld,
        ("diff", "new") => Help::ArgNew,
        ("diff", "format") => Help::ArgDiffFormat,
        ("diff", "fail_on") => Help::ArgFailOn,
        ("report", "out") => Help::ArgReportOut,
        ("report", "format") => Help::ArgReportFormat,
        ("report", "template") => Help::ArgTemplate,
        ("report", "groups") => Help::ArgReportGroups,
        ("report", "show_template") => Help::ArgShowTemplate,
        ("graph", "format") => Help::ArgGraphFormat,
        ("graph", "view") => Help::ArgView,
        ("graph", "groups") => Help::ArgGraphGroups,
        ("graph", "grids") => Help::ArgGrids,
        ("graph", "out") => Help::ArgGraphOut,
        ("explain", "code") => Help::ArgCode,
        ("completions", "shell") => Help::ArgShell,
        ("man", "dir") => Help::ArgManDir,
        _ => return None,
    })
}

/// The placeholder of an argument's value (`<QUERY>`, `<查询>`).
fn value_name(arg: &str) -> Option<Help> {
    Some(match arg {
        "paths" => Help::ValuePaths,
        "query" => Help::ValueQuery,
        "out" | "dir" => Help::ValueDir,
        "template" => Help::ValueFile,
        "at" => Help::ValuePlace,
        "old" => Help::ValueOld,
        "new" => Help::ValueNew,
        "code" => Help::ValueCode,
        "shell" => Help::ValueShell,
        "lang" => Help::ValueLang,
        "color" => Help::ValueColor,
        "format" => Help::ValueFormat,
        "kind" => Help::ValueKind,
        "fail_on" => Help::ValueFailOn,
        "view" => Help::ValueView,
        _ => return None,
    })
}

/// The language asked for on the command line (`--lang zh`, `--lang=en`),
/// read before clap parses it so that clap's own texts speak it; else the
/// locale's.
pub fn lang_of(args: &[OsString]) -> Lang {
    let mut it = args.iter().map(|a| a.to_str().unwrap_or_default());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let value = match a.strip_prefix("--lang") {
            Some("") => it.next(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        match value {
            Some("zh") => return Lang::Zh,
            Some("en") => return Lang::En,
            _ => {}
        }
    }
    super::locale_lang()
}

/// `0.1.0（策略语言 0.2）`: what `orgc --version` prints after `orgc `.
pub fn version(lang: Lang) -> String {
    Message::Version {
        version: env!("CARGO_PKG_VERSION").to_string(),
        language: LANGUAGE_VERSION.to_string(),
    }
    .render(lang)
}

/// The command line's definitions, every text in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    let version: &'static str = Box::leak(version(lang).into_boxed_str());
    let cmd = Cli::command()
        .version(version)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version),
        );
    let mut cmd = localise(cmd, lang);
    cmd.build();
    usages(&mut cmd, lang);
    cmd
}

/// Texts, placeholders, the help flag and the template of `cmd` and of its
/// subcommands.
fn localise(cmd: clap::Command, lang: Lang) -> clap::Command {
    let name = cmd.get_name().to_string();
    let mut cmd = cmd
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help),
        );
    if let Some(about) = about(&name) {
        cmd = cmd.about(about.text(lang)).long_about(None);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in &ids {
        let text = help(&name, id).map(|h| h.text(lang));
        let placeholder = value_name(id).map(|h| h.text(lang));
        cmd = cmd.mut_arg(id, |a| {
            let takes_value = a.get_action().takes_values();
            let mut a = a.long_help(None);
            if let Some(text) = text {
                a = a.help(text);
            }
            if takes_value {
                // the values and the default are said in the help text
                a = a.hide_possible_values(true).hide_default_value(true);
                if let Some(p) = placeholder {
                    a = a.value_name(p);
                }
            }
            a
        });
    }
    let has_positionals = cmd.get_positionals().next().is_some();
    let has_subcommands = cmd.has_subcommands();
    let mut template = format!(
        "{{about-with-newline}}\n{}{{usage}}\n\n",
        Help::Usage.text(lang)
    );
    if has_subcommands {
        template.push_str(&format!(
            "{}\n{{subcommands}}\n\n",
            Help::Commands.text(lang)
        ));
    }
    if has_positionals {
        template.push_str(&format!(
            "{}\n{{positionals}}\n\n",
            Help::Arguments.text(lang)
        ));
    }
    template.push_str(&format!("{}\n{{options}}\n", Help::Options.text(lang)));
    cmd = cmd.help_template(template);
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in subs {
        cmd = cmd.mut_subcommand(sub, |s| localise(s, lang));
    }
    cmd
}

/// Each command's usage line with clap's English placeholders
/// (`[OPTIONS]`, `<COMMAND>`) in `lang`.
fn usages(cmd: &mut clap::Command, lang: Lang) {
    let usage = localise_usage(&cmd.render_usage().to_string(), lang);
    *cmd = std::mem::take(cmd).override_usage(usage);
    for sub in cmd.get_subcommands_mut() {
        usages(sub, lang);
    }
}

/// `Usage: orgc route [OPTIONS] <查询>` → `orgc route [选项] <查询>`.
fn localise_usage(usage: &str, lang: Lang) -> String {
    let usage = usage.find("orgc").map_or(usage, |i| &usage[i..]);
    usage
        .trim_end()
        .replace(
            Help::OptionsPlaceholder.text(Lang::En),
            Help::OptionsPlaceholder.text(lang),
        )
        .replace(
            Help::CommandPlaceholder.text(Lang::En),
            Help::CommandPlaceholder.text(lang),
        )
}

/// The arguments parsed, or what to print and the exit code: help and the
/// version on stdout (0), a usage error on stderr in our words (2).
pub fn parse(args: Vec<OsString>) -> Result<Cli, std::process::ExitCode> {
    use clap::FromArgMatches;
    let lang = lang_of(&args);
    let result = command(lang)
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    match result {
        Ok(cli) => Ok(cli),
        Err(e) => Err(error(&e, lang)),
    }
}

/// Say a clap error in our words and give the exit code.
fn error(e: &clap::Error, lang: Lang) -> std::process::ExitCode {
    use std::process::ExitCode;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            super::emit(&e.render().to_string(), false);
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            super::emit(&e.render().to_string(), true);
            return ExitCode::from(2);
        }
        _ => {}
    }
    let text = |k| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(" "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        _ => String::new(),
    };
    let list = |k| match e.get(k) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let arg = text(ContextKind::InvalidArg);
    let message = match e.kind() {
        ErrorKind::UnknownArgument => Message::UsageUnknownArgument { arg },
        ErrorKind::InvalidSubcommand => Message::UsageUnknownCommand {
            name: text(ContextKind::InvalidSubcommand),
        },
        ErrorKind::InvalidValue if e.get(ContextKind::ValidValue).is_some() => {
            Message::UsageInvalidValue {
                arg,
                value: text(ContextKind::InvalidValue),
                values: list(ContextKind::ValidValue),
            }
        }
        ErrorKind::InvalidValue if text(ContextKind::InvalidValue).is_empty() => {
            Message::UsageMissingValue { arg }
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation | ErrorKind::NoEquals => {
            Message::UsageBadValue {
                arg,
                value: text(ContextKind::InvalidValue),
            }
        }
        ErrorKind::MissingRequiredArgument => Message::UsageMissing {
            args: list(ContextKind::InvalidArg),
        },
        ErrorKind::ArgumentConflict => Message::UsageConflict { arg },
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            Message::UsageTooMany { arg }
        }
        ErrorKind::InvalidUtf8 => Message::UsageNotUtf8,
        ErrorKind::MissingSubcommand => Message::UsageMissingCommand,
        _ => Message::UsageInvalid,
    };
    let mut out = format!("orgc: {}\n", message.render(lang));
    let suggestion = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand]
        .into_iter()
        .map(text)
        .find(|s| !s.is_empty());
    if let Some(suggestion) = suggestion {
        let said = Message::UsageDidYouMean { suggestion }.render(lang);
        out.push_str(&format!("  {said}\n"));
    }
    let usage = localise_usage(&text(ContextKind::Usage), lang);
    if !usage.is_empty() {
        out.push_str(&format!(
            "{}\n",
            Message::UsageLine {
                usage: usage.clone()
            }
            .render(lang)
        ));
        let command: String = usage
            .split(' ')
            .take_while(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
            .collect::<Vec<_>>()
            .join(" ");
        if !command.is_empty() {
            out.push_str(&format!(
                "{}\n",
                Message::UsageMore { command }.render(lang)
            ));
        }
    }
    super::emit(&out, true);
    ExitCode::from(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(cmd: &clap::Command, out: &mut Vec<(String, String)>) {
        out.push((cmd.get_name().to_string(), String::new()));
        for a in cmd.get_arguments() {
            out.push((cmd.get_name().to_string(), a.get_id().to_string()));
        }
        for s in cmd.get_subcommands() {
            walk(s, out);
        }
    }

    #[test]
    fn every_command_and_argument_has_its_words_in_the_table() {
        let mut all = Vec::new();
        walk(&command(Lang::En), &mut all);
        for (cmd, arg) in all {
            if cmd == "__internal-panic" {
                continue;
            }
            if arg.is_empty() {
                assert!(about(&cmd).is_some(), "command `{cmd}` has no about");
            } else {
                assert!(help(&cmd, &arg).is_some(), "`{cmd} --{arg}` has no help");
            }
        }
    }

    #[test]
    fn lang_is_read_before_parsing() {
        let args = |s: &str| s.split(' ').map(OsString::from).collect::<Vec<_>>();
        assert_eq!(lang_of(&args("orgc --lang zh check")), Lang::Zh);
        assert_eq!(lang_of(&args("orgc check --lang=en")), Lang::En);
        assert_eq!(
            lang_of(&args("orgc route -- --lang=zh")),
            super::super::locale_lang()
        );
    }

    #[test]
    fn chinese_help_has_chinese_headings_and_placeholders() {
        let mut cmd = command(Lang::Zh);
        let route = cmd
            .find_subcommand_mut("route")
            .map(|c| c.render_help().to_string());
        let route = route.unwrap_or_default();
        assert!(
            route.contains("用法：orgc route [选项] <查询> [路径]..."),
            "{route}"
        );
        assert!(
            route.contains("参数：") && route.contains("选项："),
            "{route}"
        );
        assert!(
            !route.contains("Usage") && !route.contains("Options"),
            "{route}"
        );
    }
}
