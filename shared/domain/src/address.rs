//! address: types and pure rules (see the module's owner use case).
