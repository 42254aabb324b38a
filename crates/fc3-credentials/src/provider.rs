//! The [`ProvideCredentials`] trait.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use crate::credentials::Credentials;
use crate::error::CredentialsError;

/// The future returned by [`ProvideCredentials::provide_credentials`].
pub type ProvideCredentialsFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>>;

/// Something that can hand out [`Credentials`], possibly asynchronously (files,
/// HTTP) and possibly cached.
///
/// A client calls it before signing each request, so implementations should be cheap
/// when they have a valid value at hand. Object safe: hold it as
/// `Arc<dyn ProvideCredentials>`.
///
/// An implementation that has nothing configured should answer
/// [`CredentialsError::NotConfigured`] so that a chain moves on; any other error stops
/// a chain.
///
/// ```
/// use fc3_credentials::{Credentials, ProvideCredentials};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), fc3_credentials::CredentialsError> {
/// // Credentials are their own (static) provider.
/// let provider: std::sync::Arc<dyn ProvideCredentials> =
///     std::sync::Arc::new(Credentials::new("id", "secret")?);
/// let creds = provider.provide_credentials().await?;
/// assert_eq!(creds.access_key_id(), "id");
/// # Ok(())
/// # }
/// ```
pub trait ProvideCredentials: Send + Sync + std::fmt::Debug {
    /// Returns valid credentials, fetching or refreshing them if needed.
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_>;
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
        let creds = self.clone();
        Box::pin(async move { Ok(creds) })
    }
}

impl<T: ProvideCredentials + ?Sized> ProvideCredentials for Arc<T> {
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
        (**self).provide_credentials()
    }
}

impl<T: ProvideCredentials + ?Sized> ProvideCredentials for Box<T> {
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
        (**self).provide_credentials()
    }
}

impl<T: ProvideCredentials + ?Sized> ProvideCredentials for &T {
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
        (**self).provide_credentials()
    }
}
