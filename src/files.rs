//! The one way conversion reads local files (`-K config`, `-H @file`, `-G -d @file`,
//! `--variable name@file`, `;headers=@file`): relative names resolve against a base directory the
//! caller chooses, not silently against the process's working directory, and every read is capped.

use std::path::{Path, PathBuf};

/// The most conversion reads: the pasted input, and each file it names (1 MiB).
pub const MAX_INPUT: usize = 1 << 20;

/// Where relative file names resolve. The default is the working directory, as for curl itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Files {
    base: Option<PathBuf>,
}

impl Files {
    /// Files relative to `base` (`None`: the working directory).
    pub fn new(base: Option<PathBuf>) -> Files {
        Files { base }
    }

    /// The path `name` stands for.
    pub fn resolve(&self, name: &str) -> PathBuf {
        match &self.base {
            Some(base) if Path::new(name).is_relative() => base.join(name),
            _ => PathBuf::from(name),
        }
    }

    /// Reads `name`, refusing files larger than [`MAX_INPUT`] (an error message without the
    /// path, which the caller shows as the user wrote it).
    pub fn read(&self, name: &str) -> Result<Vec<u8>, String> {
        use std::io::Read;
        let file = std::fs::File::open(self.resolve(name)).map_err(|e| e.to_string())?;
        let mut buf = Vec::new();
        file.take(MAX_INPUT as u64 + 1)
            .read_to_end(&mut buf)
            .map_err(|e| e.to_string())?;
        if buf.len() > MAX_INPUT {
            return Err(format!("it is larger than {MAX_INPUT} bytes (1 MiB)"));
        }
        Ok(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_names_resolve_against_the_base() {
        let dir = std::env::temp_dir().join(format!("curl2code-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.txt"), "hello").unwrap();
        let files = Files::new(Some(dir.clone()));
        assert_eq!(files.read("a.txt").unwrap(), b"hello");
        let abs = dir.join("a.txt").display().to_string();
        assert_eq!(Files::default().read(&abs).unwrap(), b"hello");
        assert!(files.read("missing.txt").is_err());
        std::fs::write(dir.join("big"), vec![b'x'; MAX_INPUT + 1]).unwrap();
        assert!(files.read("big").unwrap_err().contains("larger"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
