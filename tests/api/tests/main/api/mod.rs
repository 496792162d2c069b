//! The basics of the HTTP API (`/work/shared/API.md`), a module a concern: health, dev login,
//! authentication and files (`basics`); organisations and limits (`orgs`); submitting and
//! reading applications and what a submission must carry (`submit`); application numbers under
//! concurrency and across a restart (`numbering`).

use api_tests::*;

mod basics;
mod numbering;
mod orgs;
mod shapes;
mod submit;
