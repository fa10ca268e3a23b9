//! The source documents a policy cites, as a reader names them: title,
//! issuing body, document number (登政办〔2018〕57号), date and kind. A
//! citation names a file of `policies/sources/`; its document says what that
//! file is, so that a resident reads "《…》登政办〔2018〕57号，第 46 行", not
//! a file name. A newspaper's figure weighs less than a notice's: the kind
//! says which it is.

use std::sync::Arc;

use serde::Serialize;

use super::data::decoded;

use crate::choice;
use crate::date::Date;

choice! {
    /// What a source document is.
    pub enum DocumentKind {
        Notice = "notice", "正式文件", "official notice";
        Reply = "reply", "正式答复", "official reply";
        Meeting = "meeting", "会议材料", "meeting record";
        Newspaper = "newspaper", "报纸报道", "newspaper report";
    }
}

decoded! {
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct Document {
        /// The file of the sources folder its citations name.
        pub file: Arc<str>,
        pub title_zh: Arc<str>,
        pub title_en: Arc<str>,
        /// Who issued or published it, where the text says.
        pub issuer_zh: Option<Arc<str>>,
        pub issuer_en: Option<Arc<str>>,
        /// Its document number (文号), if it has one.
        pub number: Option<Arc<str>>,
        /// When it was issued or published, where the text says.
        pub date: Option<Date>,
        pub kind: DocumentKind,
    }
}

#[cfg(feature = "files")]
pub(crate) mod reading {
    use super::*;
    use crate::error::{CitationError, Error, InputError};
    use crate::policy::citations::is_plain_file_name;
    use crate::policy::read::text;
    use crate::read::Node;

    /// `[[documents]]`: one table per source file.
    pub fn documents(node: &Node) -> Result<Vec<Document>, Error> {
        let mut out: Vec<Document> = Vec::new();
        for item in node.list()? {
            let t = item.table(&[
                "file",
                "title_zh",
                "title_en",
                "issuer_zh",
                "issuer_en",
                "number",
                "date",
                "kind",
            ])?;
            let file_node = t.req("file")?;
            let file = text(&t, "file")?;
            if !is_plain_file_name(&file) {
                return Err(file_node.error(CitationError::SourceNotPlainName { file }));
            }
            if out.iter().any(|d| *d.file == *file) {
                return Err(file_node.error(InputError::Duplicate { value: file }));
            }
            let optional = |key: &'static str| -> Result<Option<Arc<str>>, Error> {
                t.get(key).map(|_| text(&t, key).map(Arc::from)).transpose()
            };
            let (issuer_zh, issuer_en) = (optional("issuer_zh")?, optional("issuer_en")?);
            if issuer_zh.is_some() != issuer_en.is_some() {
                let missing = if issuer_zh.is_some() {
                    "issuer_en"
                } else {
                    "issuer_zh"
                };
                return Err(t.missing(missing));
            }
            out.push(Document {
                file: file.into(),
                title_zh: text(&t, "title_zh")?.into(),
                title_en: text(&t, "title_en")?.into(),
                issuer_zh,
                issuer_en,
                number: optional("number")?,
                date: t.get("date").map(|n| n.date()).transpose()?,
                kind: t.req("kind")?.choice()?,
            });
        }
        Ok(out)
    }
}
