//! The `zhnews` command: flags → validated config → run → exit code.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand, ValueEnum};

use indicatif::{ProgressBar, ProgressStyle};

use zhnews::{
    Dictionaries, Event, ExtractConfig, FileFilter, Format, Input, LoadOptions, Outcome, Pipeline,
};

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
    /// Files, folders (searched for *.txt, *.html and *.htm) or `-` for JSON Lines on stdin:
    /// {"id", "text", "published"?, "title"?} a line.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format [default: by the output file's extension (.db, .sqlite, .sqlite3: sqlite;
    /// .jsonl, .ndjson: jsonl; .json: json); else json for a single file named alone, jsonl
    /// otherwise].
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// Write to FILE (replaced only when the run completes; an SQLite database is updated in
    /// one transaction) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Read only the files of a folder whose path under it matches GLOB (repeatable), instead
    /// of *.txt, *.html and *.htm.
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Skip the files and folders whose path under the folder matches GLOB (repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Threads analysing documents [default: one per core]. The output is the same whatever
    /// the number.
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// No progress bar and no summary; errors and warnings are still printed.
    #[arg(short, long)]
    quiet: bool,
    /// Publication date (YYYY-MM-DD) for documents whose input or sidecar gives none.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    published: Option<String>,
    /// Folder whose dictionary files replace the embedded ones of the same name.
    #[arg(long, value_name = "DIR")]
    dictionaries: Option<PathBuf>,
    /// Report a document longer than N characters as a `too_large` error instead of analysing
    /// it: linking grows faster than a document, so this bounds what one input can cost.
    #[arg(long, value_name = "N", default_value_t = zhnews::DEFAULT_MAX_CHARS)]
    max_chars: usize,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// One record a line.
    Jsonl,
    /// Pretty-printed records.
    Json,
    /// An SQLite database of normalised tables (needs --output).
    Sqlite,
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
                FormatArg::Sqlite => Format::Sqlite,
            }),
            output: self.output,
            load: LoadOptions {
                published: self.published,
                max_chars: self.max_chars,
            },
            dictionaries: self.dictionaries,
            filter: FileFilter::new(&self.include, &self.exclude).map_err(|e| e.to_string())?,
            jobs: self.jobs.map(usize::from),
        })
    }
}

// jieba-rs and the extractors make many small allocations, which mimalloc serves faster than
// glibc's malloc (Cargo.toml says by how much).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    let quiet = args.quiet;
    let config = match args.into_config() {
        Ok(config) => config,
        Err(message) => {
            eprintln!("zhnews: {message}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let progress = Progress::new(!quiet && io::stderr().is_terminal());
    let mut notify = |event: Event<'_>| progress.see(event);
    let result = zhnews::extract(
        &config,
        Box::new(io::BufReader::new(io::stdin())),
        &mut io::stdout().lock(),
        &mut notify,
    );
    progress.bar.finish_and_clear();
    if let Ok(summary) = &result {
        if !quiet {
            eprintln!(
                "zhnews: {} documents, {} failed, {:.1} s",
                summary.documents,
                summary.failed,
                started.elapsed().as_secs_f64()
            );
        }
    }
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

/// The progress bar on stderr (hidden when stderr is no terminal, or with `--quiet`), and the
/// errors and warnings printed above it.
struct Progress {
    bar: ProgressBar,
    bytes: std::cell::Cell<u64>,
}

impl Progress {
    fn new(visible: bool) -> Progress {
        let bar = if visible {
            ProgressBar::new(0)
        } else {
            ProgressBar::hidden()
        };
        Progress {
            bar,
            bytes: std::cell::Cell::new(0),
        }
    }

    fn see(&self, event: Event<'_>) {
        match event {
            Event::Planned { files, stdin } => {
                let template = if stdin {
                    "{spinner} {pos} documents · {msg} · {per_sec} · {elapsed}"
                } else {
                    "{wide_bar} {pos}/{len} documents · {msg} · {per_sec} · ETA {eta}"
                };
                if let Ok(style) = ProgressStyle::with_template(template) {
                    self.bar.set_style(style);
                }
                if stdin {
                    self.bar.unset_length();
                } else {
                    self.bar.set_length(files as u64);
                }
                self.bar.enable_steady_tick(Duration::from_millis(200));
            }
            Event::Output(outcome) => {
                let bytes = match outcome {
                    Outcome::Record { bytes, .. } => *bytes,
                    Outcome::Error { bytes, .. } => bytes.unwrap_or(0),
                };
                self.bytes.set(self.bytes.get() + bytes as u64);
                self.bar
                    .set_message(format!("{:.1} MB", self.bytes.get() as f64 / 1e6));
                self.bar.inc(1);
                let has_message = match outcome {
                    Outcome::Error { .. } => true,
                    Outcome::Record { warnings, .. } => !warnings.is_empty(),
                };
                if has_message {
                    self.bar.suspend(|| report(outcome));
                }
            }
        }
    }
}

/// Prints an output's error or warnings on stderr.
fn report(outcome: &Outcome) {
    let mut stderr = io::stderr().lock();
    // A failed write to stderr has nowhere to be reported.
    let _ = match outcome {
        Outcome::Error { error, .. } => writeln!(stderr, "zhnews: {}", error.message),
        Outcome::Record { warnings, .. } => warnings
            .iter()
            .try_for_each(|w| writeln!(stderr, "zhnews: warning: {}", w.message)),
    };
}
