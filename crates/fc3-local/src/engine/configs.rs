//! Async invoke configurations: Put/Get/Delete/ListAsyncInvokeConfig(s). They live in the
//! engine because they govern every try (retries, age, destinations, async tasks).

use std::sync::Arc;

use fc3_models::{AsyncConfig, ListAsyncInvokeConfigOutput, PutAsyncInvokeConfigInput};

use super::journal::Change;
use super::{Engine, EngineError};

fn not_found(function: &str, qualifier: &str) -> EngineError {
    EngineError::ConfigNotFound {
        function: function.to_owned(),
        qualifier: qualifier.to_owned(),
    }
}

impl Engine {
    /// PutAsyncInvokeConfig: stores the configuration as given (absent fields stay absent),
    /// keeping `createdTime` of the one it replaces.
    pub(crate) async fn put_config(
        &self,
        function: &str,
        qualifier: &str,
        input: PutAsyncInvokeConfigInput,
    ) -> Result<AsyncConfig, EngineError> {
        let now = acs3::format_date(self.clock.now()).unwrap_or_default();
        let (config, pending) = {
            let mut st = self.lock();
            let key = (function.to_owned(), qualifier.to_owned());
            let created = st
                .config(function, qualifier)
                .and_then(|c| c.created_time.clone())
                .unwrap_or_else(|| now.clone());
            let mut config = AsyncConfig::default();
            config.async_task = input.async_task;
            config.created_time = Some(created);
            config.destination_config = input.destination_config;
            config.function_arn = Some(self.function_arn(function, qualifier));
            config.last_modified_time = Some(now);
            config.max_async_event_age_in_seconds = input.max_async_event_age_in_seconds;
            config.max_async_retry_attempts = input.max_async_retry_attempts;
            let mut change = Change::default();
            st.set_config(&mut change, key, Some(config.clone()));
            (config, self.commit(&mut st, change, true)?)
        };
        pending.wait().await?;
        Ok(config)
    }

    /// GetAsyncInvokeConfig.
    pub(crate) fn get_config(
        &self,
        function: &str,
        qualifier: &str,
    ) -> Result<AsyncConfig, EngineError> {
        let config = self.lock().config(function, qualifier).cloned();
        config
            .map(|c| (*c).clone())
            .ok_or_else(|| not_found(function, qualifier))
    }

    /// DeleteAsyncInvokeConfig.
    pub(crate) async fn delete_config(
        &self,
        function: &str,
        qualifier: &str,
    ) -> Result<(), EngineError> {
        let pending = {
            let mut st = self.lock();
            if st.config(function, qualifier).is_none() {
                return Err(not_found(function, qualifier));
            }
            let mut change = Change::default();
            let key = (function.to_owned(), qualifier.to_owned());
            st.set_config(&mut change, key, None);
            self.commit(&mut st, change, true)?
        };
        Ok(pending.wait().await?)
    }

    /// The position a ListAsyncInvokeConfigs `nextToken` names: `function#qualifier` of an
    /// existing function and a qualifier it has, of the function listed when one is.
    fn config_token(
        &self,
        token: &str,
        listed: Option<&str>,
    ) -> Result<(String, String), EngineError> {
        let (function, qualifier) = token.split_once('#').ok_or(EngineError::BadNextToken)?;
        let issued = self
            .functions
            .get(function)
            .is_some_and(|f| f.resolve(qualifier).is_ok())
            && listed.is_none_or(|name| name == function);
        if !issued {
            return Err(EngineError::BadNextToken);
        }
        Ok((function.to_owned(), qualifier.to_owned()))
    }

    /// ListAsyncInvokeConfigs: sorted by function then qualifier; `nextToken` is
    /// `function#qualifier` of the first configuration of the next page.
    pub(crate) fn list_configs(
        &self,
        function: Option<&str>,
        limit: usize,
        next_token: Option<&str>,
    ) -> Result<ListAsyncInvokeConfigOutput, EngineError> {
        let start = next_token
            .map(|token| self.config_token(token, function))
            .transpose()?;
        let st = self.lock();
        let mut page: Vec<_> = st
            .configs()
            .iter()
            .filter(|(key, _)| start.as_ref().is_none_or(|s| *key >= s))
            .filter(|((f, _), _)| function.is_none_or(|name| name == f))
            .take(limit + 1)
            .collect();
        let next_token = (page.len() > limit)
            .then(|| page.pop())
            .flatten()
            .map(|((f, q), _)| format!("{f}#{q}"));
        let page: Vec<_> = page.into_iter().map(|(_, c)| Arc::clone(c)).collect();
        drop(st);
        let mut output = ListAsyncInvokeConfigOutput::default();
        output.configs = page.iter().map(|c| (**c).clone()).collect();
        output.next_token = next_token;
        Ok(output)
    }
}
