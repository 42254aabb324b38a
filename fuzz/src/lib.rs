//! What the fuzz targets share: reading the seeds' raw HTTP requests.

pub mod raw;
