//! What an input path is, before it is opened: a regular file that can be
//! read, or a named reason it is not (a folder, a pipe that would wait
//! forever, a device, a symbolic link loop, no permission).

use std::path::Path;

use super::InputProblem;

/// `Ok` when `path` is a regular file this process can open for reading;
/// otherwise what it is. Never opens anything but a regular file, so a
/// FIFO or a device cannot make it wait.
pub fn check_input(path: &Path) -> Result<(), InputProblem> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => return Err(why_not(path, e)),
    };
    let kind = meta.file_type();
    if kind.is_dir() {
        return Err(InputProblem::Folder);
    }
    if !kind.is_file() {
        return Err(special(&kind));
    }
    std::fs::File::open(path).map(drop).map_err(|e| why_not(path, e))
}

/// Why `metadata` or `open` failed.
fn why_not(path: &Path, error: std::io::Error) -> InputProblem {
    const ELOOP: i32 = 40;
    match error.kind() {
        std::io::ErrorKind::PermissionDenied => InputProblem::PermissionDenied,
        std::io::ErrorKind::NotFound => match std::fs::symlink_metadata(path) {
            Ok(link) if link.file_type().is_symlink() => InputProblem::DanglingLink,
            _ => InputProblem::NotFound,
        },
        _ if error.raw_os_error() == Some(ELOOP) => InputProblem::LinkLoop,
        _ => InputProblem::Io(error),
    }
}

/// A file that is neither a folder nor a regular file.
#[cfg(unix)]
fn special(kind: &std::fs::FileType) -> InputProblem {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        InputProblem::Fifo
    } else if kind.is_char_device() || kind.is_block_device() {
        InputProblem::Device
    } else if kind.is_socket() {
        InputProblem::Socket
    } else {
        InputProblem::NotRegular
    }
}

/// A file that is neither a folder nor a regular file.
#[cfg(not(unix))]
fn special(_: &std::fs::FileType) -> InputProblem {
    InputProblem::NotRegular
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_not_a_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.csv");
        std::fs::write(&file, "Id\n1\n").unwrap();
        assert!(check_input(&file).is_ok());
        assert!(matches!(check_input(dir.path()), Err(InputProblem::Folder)));
        assert!(matches!(check_input(&dir.path().join("none")), Err(InputProblem::NotFound)));
        assert!(matches!(check_input(Path::new("/dev/zero")), Err(InputProblem::Device)));
        #[cfg(unix)]
        {
            let looped = dir.path().join("loop.csv");
            std::os::unix::fs::symlink("loop.csv", &looped).unwrap();
            assert!(matches!(check_input(&looped), Err(InputProblem::LinkLoop)));
            let dangling = dir.path().join("dangling.csv");
            std::os::unix::fs::symlink("gone.csv", &dangling).unwrap();
            assert!(matches!(check_input(&dangling), Err(InputProblem::DanglingLink)));
            let fifo = dir.path().join("fifo.csv");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                assert!(matches!(check_input(&fifo), Err(InputProblem::Fifo)));
            }
        }
    }
}
