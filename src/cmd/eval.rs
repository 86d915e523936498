//! `claimscan eval`: score a claims file against a gold file, as score.py does.
use crate::cli::EvalArgs;
use crate::cmd::Status;
use crate::dataset::eval;
use std::io::Write;

/// Runs `claimscan eval`: loads both files, scores, prints the report to stdout.
///
/// The text report (or with `--json` the JSON one) and the `--errors`
/// listing are byte for byte what `shared/eval/score.py` prints.
pub(crate) fn run(args: &EvalArgs) -> anyhow::Result<Status> {
    // A dataset folder stands for its claims.jsonl.
    let claims =
        if args.claims.is_dir() { args.claims.join("claims.jsonl") } else { args.claims.clone() };
    let gold = eval::load_jsonl(&args.gold)?;
    let pred = eval::load_jsonl(&claims)?;
    let (gold_name, pred_name) = (args.gold.display().to_string(), claims.display().to_string());
    eval::check_roles(&gold, &pred, &gold_name, &pred_name)?;
    if eval::looks_like_gold(&pred) && !eval::looks_like_gold(&gold) {
        eprintln!(
            "claimscan: warning: {pred_name} looks like a gold file (no 'id' or 'evidence', \
             subjects as strings): is it the predictions? (claimscan eval GOLD.jsonl CLAIMS.jsonl)"
        );
    }
    eval::check_gold(&gold)?;
    eval::check_predictions(&pred)?;
    let scores = eval::score(&gold, &pred);
    let mut out = if args.json { eval::render_json(&scores) } else { eval::render_text(&scores) };
    if args.errors {
        out.push_str(&eval::render_errors(&gold, &pred, &scores));
    }
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    Ok(Status::Success)
}
