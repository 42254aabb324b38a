//! What a control-plane call returns: the model FC answered with, and the request id of the
//! answer (what FC support asks for).

use std::ops::Deref;

/// The answer of a control-plane call (the async-config and async-task operations): the
/// value, and FC's `x-fc-request-id` for it.
///
/// It dereferences to the value, so its fields read as they are (`config.async_task`);
/// [`into_inner`](Self::into_inner) takes the value out, to move its fields.
///
/// ```
/// # async fn run(client: fc3_client::Client) -> Result<(), fc3_client::Error> {
/// let config = client.get_async_invoke_config("thumbnailer").send().await?;
/// println!("retries: {:?} (request {:?})", config.max_async_retry_attempts, config.request_id());
/// let config: fc3_models::AsyncConfig = config.into_inner();
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Output<T> {
    value: T,
    request_id: Option<String>,
}

impl<T> Output<T> {
    /// An answer: `value`, and the request id FC gave it (if it gave one).
    pub fn new(value: T, request_id: Option<String>) -> Self {
        Self { value, request_id }
    }

    /// FC's request id for this answer (`x-fc-request-id`); `None` when the answer had none.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The value, without the request id.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// The value and the request id.
    pub fn into_parts(self) -> (T, Option<String>) {
        (self.value, self.request_id)
    }
}

impl<T> Deref for Output<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> AsRef<T> for Output<T> {
    fn as_ref(&self) -> &T {
        &self.value
    }
}
