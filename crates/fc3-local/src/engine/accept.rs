//! Admitting an asynchronous invocation: async tasks on or off, the task id, the bound of the
//! queue, then the event stored (durably with a data dir) and, once stored, queued.

use std::sync::Arc;

use bytes::Bytes;

use super::journal::{After, Change};
use super::lifecycle::{self, NewEvent};
use super::state::State;
use super::{Engine, EngineError};
use crate::functions::Function;

/// One async invocation to accept.
pub(crate) struct AcceptRequest {
    pub(crate) function: Arc<Function>,
    pub(crate) qualifier: String,
    pub(crate) version: String,
    pub(crate) request_id: String,
    pub(crate) task_id: Option<String>,
    pub(crate) payload: Bytes,
}

/// An event to add.
pub(super) struct Insert<'a> {
    pub(super) function: &'a str,
    pub(super) qualifier: &'a str,
    pub(super) version: &'a str,
    pub(super) request_id: &'a str,
    pub(super) task_id: Option<String>,
    pub(super) hops: u32,
    pub(super) payload: Bytes,
    pub(super) now_ms: i64,
}

impl Engine {
    /// Whether events of `function` invoked with `qualifier` are async tasks now.
    pub(super) fn tracks(&self, st: &State, function: &Function, qualifier: &str) -> bool {
        st.config(&function.name, qualifier)
            .and_then(|c| c.async_task)
            .unwrap_or(function.default_async_task)
    }

    /// Accepts an async invocation: stores it (durably, with a data dir) and queues it once
    /// stored. Returns the task id when async tasks are on.
    pub(crate) async fn accept(
        &self,
        request: AcceptRequest,
    ) -> Result<Option<String>, EngineError> {
        let now_ms = self.now_ms();
        let function = &request.function.name;
        let (task_id, pending) = {
            let mut st = self.lock();
            let tracked = self.tracks(&st, &request.function, &request.qualifier);
            if request.task_id.is_some() && !tracked {
                return Err(EngineError::TaskIdWithoutAsyncTasks {
                    function: function.clone(),
                    qualifier: request.qualifier.clone(),
                });
            }
            let task_id = tracked.then(|| {
                request
                    .task_id
                    .clone()
                    .unwrap_or_else(|| self.ids.task_id())
            });
            if let Some(id) = &task_id
                && st.tasks.find(function, id).is_some()
            {
                return Err(EngineError::TaskExists {
                    function: function.clone(),
                    task_id: id.clone(),
                });
            }
            st.backlog
                .admit(request.payload.len())
                .map_err(EngineError::QueueFull)?;
            let mut change = Change::default();
            self.insert_event(
                &mut st,
                &mut change,
                Insert {
                    function,
                    qualifier: &request.qualifier,
                    version: &request.version,
                    request_id: &request.request_id,
                    task_id: task_id.clone(),
                    hops: 0,
                    payload: request.payload,
                    now_ms,
                },
            );
            (task_id, self.commit(&mut st, change, true)?)
        };
        pending.wait().await?;
        Ok(task_id)
    }

    /// Adds an Enqueued event to `change`; it is queued once the change is durable.
    pub(super) fn insert_event(
        &self,
        st: &mut State,
        change: &mut Change,
        insert: Insert<'_>,
    ) -> u64 {
        let seq = st.next_seq;
        st.next_seq += 1;
        let rec = lifecycle::new_record(NewEvent {
            seq,
            function: insert.function,
            qualifier: insert.qualifier,
            version: insert.version,
            function_arn: self.function_arn(insert.function, insert.qualifier),
            request_id: insert.request_id,
            task_id: insert.task_id,
            hops: insert.hops,
            now_ms: insert.now_ms,
        });
        st.set_event(change, rec, Some(insert.payload));
        change.after.push(After::Ready(seq));
        seq
    }
}
