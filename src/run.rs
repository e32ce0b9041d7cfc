//! The `extract` job: inputs → batches analysed in parallel → records written in input order.

use std::io::BufRead;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use rayon::prelude::*;

use crate::dictionaries::Dictionaries;
use crate::error::Error;
use crate::input::{file_tasks, FileFilter, InputFailure, LoadOptions, Task};
use crate::output::{Destination, Encoded, Format, RecordWriter};
use crate::pipeline::Pipeline;
use crate::record::{ErrorInfo, ErrorRecord, Output, Warning, SCHEMA_VERSION};

/// One input the user named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file, or a folder searched recursively for articles (see [`FileFilter`]).
    Path(PathBuf),
    /// JSON Lines on standard input (`-`).
    Stdin,
}

/// A validated `extract` job.
#[derive(Debug, Clone)]
pub struct ExtractConfig {
    /// What to read, in order.
    pub inputs: Vec<Input>,
    /// Output format; `None` picks the format the output file's name asks for
    /// ([`Format::for_output`]), else JSON for a single file named alone and JSON Lines
    /// otherwise.
    pub format: Option<Format>,
    /// Output file; `None` writes to the output stream.
    pub output: Option<PathBuf>,
    /// How inputs become documents.
    pub load: LoadOptions,
    /// Which files of a folder are read.
    pub filter: FileFilter,
    /// Threads analysing documents; `None` uses every core.
    pub jobs: Option<usize>,
    /// A folder whose dictionary files replace the embedded ones.
    pub dictionaries: Option<PathBuf>,
}

/// What a run tells its caller as it goes, for progress and messages.
#[derive(Debug)]
pub enum Event<'a> {
    /// The inputs are known: `files` files, and standard input too when `stdin` is set, whose
    /// length is unknown.
    Planned {
        /// Files found.
        files: usize,
        /// Whether standard input is read as well.
        stdin: bool,
    },
    /// What is told of an output, just before it is written.
    Output(&'a Outcome),
}

/// What a run tells of one output. The output itself is encoded and then freed by the thread
/// that analysed it: a record holds hundreds of small allocations, and freed on the writing
/// thread they made `--jobs 1` runs over the news bench about 13% slower (the analysing thread
/// then reused memory another core had just written, and collected what that core freed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The document was analysed and its record is written.
    Record {
        /// Bytes of the input.
        bytes: usize,
        /// The record's warnings.
        warnings: Vec<Warning>,
    },
    /// An error record is written in place of the document's.
    Error {
        /// Bytes of the input, when it was read.
        bytes: Option<usize>,
        /// What went wrong.
        error: ErrorInfo,
    },
}

impl Outcome {
    /// What is told of `output`, which is freed here.
    fn of(output: Output) -> Outcome {
        match output {
            Output::Record(record) => Outcome::Record {
                bytes: record.source.bytes,
                warnings: record.warnings,
            },
            Output::Error(record) => Outcome::Error {
                bytes: record.source.map(|source| source.bytes),
                error: record.error,
            },
        }
    }
}

/// What a run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records written for documents that were analysed.
    pub documents: usize,
    /// Error records written for inputs that could not be read.
    pub failed: usize,
}

/// Documents analysed together before their records are written; small enough that a stream
/// sees its records soon and memory stays bounded, large enough to keep every core busy.
const BATCH: usize = 64;

