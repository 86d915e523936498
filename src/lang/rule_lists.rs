//! Test helpers: the rule lists a module doc and the README give, so each
//! rule module checks them against its enum's order in one line.

/// The rule names of a module doc's numbered list ("//! 3. `name`: ..."),
/// in order.
pub(crate) fn module_doc(source: &str) -> Vec<&str> {
    source
        .lines()
        .take_while(|l| l.starts_with("//!"))
        .filter_map(|l| {
            let item = l.trim_start_matches("//!").trim_start();
            let (number, rest) = item.split_once(". `")?;
            number.parse::<usize>().ok()?;
            rest.split_once('`').map(|(name, _)| name)
        })
        .collect()
}

/// The rule names of the README's table whose header row starts with
/// `header` (the first quoted word of each row), in order.
pub(crate) fn readme_table(header: &str) -> Vec<&'static str> {
    let readme = include_str!("../../README.md");
    let table = readme
        .split_once(header)
        .unwrap_or_else(|| panic!("the README has the table {header:?}"))
        .1;
    table
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| l.split('`').nth(1))
        .collect()
}
