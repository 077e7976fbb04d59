//! The workspace's integration tests, one binary: the real indexer, engine and server over
//! the bundled corpus, and quality on `../shared` when this machine has it.

mod browser;
mod index_seeds;
mod makefile;
mod quality;
mod ranking;
mod rebuild;
mod relations;
mod segments;
mod server;
