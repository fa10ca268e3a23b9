//! Files, standard input and output, and encoding data: what the command
//! line and `build.rs` meet. Each names its file, or `None` for standard
//! input or output.

/// What went wrong reading, writing or encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum IoError {
    /// A file (`None`: standard input) could not be read. `io` says why,
    /// `detail` is the system's own (English) text.
    ReadFailed {
        file: Option<String>,
        io: std::io::ErrorKind,
        detail: String,
    },
    /// The output could not be written: a file, or standard output (`None`).
    /// `io` says why, `detail` is the system's own (English) text.
    WriteFailed {
        file: Option<String>,
        io: std::io::ErrorKind,
        detail: String,
    },
    /// A file (`None`: standard input) that is not UTF-8 text.
    FileNotUtf8 { file: Option<String> },
    /// A file (`None`: standard input) larger than the limit for its kind.
    InputTooLarge {
        file: Option<String>,
        max_bytes: usize,
    },
    /// Data (JSON, policy data) that could not be encoded: a bug.
    CannotEncode { detail: String },
}

impl IoError {
    /// The message in Chinese and in English.
    pub fn messages(&self) -> (String, String) {
        match self {
            IoError::ReadFailed { file, io, detail } => match file {
                Some(file) => (
                    format!("无法读取文件 {file}：{}", io_zh(*io)),
                    format!("cannot read {file}: {detail}"),
                ),
                None => (
                    format!("无法读取标准输入：{}", io_zh(*io)),
                    format!("cannot read standard input: {detail}"),
                ),
            },
            IoError::WriteFailed { file, io, detail } => match file {
                Some(file) => (
                    format!("无法写入文件 {file}：{}", io_zh(*io)),
                    format!("cannot write {file}: {detail}"),
                ),
                None => (
                    format!("无法写出结果（标准输出）：{}", io_zh(*io)),
                    format!("cannot write to standard output: {detail}"),
                ),
            },
            IoError::FileNotUtf8 { file } => {
                let (zh, en) = match file {
                    Some(file) => (format!("文件 {file} "), file.as_str()),
                    None => ("标准输入".into(), "standard input"),
                };
                (
                    format!("{zh}不是 UTF-8 编码的文本；请在编辑器（如记事本）中另存为 UTF-8"),
                    format!("{en} is not UTF-8 text; save it as UTF-8 in an editor"),
                )
            }
            IoError::InputTooLarge { file, max_bytes } => {
                let max = size(*max_bytes);
                match file {
                    Some(file) => (
                        format!("文件 {file} 超过 {max} 的上限；请检查是否选错了文件"),
                        format!("{file} is larger than the limit of {max}; is it the right file?"),
                    ),
                    None => (
                        format!("标准输入超过 {max} 的上限"),
                        format!("standard input is larger than the limit of {max}"),
                    ),
                }
            }
            IoError::CannotEncode { detail } => (
                "程序内部错误：无法写出数据，请报告这个问题".into(),
                format!("internal error: cannot encode the data: {detail}"),
            ),
        }
    }
}

/// Why a file could not be read or written, in Chinese words; the system's
/// own text (English) goes into the English message.
fn io_zh(kind: std::io::ErrorKind) -> &'static str {
    use std::io::ErrorKind as Io;
    match kind {
        Io::NotFound => "找不到该文件",
        Io::PermissionDenied => "没有权限",
        Io::IsADirectory => "这是一个文件夹，不是文件",
        Io::NotADirectory => "路径中有一部分不是文件夹",
        Io::StorageFull => "磁盘已满",
        Io::ReadOnlyFilesystem => "磁盘是只读的",
        Io::FileTooLarge => "文件太大",
        Io::InvalidFilename => "文件名无效",
        Io::InvalidData => "内容无法读取",
        Io::Interrupted => "操作被中断",
        _ => "系统报错（详见英文说明）",
    }
}

/// A size limit as people write it: `1 MiB`, `64 KiB`, `1000 B`.
fn size(bytes: usize) -> String {
    match bytes {
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
        b => format!("{b} B"),
    }
}
