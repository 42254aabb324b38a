//! The smallest useful program on fc3-client: invoke a function once and print its output.
//! Its cold build time is our dependency-weight yardstick (see the crate README).
//!
//! ```sh
//! FC3_ENDPOINT=http://127.0.0.1:9000 ALIBABA_CLOUD_ACCESS_KEY_ID=... \
//! ALIBABA_CLOUD_ACCESS_KEY_SECRET=... cargo run -p fc3-client --example minimal -- echo '{"hi":1}'
//! ```

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let function = args.next().unwrap_or_else(|| "echo".to_string());
    let event = args.next().unwrap_or_else(|| "{}".to_string());
    let client = fc3_client::Client::from_env()?;
    let output = client
        .invoke_function(function)
        .payload(event)
        .send()
        .await?;
    println!("{}", String::from_utf8_lossy(output.payload()));
    Ok(())
}
