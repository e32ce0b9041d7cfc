//! A small harness over the built binary: each test gets its own temporary folder, runs
//! `zhnews` in it, and asserts separately on exit code, stdout and stderr.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The project's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed article in `corpus/`.
pub fn seed_path() -> PathBuf {
    root().join("corpus/shijingshan-2021.txt")
}

/// What a run of the binary gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    /// Standard error without the closing summary line.
    pub stderr: String,
    /// The summary line `zhnews: N documents, N failed, T s`, when the run wrote one.
    pub summary: Option<String>,
}

/// A temporary folder to run `zhnews` in.
pub struct Dir {
    dir: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file, creating its folders.
    pub fn create(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, contents).unwrap();
        path
    }

    /// A command for the binary, run in this folder.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_zhnews"));
        command.current_dir(self.path()).args(args);
        command
    }

    /// Starts the binary with `args`, its standard streams piped.
    pub fn spawn(&self, args: &[&str]) -> Child {
        self.command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }

    /// Runs the binary with `args` and `stdin`.
    pub fn run(&self, args: &[&str], stdin: &str) -> Run {
        let mut child = self.spawn(args);
        let mut input = child.stdin.take().unwrap();
        let stdin = stdin.to_string();
        let feeder = std::thread::spawn(move || {
            // The binary may exit before reading everything; that is its business.
            let _ = input.write_all(stdin.as_bytes());
        });
        let output = child.wait_with_output().unwrap();
        feeder.join().unwrap();
        let mut stderr = String::from_utf8(output.stderr).unwrap();
        let last_line = stderr.trim_end().rfind('\n').map_or(0, |at| at + 1);
        let summary = stderr[last_line..]
            .strip_prefix("zhnews: ")
            .filter(|line| line.contains(" documents, ") && line.trim_end().ends_with(" s"))
            .map(|line| line.trim_end().to_string());
        if summary.is_some() {
            stderr.truncate(last_line);
        }
        Run {
            code: output
                .status
                .code()
                .expect("exited, not killed by a signal"),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr,
            summary,
        }
    }
}
