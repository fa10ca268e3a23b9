//! Batch files: a CSV table of households, one per row (`yibao::batch`).

use super::fixed;

/// What is wrong with a batch file or one of its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BatchError {
    /// A batch file without a header row or without any household.
    NoRows,
    /// A batch file with more rows than `yibao::batch::MAX_ROWS`.
    TooManyRows { max: usize },
    /// A batch file's header lacks a required column.
    MissingColumn { name_zh: &'static str },
    /// A batch row with more or fewer fields than the header.
    RowLength { found: usize, expected: usize },
    /// A quoted CSV field whose closing quote never comes.
    UnclosedQuote,
    /// A quoted CSV field whose closing quote is followed by more text.
    StrayQuote,
    /// A batch row longer than `yibao::batch::MAX_ROW_CHARS`.
    RowTooLong { max: usize },
    /// A batch file that holds binary content rather than text.
    NotText,
    /// A batch file that is not UTF-8 text (often GBK, from Excel on
    /// Chinese Windows); the file is the error's location.
    NotUtf8,
    /// A column filled in on a stay's row that only outpatient rows use
    /// (`visits`); the column is the error's field.
    OutpatientOnly,
}

impl BatchError {
    /// The message in Chinese and in English.
    pub fn messages(&self) -> (String, String) {
        match self {
            BatchError::NoRows => fixed(
                "文件里没有数据：第一行应是表头，下面每行一户",
                "the file has no data: a header row first, then one household per row",
            ),
            BatchError::TooManyRows { max } => (
                format!("一个文件最多 {max} 行，请分成几个文件"),
                format!("at most {max} rows in one file; split it into several"),
            ),
            // The English message leaves out the column's Chinese name;
            // the error's field gives its id.
            BatchError::MissingColumn { name_zh } => (
                format!("表头缺少这一列（{name_zh}）；格式见示例文件"),
                "the header lacks this column; see the example file".into(),
            ),
            BatchError::RowLength { found, expected } => (
                format!("这一行有 {found} 列，表头有 {expected} 列；请检查是否多了或少了逗号"),
                format!(
                    "this row has {found} fields but the header has {expected}; check for a missing or extra comma"
                ),
            ),
            BatchError::UnclosedQuote => fixed(
                "引号没有配对：这一行的引号一直没有结束（下一行照常读取）",
                "a quote opened on this row is never closed (the next line is read as usual)",
            ),
            BatchError::StrayQuote => fixed(
                "引号位置不对：引号里的内容结束后应紧跟分隔的逗号或换行；内容里的引号要写成两个（\"\"）",
                "misplaced quote: a closing quote must be followed by the separator or the end of the line; write a quote inside a field as \"\"",
            ),
            BatchError::RowTooLong { max } => (
                format!("这一行超过 {max} 个字，不像是表格里的一行；请检查文件"),
                format!("this row is over {max} characters long, not a table row; check the file"),
            ),
            BatchError::NotText => fixed(
                "这不是文字表格（CSV）文件，里面有二进制内容；请在 Excel 或 WPS 中另存为“CSV UTF-8”",
                "this is not a text table (CSV): it holds binary content; in Excel or WPS save it as \"CSV UTF-8\"",
            ),
            BatchError::NotUtf8 => fixed(
                "文件不是 UTF-8 编码；请在 Excel 或 WPS 中另存为“CSV UTF-8”",
                "the file is not UTF-8 text; in Excel or WPS save it as \"CSV UTF-8\"",
            ),
            BatchError::OutpatientOnly => fixed(
                "这一列只用于门诊行（就诊类型为普通门诊、门诊慢性病或门诊特殊病）；住院行请留空",
                "this column is for outpatient rows only (kind general, chronic or special); leave it empty on a stay's row",
            ),
        }
    }
}
