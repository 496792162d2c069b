//! frontend placeholder
