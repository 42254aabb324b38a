//! Injectable environment lookups.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// Where providers read environment variables and the home directory from.
///
/// [`Env::real`] reads the process environment at each lookup; [`Env::from_map`]
/// reads only the given map, so tests never have to mutate the (shared, process-wide)
/// environment. Either can be overlaid with [`Env::with_var`] and
/// [`Env::with_home_dir`].
///
/// An empty value counts as unset everywhere in this crate (`export VAR=` clears a
/// setting).
///
/// `Debug` lists variable names only, never values.
///
/// ```
/// use fc3_credentials::Env;
///
/// let env = Env::from_map([("ALIBABA_CLOUD_PROFILE", "prod"), ("EMPTY", "")])
///     .with_home_dir("/home/test");
/// assert_eq!(env.get("ALIBABA_CLOUD_PROFILE").as_deref(), Some("prod"));
/// assert_eq!(env.get("EMPTY"), None);
/// assert_eq!(env.home_dir(), Some("/home/test".into()));
/// ```
#[derive(Clone)]
pub struct Env {
    read_process: bool,
    overrides: Arc<BTreeMap<String, String>>,
    home_dir: Option<PathBuf>,
}

impl Env {
    /// The process environment, read at each lookup.
    pub fn real() -> Self {
        Env {
            read_process: true,
            overrides: Arc::default(),
            home_dir: None,
        }
    }

    /// Only the given variables; the process environment is never read.
    pub fn from_map<I, K, V>(vars: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        Env {
            read_process: false,
            overrides: Arc::new(
                vars.into_iter()
                    .map(|(k, v)| (k.into(), v.into()))
                    .collect(),
            ),
            home_dir: None,
        }
    }

    /// Sets (or overrides) one variable.
    pub fn with_var(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        Arc::make_mut(&mut self.overrides).insert(key.into(), value.into());
        self
    }

    /// Uses `path` as the home directory instead of `HOME` (`USERPROFILE` on Windows).
    pub fn with_home_dir(mut self, path: impl Into<PathBuf>) -> Self {
        self.home_dir = Some(path.into());
        self
    }

    /// The value of `key`, or `None` when it is unset, empty or not valid Unicode.
    pub fn get(&self, key: &str) -> Option<String> {
        let value = match self.overrides.get(key) {
            Some(value) => Some(value.clone()),
            None if self.read_process => std::env::var(key).ok(),
            None => None,
        };
        value.filter(|v| !v.is_empty())
    }

    /// `true` when `key` is set to `true` (ASCII case-insensitive).
    pub fn is_true(&self, key: &str) -> bool {
        self.get(key)
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    }

    /// The home directory: the override, else `HOME`, else (on Windows)
    /// `USERPROFILE`, looked up through this `Env`.
    pub fn home_dir(&self) -> Option<PathBuf> {
        if let Some(home) = &self.home_dir {
            return Some(home.clone());
        }
        self.get("HOME")
            .or_else(|| {
                if cfg!(windows) {
                    self.get("USERPROFILE")
                } else {
                    None
                }
            })
            .map(PathBuf::from)
    }
}

impl Default for Env {
    /// [`Env::real`].
    fn default() -> Self {
        Env::real()
    }
}

impl From<HashMap<String, String>> for Env {
    fn from(vars: HashMap<String, String>) -> Self {
        Env::from_map(vars)
    }
}

impl fmt::Debug for Env {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Env")
            .field("process", &self.read_process)
            .field("vars", &self.overrides.keys().collect::<Vec<_>>())
            .field("home_dir", &self.home_dir)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_env_ignores_process_and_empty_values() {
        let env = Env::from_map([("A", "1"), ("B", "")]);
        assert_eq!(env.get("A").as_deref(), Some("1"));
        assert_eq!(env.get("B"), None);
        // PATH is set in any sane process environment, but a map env never reads it.
        assert_eq!(env.get("PATH"), None);
    }

    #[test]
    fn overlay_wins_over_process() {
        let env = Env::real().with_var("PATH", "overridden");
        assert_eq!(env.get("PATH").as_deref(), Some("overridden"));
    }

    #[test]
    fn home_from_var_or_override() {
        assert_eq!(
            Env::from_map([("HOME", "/h")]).home_dir(),
            Some(PathBuf::from("/h"))
        );
        assert_eq!(
            Env::from_map([("HOME", "/h")])
                .with_home_dir("/o")
                .home_dir(),
            Some(PathBuf::from("/o"))
        );
        assert_eq!(
            Env::from_map(Vec::<(String, String)>::new()).home_dir(),
            None
        );
    }

    #[test]
    fn is_true_is_case_insensitive() {
        let env = Env::from_map([("X", "TRUE"), ("Y", "1"), ("Z", "false")]);
        assert!(env.is_true("X"));
        assert!(!env.is_true("Y"));
        assert!(!env.is_true("Z"));
        assert!(!env.is_true("W"));
    }

    #[test]
    fn debug_shows_names_not_values() {
        let env = Env::from_map([("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "EnvSecretValue789")]);
        let shown = format!("{env:?}");
        assert!(shown.contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET"));
        assert!(!shown.contains("EnvSecretValue789"));
    }
}
