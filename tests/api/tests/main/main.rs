//! Black-box tests of the HTTP API (`/work/shared/API.md`) against the local runner, in one
//! test binary: a module per area.
//!
//! Each scenario is written once as an `async fn(Harness)` and instantiated twice by
//! `scenarios!`: `<area>::embedded::*` (the embedded store in a fresh data dir) and
//! `<area>::dynamodb::*` (DynamoDB + SQS on the moto server at `MOTO_ENDPOINT`, a fresh table
//! and queue). `cargo test -p api-tests -- review::` runs one area.

mod access;
mod api;
mod calendar;
mod campaigns;
mod classes;
mod college;
mod college_admin;
mod directions;
mod documents;
mod edu_staff;
mod email;
mod intake;
mod microdistrict;
mod monitoring;
mod monitoring_report;
mod notify;
mod orders;
mod overdue;
mod papers;
mod parent_view;
mod population;
mod preschool;
mod profile;
mod queue_place;
mod replies;
mod review;
mod sign;
mod site;
mod staff;
mod sweep;
