//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Look DICOM tags up in a .dmap dictionary: public, repeating-group and private tags.
///
/// Exit status: 0 found, 1 error (unreadable or corrupt dictionary), 2 usage error, 3 not found.
#[derive(Debug, Parser)]
#[command(
    name = "dicom-lookup",
    disable_version_flag = true,
    arg_required_else_help = true,
    override_usage = "dicom-lookup [OPTIONS] TAG [ELEMENT] [CREATOR]\n       \
                      dicom-lookup [OPTIONS] <COMMAND>"
)]
pub struct Cli {
    /// Print the program's version and the dictionary's edition and build.
    #[arg(long, short = 'V', global = true)]
    pub version: bool,

    /// The tag: `0008 0005`, `(0010,0010)`, `00100010`, `0x0008 0x0005`, `0019 xx0C`, a keyword
    /// (one tag per run).
    #[arg(value_name = "TAG")]
    pub tag: Option<String>,

    /// The element, when TAG is a lone group (`0019 100C`); else the private creator.
    #[arg(value_name = "ELEMENT")]
    pub second: Option<String>,

    /// For a private tag, the private creator of its block (quoted if it has spaces).
    #[arg(value_name = "CREATOR")]
    pub third: Option<String>,

    /// The private creator (instead of giving it after the tag).
    #[arg(long, short = 'c', value_name = "CREATOR")]
    pub creator: Option<String>,

    /// Print JSON instead of text: one object per line, the schema of
    /// dicom-map/schema/lookup.schema.json (the same as `python -m dicom_map ... --json`).
    #[arg(long, global = true)]
    pub json: bool,

    /// The dictionary to read (default: $DMAP_FILE, else the embedded dictionary).
    #[arg(long, global = true, value_name = "PATH")]
    pub file: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The positional arguments given before any subcommand, in order.
    pub fn tag_args(&self) -> Vec<String> {
        [&self.tag, &self.second, &self.third]
            .into_iter()
            .flatten()
            .cloned()
            .collect()
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List entries whose name or keyword contains TEXT (ignoring case), best match first.
    Search {
        /// The text to find.
        text: String,
    },
    /// Describe the dictionary: counts, edition, metadata, sources.
    Info,
    /// Check the dictionary completely (checksum, references, order).
    Verify,
    /// List a private creator's entries.
    Creator {
        /// The creator, as written in a file (matched exactly, else folded).
        name: String,
    },
}
