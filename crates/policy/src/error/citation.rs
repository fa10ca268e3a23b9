//! Citations of the source texts: how a source is named, and whether the
//! quote stands at the cited line and holds the figure
//! ([`crate::policy::citations`]).

use super::{Error, fixed};

/// What is wrong with a citation.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CitationError {
    /// A citation not written as `file:line`.
    BadSource,
    /// A citation's file that is not a plain file name in the sources folder
    /// (a path, `..`, a drive).
    SourceNotPlainName { file: String },
    /// A cited file without its document (`[[documents]]`: title, number, kind).
    NoDocument { file: String },
    /// A source text that could not be read (`reason`), so that none of the
    /// `citations` citing it could be checked.
    SourceUnreadable {
        reason: Box<Error>,
        citations: usize,
    },
    /// A citation of a line the source text does not have.
    NoSuchLine {
        file: String,
        line: u32,
        lines: usize,
    },
    /// A quote that does not stand on the cited line, which reads `text`.
    QuoteNotOnLine {
        file: String,
        line: u32,
        text: String,
    },
    /// A cited figure (as written: `70%`, `14000`) found neither in its
    /// quote nor in the citation's reading.
    FigureNotInQuote { written: String },
}

impl CitationError {
    /// The message in Chinese and in English.
    pub fn messages(&self) -> (String, String) {
        match self {
            CitationError::BadSource => fixed(
                "出处应写成 文件名:行号，例如 \"004_44d2b2ecadff79be.txt:22\"",
                "write a source as file:line, e.g. \"004_44d2b2ecadff79be.txt:22\"",
            ),
            CitationError::SourceNotPlainName { file } => (
                format!(
                    "出处的文件名“{file}”不对：只能写 sources 文件夹里的一个文件名，不能带路径（/、\\、..）"
                ),
                format!(
                    "the source \"{file}\" must be a file name in the sources folder, without a path (/, \\, ..)"
                ),
            ),
            CitationError::NoDocument { file } => (
                format!(
                    "出处文件“{file}”没有文献信息：请在文件开头的 [[documents]] 里为它写一条（file、title_zh、title_en、kind，有文号、日期的也写上），读者看到的是标题和文号，不是文件名"
                ),
                format!(
                    "the source \"{file}\" has no document: add a [[documents]] entry for it (file, title_zh, title_en, kind, and its number and date if it has them), so that readers see its title and number, not a file name"
                ),
            ),
            CitationError::SourceUnreadable { reason, citations } => {
                let (zh, en) = reason.messages();
                (
                    format!("{zh}；引用这个文件的 {citations} 处都无法核对"),
                    format!("{en}; its citations ({citations}) cannot be checked"),
                )
            }
            CitationError::NoSuchLine { file, line, lines } => (
                format!("原文 {file} 只有 {lines} 行，没有第 {line} 行"),
                format!("{file} has {lines} lines, no line {line}"),
            ),
            CitationError::QuoteNotOnLine { file, line, text } => (
                format!("原文 {file} 第 {line} 行没有这句原话；这一行是：{text}"),
                format!("the quote is not on line {line} of {file}, which reads: {text}"),
            ),
            CitationError::FigureNotInQuote { written } => (
                format!(
                    "原话里没有这个数字（{written}），reading 里也没有；请核对数字和原话，或在 reading 里说明怎样读出这个数"
                ),
                format!(
                    "the figure ({written}) is neither in the quote nor stated by the reading; check both, or say in the reading how the figure is read"
                ),
            ),
        }
    }
}
