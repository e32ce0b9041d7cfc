//! Finding the files to read: a file as named, or a folder's files in sorted path order,
//! chosen by their extension or by `--include`/`--exclude` globs.

use std::fs;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use super::{read_error, Task};
use crate::error::Error;

/// The extensions of the files a folder is searched for when no `--include` glob is given.
const ARTICLE_EXTENSIONS: [&str; 3] = ["txt", "html", "htm"];

/// Files beside the articles that are never articles: metadata sidecars and gold files.
const COMPANION_SUFFIXES: [&str; 2] = [".meta.json", ".gold.json"];

/// Which files of a folder are read. Globs (globset's syntax) match the path relative to the
/// folder named (`2023/*.txt`, `**/drafts`); `*` matches across `/`.
#[derive(Debug, Clone, Default)]
pub struct FileFilter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl FileFilter {
    /// A filter reading files that match an `include` glob (or, with none, the article
    /// extensions) and match no `exclude` glob; a folder matching an `exclude` glob is skipped
    /// whole.
    pub fn new(include: &[String], exclude: &[String]) -> Result<FileFilter, Error> {
        Ok(FileFilter {
            include: glob_set(include)?,
            exclude: glob_set(exclude)?,
        })
    }

    fn reads_file(&self, relative: &Path) -> bool {
        let name = relative.to_string_lossy();
        if COMPANION_SUFFIXES
            .iter()
            .any(|suffix| name.ends_with(suffix))
        {
            return false;
        }
        let included = match &self.include {
            Some(include) => include.is_match(relative),
            None => relative
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())),
        };
        included && !self.excludes(relative)
    }

    fn excludes(&self, relative: &Path) -> bool {
        self.exclude.as_ref().is_some_and(|e| e.is_match(relative))
    }
}

fn glob_set(globs: &[String]) -> Result<Option<GlobSet>, Error> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        builder.add(Glob::new(glob).map_err(|e| Error::InvalidGlob {
            glob: glob.clone(),
            message: e.kind().to_string(),
        })?);
    }
    let set = builder.build().map_err(|e| Error::InvalidGlob {
        glob: globs.join(" "),
        message: e.to_string(),
    })?;
    Ok(Some(set))
}

/// The file tasks for `path`: the file itself, whatever its name, or the files of a folder and
/// its subfolders that `filter` reads, in sorted path order. Symbolic links to folders are not
/// followed, so a link loop cannot trap the walk; a link to a file is read, and a link that
/// leads nowhere, or round in a loop, becomes a failed task.
pub fn file_tasks(path: &Path, filter: &FileFilter) -> Vec<Task> {
    let mut tasks = Vec::new();
    match fs::metadata(path) {
        Ok(metadata) if metadata.is_dir() => walk(path, path, filter, &mut tasks),
        Ok(_) => tasks.push(Task::File(path.to_path_buf())),
        Err(e) => tasks.push(Task::Failed(path.to_path_buf(), read_error(path, e))),
    }
    tasks
}

fn walk(root: &Path, dir: &Path, filter: &FileFilter, tasks: &mut Vec<Task>) {
    let entries = match fs::read_dir(dir).and_then(|entries| entries.collect::<Result<Vec<_>, _>>())
    {
        Ok(entries) => entries,
        Err(e) => {
            tasks.push(Task::Failed(dir.to_path_buf(), read_error(dir, e)));
            return;
        }
    };
    let mut paths: Vec<(PathBuf, bool)> = entries
        .iter()
        .map(|entry| {
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            (entry.path(), is_dir)
        })
        .collect();
    paths.sort();
    for (path, is_dir) in paths {
        let relative = path.strip_prefix(root).unwrap_or(&path);
        if is_dir {
            if !filter.excludes(relative) {
                walk(root, &path, filter, tasks);
            }
        } else if filter.reads_file(relative) {
            tasks.push(Task::File(path));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(dir: &Path, include: &[&str], exclude: &[&str]) -> Vec<String> {
        let strings = |globs: &[&str]| globs.iter().map(|g| g.to_string()).collect::<Vec<_>>();
        let filter = FileFilter::new(&strings(include), &strings(exclude)).unwrap();
        file_tasks(dir, &filter)
            .into_iter()
            .map(|task| match task {
                Task::File(path) => path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn globs_choose_the_files_of_a_folder_in_sorted_order() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "b.txt",
            "a.HTML",
            "a.htm",
            "notes.md",
            "a.meta.json",
            "2023/x.txt",
            "2023/drafts/y.txt",
            "2024/z.txt",
        ] {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "文").unwrap();
        }
        let cases: &[(&[&str], &[&str], &[&str])] = &[
            (
                &[],
                &[],
                &[
                    "2023/drafts/y.txt",
                    "2023/x.txt",
                    "2024/z.txt",
                    "a.HTML",
                    "a.htm",
                    "b.txt",
                ],
            ),
            (&["*.md"], &[], &["notes.md"]),
            (&["a*"], &[], &["a.HTML", "a.htm"]),
            (&["2023/**"], &["**/drafts"], &["2023/x.txt"]),
            (
                &[],
                &["*.htm*", "*.HTML"],
                &["2023/drafts/y.txt", "2023/x.txt", "2024/z.txt", "b.txt"],
            ),
            (&["*.txt"], &["2023"], &["2024/z.txt", "b.txt"]),
        ];
        for (include, exclude, expected) in cases {
            assert_eq!(
                found(dir.path(), include, exclude),
                *expected,
                "{include:?} {exclude:?}"
            );
        }
    }

    #[test]
    fn a_malformed_glob_is_named() {
        let error = FileFilter::new(&["a[".into()], &[]).unwrap_err();
        assert_eq!(error.kind(), "invalid_glob");
        assert!(error.to_string().starts_with("glob \"a[\": "), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn links_to_folders_are_not_followed_and_a_link_loop_is_a_failed_task() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        fs::write(dir.path().join("sub/a.txt"), "文").unwrap();
        std::os::unix::fs::symlink("..", dir.path().join("sub/up")).unwrap();
        std::os::unix::fs::symlink("loop.txt", dir.path().join("loop.txt")).unwrap();
        let tasks = file_tasks(dir.path(), &FileFilter::default());
        assert_eq!(tasks.len(), 2, "{tasks:?}");
        let loaded = tasks
            .into_iter()
            .map(|task| task.load(&super::super::LoadOptions::default()))
            .collect::<Vec<_>>();
        assert_eq!(loaded[0].as_ref().unwrap_err().error.kind(), "read");
        assert_eq!(loaded[1].as_ref().unwrap().text, "文");
    }
}
