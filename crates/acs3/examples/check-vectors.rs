//! Checks a file of ACS3-HMAC-SHA256 test vectors against this crate.
//!
//! ```text
//! cargo run -p acs3 --example check-vectors -- crates/acs3/tests/data/acs3-official-python-sdk.json
//! ```
//!
//! The file has the format of `tests/data/acs3-official-python-sdk.json`. For
//! every case the signer must reproduce the expected canonical request and
//! Authorization byte for byte, and the verifier must accept the expected
//! Authorization with the case's headers and body. Prints one line per case,
//! then `N passed, M failed`; exits with 1 on any failure or an unreadable
//! file, 2 on wrong usage.

#[path = "../tests/common/vectors.rs"]
mod vectors;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [file] = args.as_slice() else {
        eprintln!("usage: check-vectors FILE.json");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: cannot read {file}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let vector_file = match vectors::VectorFile::from_json(&text) {
        Ok(parsed) => parsed,
        Err(e) => {
            eprintln!("error: {file} is not a valid ACS3 vectors file: {e}");
            return ExitCode::FAILURE;
        }
    };

    let (mut passed, mut failed) = (0usize, 0usize);
    for case in &vector_file.vectors {
        match case.check() {
            Ok(()) => {
                passed += 1;
                println!("ok   {}", case.name);
            }
            Err(reason) => {
                failed += 1;
                println!("FAIL {}: {reason}", case.name);
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed == 0 && passed > 0 {
        ExitCode::SUCCESS
    } else {
        if passed == 0 && failed == 0 {
            eprintln!("error: {file} holds no vectors");
        }
        ExitCode::FAILURE
    }
}
