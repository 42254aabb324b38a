//! What the emulator adds to the spec's rules when it reads a request (the spec's own rules
//! are checked by `fc3_models::operation::read_request`, in `routes/request.rs`): the page
//! size of ListAsyncInvokeConfigs, whose maximum and default FC does not document.

use std::num::NonZeroU32;

use crate::error::ApiError;

/// The most configurations one ListAsyncInvokeConfigs page holds here (FC documents only a
/// minimum of 1), as the spec's description of the parameter says.
pub const LIST_LIMIT: std::ops::RangeInclusive<i64> = 1..=100;
/// The page size of ListAsyncInvokeConfigs when `limit` is absent, as the spec says of this
/// emulator.
pub const DEFAULT_LIST_LIMIT: usize = 20;

/// ListAsyncInvokeConfigs' `limit`: at most [`LIST_LIMIT`]'s end, [`DEFAULT_LIST_LIMIT`] when
/// absent.
pub(crate) fn config_page_size(limit: Option<NonZeroU32>) -> Result<usize, ApiError> {
    let Some(limit) = limit else {
        return Ok(DEFAULT_LIST_LIMIT);
    };
    let most = *LIST_LIMIT.end();
    if i64::from(limit.get()) > most {
        return Err(ApiError::invalid_argument(format!(
            "limit: must be from 1 to {most} here (fc3-local's page size), got {limit}"
        )));
    }
    Ok(limit.get() as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_page_size_is_capped_and_defaulted() {
        assert_eq!(config_page_size(None).unwrap(), DEFAULT_LIST_LIMIT);
        assert_eq!(config_page_size(NonZeroU32::new(100)).unwrap(), 100);
        let refused = config_page_size(NonZeroU32::new(101)).unwrap_err();
        assert!(
            refused
                .message()
                .starts_with("limit: must be from 1 to 100"),
            "{}",
            refused.message()
        );
    }
}
