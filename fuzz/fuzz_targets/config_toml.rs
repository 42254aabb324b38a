//! fc3-local's TOML configuration on any text: parsed and checked, or refused with an error,
//! never a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(config) = fc3_local::Config::from_toml(text) {
            config
                .validate()
                .expect("a parsed configuration stays valid");
        }
    }
});
