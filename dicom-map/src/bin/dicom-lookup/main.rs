//! `dicom-lookup`: look DICOM tags up in a `.dmap` dictionary from the shell.
//!
//! ```text
//! dicom-lookup 0008 0005                       # also (0008,0005), 00080005, 0x0008 0x0005
//! dicom-lookup SpecificCharacterSet            # by keyword
//! dicom-lookup 0019 100C "SIEMENS MR HEADER"   # private: element and the block's creator
//! dicom-lookup search "character set"
//! dicom-lookup creator "SIEMENS MR HEADER"
//! dicom-lookup info | verify
//! ```
//!
//! Data goes to stdout (`--json` for machine-readable output with stable keys), diagnostics to
//! stderr. Exit codes: 0 found, 1 error (unreadable or corrupt dictionary), 2 usage error,
//! 3 not found. The dictionary is `--file PATH`, else `$DMAP_FILE`, else the embedded one (in
//! builds with the `embedded` feature); it is verified on open.

mod args;
mod creator;
mod info;
mod lookup;
mod open;
mod output;
mod render;
mod search;
mod verify;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

/// How a run ended; the process exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// 0: found (or the command succeeded).
    Found,
    /// 1: any other error: unreadable or corrupt dictionary, output failure.
    Error,
    /// 2: usage error: bad arguments, bad hex.
    Usage,
    /// 3: not found.
    NotFound,
}

impl From<Outcome> for ExitCode {
    fn from(o: Outcome) -> ExitCode {
        ExitCode::from(match o {
            Outcome::Found => 0,
            Outcome::Error => 1,
            Outcome::Usage => 2,
            Outcome::NotFound => 3,
        })
    }
}

/// A failure with its exit code and the one line to print on stderr.
#[derive(Debug)]
pub struct Failure {
    /// The exit code.
    pub outcome: Outcome,
    /// The message (without the program name).
    pub message: String,
}

impl Failure {
    /// A usage error (exit 2).
    pub fn usage(message: impl std::fmt::Display) -> Failure {
        Failure {
            outcome: Outcome::Usage,
            message: message.to_string(),
        }
    }

    /// Any other error (exit 1).
    pub fn error(message: impl std::fmt::Display) -> Failure {
        Failure {
            outcome: Outcome::Error,
            message: message.to_string(),
        }
    }

    /// Writing to stdout failed. A closed pipe (`dicom-lookup search x | head`) is not an error:
    /// the reader has all it wants, so the run ends quietly with status 0.
    pub fn output(e: std::io::Error) -> Failure {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Failure {
                outcome: Outcome::Found,
                message: String::new(),
            };
        }
        Failure::error(format!("cannot write output: {e}"))
    }
}

fn main() -> ExitCode {
    // clap prints its own usage errors and exits 2 (help exits 0).
    let cli = Cli::parse();
    let mut out = output::stdout();
    let result = run(&cli, &mut out).and_then(|outcome| {
        out.flush().map_err(Failure::output)?;
        Ok(outcome)
    });
    match result {
        Ok(outcome) => outcome.into(),
        Err(f) => {
            if !f.message.is_empty() {
                eprintln!("dicom-lookup: {}", f.message);
            }
            f.outcome.into()
        }
    }
}

fn run(cli: &Cli, out: &mut dyn Write) -> Result<Outcome, Failure> {
    if cli.version {
        let opened = open::open(cli.file.as_deref())?;
        writeln!(out, "dicom-lookup {}", env!("CARGO_PKG_VERSION")).map_err(Failure::output)?;
        writeln!(out, "{}", opened.version_line()).map_err(Failure::output)?;
        return Ok(Outcome::Found);
    }
    // Parse the tag before opening the dictionary, so a usage error is one whatever the file.
    let query = match &cli.command {
        None => Some(lookup::Query::from_args(
            &cli.tag_args(),
            cli.creator.as_deref(),
        )?),
        Some(_) if cli.tag.is_some() || cli.creator.is_some() => {
            return Err(Failure::usage("a tag cannot be combined with a subcommand"));
        }
        Some(_) => None,
    };
    let opened = open::open(cli.file.as_deref())?;
    let dict = &opened.dict;
    match (&cli.command, query) {
        (Some(Command::Search { text }), _) => search::run(dict, text, cli.json, out),
        (Some(Command::Info), _) => info::run(&opened, cli.json, out),
        (Some(Command::Verify), _) => verify::run(&opened, cli.json, out),
        (Some(Command::Creator { name }), _) => creator::run(dict, name, cli.json, out),
        (None, Some(q)) => lookup::run(dict, &q, cli.json, out),
        (None, None) => Err(Failure::usage("nothing to look up")),
    }
}