/// Runs `extract`: every input appears exactly once in the output, as a record or an error
/// record, in input order, whatever the number of threads. `notify` sees the plan and then each
/// output before it is written, so the caller can show progress and report errors and warnings
/// as they happen.
///
/// Standard input is read on a thread of its own, which a run that ends early (its output
/// closed, a write failed) leaves behind: it may be waiting for a line that never comes
/// (`tail -f feed.jsonl | zhnews extract - | head -1`), and ends with the process.
pub fn extract(
    config: &ExtractConfig,
    stdin: Box<dyn BufRead + Send>,
    stdout: &mut dyn std::io::Write,
    notify: &mut dyn FnMut(Event<'_>),
) -> Result<Summary, Error> {
    let mut file_inputs = Vec::new();
    let mut reads_stdin = false;
    for input in &config.inputs {
        match input {
            Input::Path(path) => file_inputs.push(file_tasks(path, &config.filter)),
            Input::Stdin => reads_stdin = true,
        }
    }
    let files: usize = file_inputs.iter().map(Vec::len).sum();
    let format = config
        .format
        .or_else(|| config.output.as_deref().and_then(Format::for_output))
        .unwrap_or(match config.inputs.as_slice() {
            [Input::Path(path)] if !path.is_dir() => Format::Json,
            _ => Format::Jsonl,
        });
    let destination = match &config.output {
        Some(path) => Destination::File(path.clone()),
        None => Destination::Stream(stdout),
    };
    let mut writer = RecordWriter::open(format, destination)?;
    let pipeline = Pipeline::new(&Dictionaries::load(config.dictionaries.as_deref())?)?;
    let threads = rayon::ThreadPoolBuilder::new()
        .num_threads(config.jobs.unwrap_or(0))
        .build()
        .map_err(|e| Error::Threads {
            message: e.to_string(),
        })?;
    let mut summary = Summary::default();
    notify(Event::Planned {
        files,
        stdin: reads_stdin,
    });

    let (task_sender, tasks) = mpsc::sync_channel::<Task>(BATCH * 4);
    // Reading runs ahead in its own thread so that a batch starts with whatever input has
    // arrived: a slow producer on stdin gets its records line by line. A run that fails does
    // not join it: a read of stdin cannot be interrupted.
    let inputs = config.inputs.clone();
    let reader = std::thread::spawn(move || {
        let mut stdin = stdin;
        let mut file_inputs = file_inputs.into_iter();
        for input in &inputs {
            let tasks: Box<dyn Iterator<Item = Task>> = match input {
                Input::Path(_) => Box::new(file_inputs.next().unwrap_or_default().into_iter()),
                Input::Stdin => Box::new(stdin_tasks(&mut *stdin)),
            };
            for task in tasks {
                if task_sender.send(task).is_err() {
                    return;
                }
            }
        }
    });
    // Set when writing has ended, so that analysis stops waiting for input.
    let written = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (batch_sender, batches) = mpsc::sync_channel::<Vec<Analysed>>(2);
        // Analysis runs in a thread of its own too, so that while one batch is written the
        // next is analysed; each document is encoded by the thread that analysed it.
        let (threads, pipeline, written) = (&threads, &pipeline, &written);
        scope.spawn(move || {
            while let Some(first) = next_task(&tasks, written) {
                let mut batch = vec![first];
                batch.extend(tasks.try_iter().take(BATCH - 1));
                let analysed = threads.install(|| {
                    batch
                        .into_par_iter()
                        .map(|task| {
                            let name = task.name();
                            // A bug of zhnews on one document costs that document, not the run.
                            let output = std::panic::catch_unwind(AssertUnwindSafe(|| match task
                                .load(&config.load)
                            {
                                Ok(input) => Output::Record(Box::new(pipeline.process(input))),
                                Err(failure) => error_output(*failure),
                            }))
                            .unwrap_or_else(|panic| internal_error(name, panic.as_ref()));
                            let encoded = format.encode(&output);
                            Analysed {
                                outcome: Outcome::of(output),
                                encoded,
                            }
                        })
                        .collect()
                });
                if batch_sender.send(analysed).is_err() {
                    return;
                }
            }
        });
        let write = || {
            for batch in batches {
                for Analysed { outcome, encoded } in batch {
                    notify(Event::Output(&outcome));
                    match outcome {
                        Outcome::Record { .. } => summary.documents += 1,
                        Outcome::Error { .. } => summary.failed += 1,
                    }
                    writer.write(&encoded?)?;
                }
                writer.flush()?;
            }
            Ok::<(), Error>(())
        };
        let result = write();
        written.store(true, Ordering::Relaxed);
        result
    })?;
    // All input was taken, so the reading thread has ended: a panic there must not pass for
    // the end of the input.
    if let Err(panic) = reader.join() {
        std::panic::resume_unwind(panic);
    }
    writer.finish()?;
    Ok(summary)
}

/// The next task, or `None` once the input has ended or, while waiting for it, writing has.
fn next_task(tasks: &mpsc::Receiver<Task>, written: &AtomicBool) -> Option<Task> {
    loop {
        match tasks.recv_timeout(WRITTEN_POLL) {
            Ok(task) => return Some(task),
            Err(mpsc::RecvTimeoutError::Timeout) if !written.load(Ordering::Relaxed) => {}
            Err(_) => return None,
        }
    }
}

/// How often analysis, waiting for input, looks whether writing has ended.
const WRITTEN_POLL: Duration = Duration::from_millis(100);

/// A document's encoded output and what is told of it, made together on an analysing thread.
struct Analysed {
    outcome: Outcome,
    encoded: Result<Encoded, Error>,
}

/// The lines of JSON Lines input as tasks; blank lines are skipped, a line that cannot be read
/// becomes a failed task.
fn stdin_tasks(stdin: &mut (dyn BufRead + Send)) -> impl Iterator<Item = Task> + '_ {
    let source_name = "<stdin>";
    stdin
        .split(b'\n')
        // A read error ends the input: reading on would meet the same error again and again
        // (`zhnews extract - < folder`).
        .scan(false, |stopped, line| {
            if *stopped {
                return None;
            }
            *stopped = line.is_err();
            Some(line)
        })
        .enumerate()
        .filter_map(move |(index, line)| {
            let number = index + 1;
            let failed = |error: Error| {
                Some(Task::Failed(
                    PathBuf::from(format!("{source_name}:{number}")),
                    error,
                ))
            };
            match line {
                Err(source) => failed(Error::Read {
                    path: PathBuf::from(source_name),
                    source,
                }),
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) if text.trim().is_empty() => None,
                    Ok(text) => Some(Task::Line {
                        source_name: source_name.to_string(),
                        number,
                        text,
                    }),
                    Err(e) => failed(Error::InvalidRecord {
                        source_name: source_name.to_string(),
                        line: number,
                        message: format!(
                            "not valid UTF-8 (first bad byte at offset {})",
                            e.utf8_error().valid_up_to()
                        ),
                    }),
                },
            }
        })
}

/// The error record of a document whose analysis panicked.
fn internal_error(name: String, panic: &(dyn std::any::Any + Send)) -> Output {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    error_output(InputFailure {
        id: name.clone(),
        source: None,
        error: Error::Internal { name, message },
    })
}

fn error_output(failure: InputFailure) -> Output {
    Output::Error(ErrorRecord {
        schema_version: SCHEMA_VERSION,
        id: failure.id,
        source: failure.source,
        error: ErrorInfo {
            kind: failure.error.kind().to_string(),
            message: failure.error.to_string(),
        },
    })
}
