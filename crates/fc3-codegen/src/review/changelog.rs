//! Acknowledging a breaking change: CHANGELOG.md (Keep a Changelog) has an `## [Unreleased]`
//! section with a `### Breaking` subsection, and one of its bullets names the operation
//! (its operationId) or the schema the change touches, as a whole word (`AsyncConfig` does
//! not acknowledge `AsyncConfigInput`). Backticks are optional. A change to the document's
//! own fields is named by the field (`security`); a move of the generated surface by the
//! operation or model it is about.

use std::collections::BTreeSet;

use super::Finding;
use super::surface_diff::Move;

/// Which breaking findings and surface moves are acknowledged, by index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Acknowledged {
    /// Indices into the review's findings.
    pub findings: BTreeSet<usize>,
    /// Indices into the surface review's moves.
    pub moves: BTreeSet<usize>,
}

/// The bullets of `## [Unreleased]` / `### Breaking` (a bullet's continuation lines joined
/// to it), or why there are none to read.
pub fn breaking_entries(changelog: Option<&str>) -> Result<Vec<String>, String> {
    let Some(text) = changelog else {
        return Err("there is no CHANGELOG.md".into());
    };
    // HTML comments (guidance for writers) hold no entries.
    let mut uncommented = String::new();
    let mut rest = text;
    while let Some(open) = rest.find("<!--") {
        uncommented.push_str(&rest[..open]);
        rest = rest[open..]
            .find("-->")
            .map_or("", |close| &rest[open + close + 3..]);
    }
    uncommented.push_str(rest);
    let text = uncommented.as_str();
    let heading = |line: &str, level: &str| {
        line.strip_prefix(level)
            .filter(|rest| rest.starts_with(' '))
            .map(|rest| rest.trim().trim_matches(['[', ']']).to_ascii_lowercase())
    };
    let mut lines = text
        .lines()
        .skip_while(|l| heading(l, "##").is_none_or(|h| !h.starts_with("unreleased")));
    if lines.next().is_none() {
        return Err("CHANGELOG.md has no `## [Unreleased]` section".into());
    }
    let section: Vec<&str> = lines.take_while(|l| heading(l, "##").is_none()).collect();
    let mut breaking = section
        .iter()
        .skip_while(|l| heading(l, "###").is_none_or(|h| !h.starts_with("breaking")));
    if breaking.next().is_none() {
        return Err("`## [Unreleased]` in CHANGELOG.md has no `### Breaking` subsection".into());
    }
    let mut entries: Vec<String> = Vec::new();
    for line in breaking.take_while(|l| heading(l, "###").is_none()) {
        let trimmed = line.trim();
        if let Some(bullet) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
        {
            entries.push(bullet.to_string());
        } else if let (Some(last), false) = (entries.last_mut(), trimmed.is_empty()) {
            last.push(' ');
            last.push_str(trimmed);
        }
    }
    Ok(entries)
}

/// Whether `text` names `name` as a whole word.
pub fn names(text: &str, name: &str) -> bool {
    if name.is_empty() {
        return false;
    }
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    text.match_indices(name).any(|(at, _)| {
        !word(text[..at].chars().next_back()) && !word(text[at + name.len()..].chars().next())
    })
}

pub(super) fn acknowledged(
    entries: &[String],
    findings: &[Finding],
    moves: &[Move],
) -> Acknowledged {
    let named = |candidates: &mut dyn Iterator<Item = &str>| {
        candidates
            .collect::<Vec<_>>()
            .iter()
            .any(|name| entries.iter().any(|entry| names(entry, name)))
    };
    Acknowledged {
        findings: findings
            .iter()
            .enumerate()
            .filter(|(_, f)| named(&mut f.names().into_iter()))
            .map(|(i, _)| i)
            .collect(),
        moves: moves
            .iter()
            .enumerate()
            .filter(|(_, m)| named(&mut std::iter::once(m.name.as_str())))
            .map(|(i, _)| i)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHANGELOG: &str = "# Changelog\n\n## [Unreleased]\n\n### Added\n- `ListAsyncTasks` takes `prefix`.\n\n### Breaking\n- `AsyncConfig.maxAsyncRetryAttempts` is at most 5\n  (FC refuses more), see PutAsyncInvokeConfig.\n* GetAsyncTask answers 404 sooner\n\n### Fixed\n- nothing\n\n## [0.1.0] - 2026-01-01\n### Breaking\n- InvokeFunction\n";

    #[test]
    fn only_the_unreleased_breaking_bullets_count() {
        let entries = breaking_entries(Some(CHANGELOG)).unwrap();
        assert_eq!(
            entries,
            [
                "`AsyncConfig.maxAsyncRetryAttempts` is at most 5 (FC refuses more), see PutAsyncInvokeConfig.",
                "GetAsyncTask answers 404 sooner"
            ]
        );
        let text = entries.join("\n");
        assert!(names(&text, "AsyncConfig"));
        assert!(names(&text, "PutAsyncInvokeConfig"));
        assert!(!names(&text, "InvokeFunction"), "0.1.0's entry is released");
        assert!(!names(&text, "ListAsyncTasks"), "Added is not Breaking");
        assert!(!names("AsyncConfigInput changed", "AsyncConfig"));
        assert!(!names("PutAsyncConfig", "AsyncConfig"));
    }

    #[test]
    fn comments_hold_no_entries() {
        // The shape of this repository's CHANGELOG.md: guidance in a comment, then an empty
        // Breaking subsection.
        let text = "## [Unreleased]\n\n<!--\nA breaking change is one bullet under \"### Breaking\":\n- `PutAsyncInvokeConfig`: ...\n-->\n\n### Breaking\n\n<!-- - `AsyncConfig` -->\n\n## [0.1.0] - 2026-12-01\n";
        assert_eq!(breaking_entries(Some(text)).unwrap(), Vec::<String>::new());
        let filled = text.replace(
            "### Breaking\n",
            "### Breaking\n- `AsyncConfig` loses a field\n",
        );
        assert_eq!(
            breaking_entries(Some(&filled)).unwrap(),
            ["`AsyncConfig` loses a field"]
        );
    }

    #[test]
    fn a_missing_section_is_said() {
        assert_eq!(
            breaking_entries(None).unwrap_err(),
            "there is no CHANGELOG.md"
        );
        assert!(
            breaking_entries(Some("# Changelog\n## [0.1.0]\n"))
                .unwrap_err()
                .contains("no `## [Unreleased]`")
        );
        assert!(
            breaking_entries(Some("## [Unreleased]\n### Added\n- x\n"))
                .unwrap_err()
                .contains("no `### Breaking`")
        );
        assert_eq!(
            breaking_entries(Some("## [Unreleased]\n### Breaking\n\n## [0.1.0]\n")).unwrap(),
            Vec::<String>::new()
        );
    }
}
