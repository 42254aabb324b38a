//! Async tasks: the index of tracked events by function (by id, by start time) and what the
//! API asks of it: GetAsyncTask, ListAsyncTasks and StopAsyncTask.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use bytes::Bytes;
use fc3_models::{AsyncTask, AsyncTaskStatus, ListAsyncTaskOutput, SortOrder};

use super::journal::{After, Change};
use super::lifecycle::{self, Stop, text};
use super::state::Entry;
use super::{Engine, EngineError};
use crate::store::EventRecord;

/// What ListAsyncTasks asks for.
#[derive(Clone, Debug)]
pub(crate) struct TaskQuery {
    pub(crate) qualifier: Option<String>,
    pub(crate) limit: usize,
    pub(crate) next_token: Option<String>,
    pub(crate) prefix: Option<String>,
    pub(crate) status: Option<AsyncTaskStatus>,
    pub(crate) started_begin: Option<i64>,
    pub(crate) started_end: Option<i64>,
    pub(crate) order: SortOrder,
    pub(crate) include_payload: bool,
}

/// One function's tasks.
#[derive(Default)]
struct FunctionTasks {
    by_id: HashMap<String, u64>,
    by_time: BTreeSet<(i64, u64)>,
}

/// The tracked events of every function.
#[derive(Default)]
pub(crate) struct TaskIndex {
    functions: HashMap<String, FunctionTasks>,
}

fn started(rec: &EventRecord) -> i64 {
    rec.task.started_time.unwrap_or(rec.accepted_ms)
}

impl TaskIndex {
    /// Indexes a tracked event (one without a task id is left out).
    pub(crate) fn insert(&mut self, rec: &EventRecord) {
        if let Some(id) = &rec.task.task_id {
            let tasks = self.functions.entry(rec.function.clone()).or_default();
            tasks.by_id.insert(id.clone(), rec.seq);
            tasks.by_time.insert((started(rec), rec.seq));
        }
    }

    /// Forgets an event.
    pub(crate) fn remove(&mut self, rec: &EventRecord) {
        if let (Some(id), Some(tasks)) = (&rec.task.task_id, self.functions.get_mut(&rec.function))
        {
            tasks.by_id.remove(id);
            tasks.by_time.remove(&(started(rec), rec.seq));
        }
    }

    /// The event of a task id.
    pub(crate) fn find(&self, function: &str, task_id: &str) -> Option<u64> {
        self.functions.get(function)?.by_id.get(task_id).copied()
    }
}

fn not_found(function: &str, task_id: &str) -> EngineError {
    EngineError::TaskNotFound {
        function: function.to_owned(),
        task_id: task_id.to_owned(),
    }
}

/// An event taken from under the lock to be rendered outside it: shared pointers only.
struct Taken {
    rec: Arc<EventRecord>,
    payload: Option<Bytes>,
}

impl Taken {
    fn of(entry: &Entry, include_payload: bool) -> Self {
        Self {
            rec: Arc::clone(&entry.rec),
            payload: include_payload.then(|| entry.payload.clone()),
        }
    }

    /// The API's view of the event.
    fn render(self) -> AsyncTask {
        let mut task = self.rec.task.clone();
        task.return_payload = self.rec.response.as_deref().map(str::to_owned);
        if let Some(payload) = self.payload {
            task.task_payload = Some(text(&payload, usize::MAX));
        }
        task
    }
}

impl Engine {
    /// GetAsyncTask (the payload is always included).
    pub(crate) fn get_task(&self, function: &str, task_id: &str) -> Result<AsyncTask, EngineError> {
        let taken = {
            let st = self.lock();
            st.tasks
                .find(function, task_id)
                .and_then(|seq| st.event(seq))
                .map(|entry| Taken::of(entry, true))
        };
        taken
            .map(Taken::render)
            .ok_or_else(|| not_found(function, task_id))
    }

