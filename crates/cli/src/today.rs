//! The current month from the system clock (the core itself never reads the clock); the clock
//! lives in the server crate's `clock` module, shared by both faces.

pub use atscore_server::infra::clock::current_month;
