//! Which FC operation a handler serves, as an extractor: `_: Signed<InvokeFunction>` makes the
//! handler refuse a request whose `x-acs-action` names another operation. FC finds an
//! operation by its method and path, and the action the caller signed must agree with it; a
//! request that disagrees with itself is malformed: 400 `InvalidArgument`. (It is not an
//! authentication failure, 403: the signature is valid, and FC's 403 codes are about who
//! signed, `AccessDenied`, `SignatureNotMatch`, `InvalidAccessKeyID`.) A request without the
//! header (unsigned, with `allow_unsigned`) is not checked.

use std::marker::PhantomData;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use crate::error::{ApiError, clip};

/// An FC operation, by its action.
pub(super) trait Operation {
    const ACTION: &'static str;
}

macro_rules! operations {
    ($($name:ident),* $(,)?) => {$(
        #[doc = concat!("FC's `", stringify!($name), "`.")]
        pub(super) struct $name;

        impl Operation for $name {
            const ACTION: &'static str = stringify!($name);
        }
    )*};
}

operations!(
    InvokeFunction,
    PutAsyncInvokeConfig,
    GetAsyncInvokeConfig,
    DeleteAsyncInvokeConfig,
    ListAsyncInvokeConfigs,
    ListAsyncTasks,
    GetAsyncTask,
    StopAsyncTask,
);

/// A request for operation `O`: its `x-acs-action`, when present, names `O`.
pub(super) struct Signed<O>(PhantomData<O>);

impl<S: Send + Sync, O: Operation> FromRequestParts<S> for Signed<O> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        if let Some(given) = parts.headers.get("x-acs-action")
            && given.as_bytes() != O::ACTION.as_bytes()
        {
            return Err(ApiError::invalid_argument(format!(
                "x-acs-action: '{}' is not the operation of {} {}, which is {}",
                clip(&String::from_utf8_lossy(given.as_bytes())),
                parts.method,
                clip(parts.uri.path()),
                O::ACTION
            )));
        }
        Ok(Signed(PhantomData))
    }
}