    /// ListAsyncTasks: filtered, sorted by start time, a page at a time; `nextToken` is the
    /// id of the first task of the next page.
    pub(crate) fn list_tasks(
        &self,
        function: &str,
        query: &TaskQuery,
    ) -> Result<ListAsyncTaskOutput, EngineError> {
        let (next_token, taken) = {
            let st = self.lock();
            self.page_of_tasks(&st, function, query)?
        };
        let mut output = ListAsyncTaskOutput::default();
        output.next_token = next_token;
        output.tasks = taken.into_iter().map(Taken::render).collect();
        Ok(output)
    }

    /// The page ListAsyncTasks asks for, and the next page's token.
    fn page_of_tasks(
        &self,
        st: &super::state::State,
        function: &str,
        query: &TaskQuery,
    ) -> Result<(Option<String>, Vec<Taken>), EngineError> {
        let Some(tasks) = st.tasks.functions.get(function) else {
            if query.next_token.is_some() {
                return Err(EngineError::BadNextToken);
            }
            return Ok((None, Vec::new()));
        };
        let start = match &query.next_token {
            None => None,
            Some(token) => {
                let seq = tasks.by_id.get(token).ok_or(EngineError::BadNextToken)?;
                let started = st
                    .event(*seq)
                    .and_then(|e| e.rec.task.started_time)
                    .unwrap_or_default();
                Some((started, *seq))
            }
        };
        let keep = |key: &&(i64, u64)| -> bool {
            let Some(entry) = st.event(key.1) else {
                return false;
            };
            let task = &entry.rec.task;
            query
                .qualifier
                .as_deref()
                .is_none_or(|q| task.qualifier.as_deref() == Some(q))
                && query
                    .prefix
                    .as_deref()
                    .is_none_or(|p| task.task_id.as_deref().is_some_and(|id| id.starts_with(p)))
                && query
                    .status
                    .as_ref()
                    .is_none_or(|s| task.status.as_ref() == Some(s))
                && query.started_begin.is_none_or(|b| key.0 >= b)
                && query.started_end.is_none_or(|e| key.0 <= e)
        };
        let wanted = query.limit + 1;
        let mut page: Vec<(i64, u64)> = match (query.order, start) {
            (SortOrder::Asc, None) => tasks
                .by_time
                .iter()
                .filter(keep)
                .take(wanted)
                .copied()
                .collect(),
            (SortOrder::Asc, Some(s)) => tasks
                .by_time
                .range(s..)
                .filter(keep)
                .take(wanted)
                .copied()
                .collect(),
            // Desc, and any order a later spec adds: newest first.
            (_, None) => tasks
                .by_time
                .iter()
                .rev()
                .filter(keep)
                .take(wanted)
                .copied()
                .collect(),
            (_, Some(s)) => tasks
                .by_time
                .range(..=s)
                .rev()
                .filter(keep)
                .take(wanted)
                .copied()
                .collect(),
        };
        let next_token = if page.len() > query.limit {
            page.pop()
                .and_then(|(_, seq)| st.event(seq))
                .and_then(|e| e.rec.task.task_id.clone())
        } else {
            None
        };
        let taken = page
            .iter()
            .filter_map(|(_, seq)| st.event(*seq))
            .map(|entry| Taken::of(entry, query.include_payload))
            .collect();
        Ok((next_token, taken))
    }

    /// StopAsyncTask: applied once durable (a running try is interrupted only then).
    pub(crate) async fn stop_task(&self, function: &str, task_id: &str) -> Result<(), EngineError> {
        let now_ms = self.now_ms();
        let pending = {
            let mut st = self.lock();
            let seq = st
                .tasks
                .find(function, task_id)
                .ok_or_else(|| not_found(function, task_id))?;
            let entry = st.event(seq).ok_or_else(|| not_found(function, task_id))?;
            let mut next = (*entry.rec).clone();
            let mut change = Change::default();
            match lifecycle::stop(&mut next, now_ms) {
                Ok(Stop::Already) => return Ok(()),
                Ok(Stop::Interrupt) => change.after.push(After::Interrupt(seq)),
                Ok(Stop::Stopped) => {}
                Err(status) => {
                    return Err(EngineError::TaskFinished {
                        task_id: task_id.to_owned(),
                        status,
                    });
                }
            }
            st.set_event(&mut change, next, None);
            self.commit(&mut st, change, true)?
        };
        Ok(pending.wait().await?)
    }
}
