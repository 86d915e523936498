//! `claimscan completions SHELL` and `claimscan man`: the command line
//! described for shells and for `man`, both generated from [`crate::cli`]
//! so they never disagree with it.
//!
//! `man` lives here rather than in a file of its own: it takes no
//! arguments and is the same kind of thing, a rendering of the clap
//! command.

use crate::cli::{Cli, CompletionsArgs};
use crate::cmd::Status;
use clap::CommandFactory;
use std::io::Write;

/// Runs `claimscan completions`: the completion script on stdout.
pub(crate) fn run(args: &CompletionsArgs) -> anyhow::Result<Status> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&completions(args.shell))?;
    stdout.flush()?;
    Ok(Status::Success)
}

/// Runs `claimscan man`: the man page, in roff, on stdout.
pub(crate) fn man() -> anyhow::Result<Status> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&man_page()?)?;
    stdout.flush()?;
    Ok(Status::Success)
}

/// The completion script of `claimscan` for `shell`.
pub(crate) fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "claimscan", &mut out);
    out
}

/// The man page of `claimscan` (section 1, roff), subcommands included.
pub(crate) fn man_page() -> std::io::Result<Vec<u8>> {
    let cmd = Cli::command();
    let mut out = Vec::new();
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    // One section per subcommand, with its long help (and its example).
    for sub in cmd.get_subcommands() {
        let name = sub.get_name();
        if name == "help" {
            continue;
        }
        writeln!(out, ".SH \"CLAIMSCAN {}\"", name.to_uppercase())?;
        let full = format!("claimscan {name}");
        let sub_man = clap_mangen::Man::new(sub.clone().display_name(full.clone()).bin_name(full));
        let mut body = Vec::new();
        sub_man.render_synopsis_section(&mut body)?;
        sub_man.render_description_section(&mut body)?;
        sub_man.render_options_section(&mut body)?;
        // Demote the sub-page's own section headings under this one.
        let body = String::from_utf8_lossy(&body).replace(".SH ", ".SS ");
        out.extend_from_slice(body.as_bytes());
    }
    man.render_version_section(&mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bash_completions_name_the_subcommands() {
        let script = String::from_utf8(completions(clap_complete::Shell::Bash)).unwrap();
        for sub in ["extract", "export", "stats", "schema"] {
            assert!(script.contains(sub), "bash completions lack {sub:?}");
        }
    }

    #[test]
    fn every_shell_has_a_script() {
        use clap::ValueEnum;
        for shell in clap_complete::Shell::value_variants() {
            assert!(!completions(*shell).is_empty(), "{shell} completions are empty");
        }
    }

    #[test]
    fn man_page_is_roff_with_every_subcommand() {
        let page = String::from_utf8(man_page().unwrap()).unwrap();
        assert!(page.contains(".TH"), "no .TH header:\n{page}");
        for sub in Cli::command().get_subcommands() {
            let heading = format!("CLAIMSCAN {}", sub.get_name().to_uppercase());
            assert!(page.contains(&heading), "man page lacks {heading}");
        }
    }

    #[test]
    fn every_subcommand_help_shows_an_example() {
        for sub in Cli::command().get_subcommands() {
            let help = [sub.get_long_about(), sub.get_after_help(), sub.get_after_long_help()]
                .into_iter()
                .flatten()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join("\n");
            assert!(
                help.contains("Example:"),
                "`claimscan {}` --help has no example",
                sub.get_name()
            );
        }
    }
}
