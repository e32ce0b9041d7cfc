//! The `zhnews` command: flags → validated config → run → exit code.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use zhnews::{ExtractConfig, Format, Input, LoadOptions, Output};

/// Turns Chinese government news into structured, trackable data.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract figures, dates, places, sectors and plan targets; one JSON record per document.
    Extract(ExtractArgs),
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// Files, folders (searched for *.txt) or `-` for JSON Lines on stdin:
    /// {"id", "text", "published"?, "title"?} a line.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format [default: json for a single file, jsonl otherwise].
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// Write to FILE (replaced only when the run completes) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Publication date (YYYY-MM-DD) for documents whose input or sidecar gives none.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    published: Option<String>,
    /// Folder whose dictionary files replace the embedded ones of the same name.
    #[arg(long, value_name = "DIR")]
    dictionaries: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// One record a line.
    Jsonl,
    /// Pretty-printed records.
    Json,
}

fn parse_date(text: &str) -> Result<String, String> {
    if zhnews::is_iso_date(text) {
        Ok(text.to_string())
    } else {
        Err(format!("expected a date written YYYY-MM-DD, not {text:?}"))
    }
}

impl ExtractArgs {
    fn into_config(self) -> Result<ExtractConfig, String> {
        let stdin_count = self.paths.iter().filter(|p| p.as_os_str() == "-").count();
        if stdin_count > 1 {
            return Err("`-` (standard input) can be given only once".into());
        }
        Ok(ExtractConfig {
            inputs: self
                .paths
                .into_iter()
                .map(|path| {
                    if path.as_os_str() == "-" {
                        Input::Stdin
                    } else {
                        Input::Path(path)
                    }
                })
                .collect(),
            format: self.format.map(|format| match format {
                FormatArg::Jsonl => Format::Jsonl,
                FormatArg::Json => Format::Json,
            }),
            output: self.output,
            load: LoadOptions {
                published: self.published,
            },
            dictionaries: self.dictionaries,
        })
    }
}

fn main() -> ExitCode {
    let Command::Extract(args) = Cli::parse().command;
    let config = match args.into_config() {
        Ok(config) => config,
        Err(message) => {
            eprintln!("zhnews: {message}");
            return ExitCode::from(2);
        }
    };
    let stderr = io::stderr();
    let mut notify = |output: &Output| {
        let mut stderr = stderr.lock();
        // A failed write to stderr has nowhere to be reported.
        let _ = match output {
            Output::Error(record) => writeln!(stderr, "zhnews: {}", record.error.message),
            Output::Record(record) => record
                .warnings
                .iter()
                .try_for_each(|w| writeln!(stderr, "zhnews: warning: {}", w.message)),
        };
    };
    let result = zhnews::extract(
        &config,
        &mut io::BufReader::new(io::stdin()),
        &mut io::stdout().lock(),
        &mut notify,
    );
    match result {
        Ok(summary) if summary.failed == 0 => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(2),
        Err(error) if error.is_broken_pipe() => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("zhnews: {error}");
            ExitCode::from(2)
        }
    }
}
