//! The `zhnews` command: flags → validated config → run → exit code.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use zhnews::{Dictionaries, ExtractConfig, Format, Input, LoadOptions, Output, Pipeline};

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
    /// Score extraction against annotated articles (NAME.gold.json beside NAME.txt; see
    /// docs/annotation.md): per type precision, recall and F1, and the differences.
    Eval(EvalArgs),
}

#[derive(clap::Args)]
struct EvalArgs {
    /// Articles, or folders whose articles with a gold file are scored [default: corpus].
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: EvalFormat,
    /// Exit with 1 when a type's overlap F1 is under X (repeatable; TYPE is figures, dates,
    /// places or sectors).
    #[arg(long = "min-f1", value_name = "TYPE=X", value_parser = parse_floor)]
    min_f1: Vec<(String, f64)>,
    /// Folder whose dictionary files replace the embedded ones of the same name.
    #[arg(long, value_name = "DIR")]
    dictionaries: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum EvalFormat {
    /// The differences per document, then the table.
    Text,
    /// One JSON object: `types` and `documents`.
    Json,
}

/// `TYPE=X`: a type scored by `eval` and a floor between 0 and 1.
fn parse_floor(text: &str) -> Result<(String, f64), String> {
    let (kind, floor) = text
        .split_once('=')
        .ok_or_else(|| format!("expected TYPE=X, not {text:?}"))?;
    if !zhnews::SCORED_TYPES.contains(&kind) {
        return Err(format!(
            "{kind:?} is no type: expected one of {}",
            zhnews::SCORED_TYPES.join(", ")
        ));
    }
    match floor.parse::<f64>() {
        Ok(floor) if (0.0..=1.0).contains(&floor) => Ok((kind.to_string(), floor)),
        _ => Err(format!("expected a floor between 0 and 1, not {floor:?}")),
    }
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
    match Cli::parse().command {
        Command::Extract(args) => extract(args),
        Command::Eval(args) => eval(args),
    }
}

fn eval(args: EvalArgs) -> ExitCode {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("corpus")]
    } else {
        args.paths
    };
    let evaluation = Dictionaries::load(args.dictionaries.as_deref())
        .and_then(|dictionaries| Pipeline::new(&dictionaries))
        .and_then(|pipeline| zhnews::evaluate(&paths, &pipeline));
    let evaluation = match evaluation {
        Ok(evaluation) => evaluation,
        Err(error) => {
            eprintln!("zhnews: {error}");
            return ExitCode::from(2);
        }
    };
    let mut stdout = io::stdout().lock();
    let written = match args.format {
        EvalFormat::Text => evaluation.write_text(&mut stdout),
        EvalFormat::Json => serde_json::to_writer_pretty(&mut stdout, &evaluation)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(stdout)),
    };
    if let Err(error) = written {
        if error.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("zhnews: <stdout>: {error}");
            return ExitCode::from(2);
        }
    }
    let mut under = false;
    for (kind, floor) in &args.min_f1 {
        let f1 = evaluation
            .type_score(kind)
            .map_or(0.0, |score| score.overlap.f1);
        if f1 < *floor {
            eprintln!("zhnews: {kind}: overlap F1 {f1:.3} is under the floor {floor}");
            under = true;
        }
    }
    if under {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn extract(args: ExtractArgs) -> ExitCode {
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
