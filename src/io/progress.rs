//! The progress bar of `extract`: articles, bytes, rate and ETA on stderr.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A bar over `bytes` bytes of `articles` articles; hidden unless `wanted`.
pub(crate) fn progress_bar(wanted: bool, bytes: u64, articles: usize) -> ProgressBar {
    if !wanted {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(bytes), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:30} {bytes}/{total_bytes} {msg} of {len_articles} ({bytes_per_sec}, ETA {eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .with_key("len_articles", move |_: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{articles}");
            }),
    );
    // The first frame is drawn before any article is done: it shows the
    // count already ("0 articles of 2225"), not bytes alone.
    bar.set_message(articles_done(0));
    bar
}

/// The bar's message after `done` articles.
pub(crate) fn articles_done(done: usize) -> String {
    format!("{done} articles")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bar says how many articles there are from its first frame on.
    #[test]
    fn the_first_frame_shows_the_article_count() {
        // The template reads "{msg} of {len_articles}": "0 articles of 5".
        let bar = progress_bar(true, 1000, 5);
        assert_eq!(bar.message(), "0 articles");
    }
}
