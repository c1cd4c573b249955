//! STUB: replaced by the real module.
#![allow(dead_code)]
#[derive(Clone, Debug)]
pub(crate) struct Pattern {
    source: String,
    compiled: ::regex::Regex,
}
impl Pattern {
    pub(crate) fn compile(xsd: &str) -> Result<Pattern, String> {
        let s = xsd
            .replace("\\s", "[ \\t\\n\\r]")
            .replace("\\S", "[^ \\t\\n\\r]");
        ::regex::Regex::new(&format!("\\A(?:{s})\\z"))
            .map(|compiled| Pattern {
                source: xsd.to_string(),
                compiled,
            })
            .map_err(|e| e.to_string())
    }
    pub(crate) fn is_match(&self, value: &str) -> bool {
        self.compiled.is_match(value)
    }
    pub(crate) fn source(&self) -> &str {
        &self.source
    }
}
