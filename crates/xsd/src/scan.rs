//! The XML tokenizer: one forward pass over a UTF-8 document, yielding start tags, attributes,
//! end tags, text and CDATA, and checking XML 1.0 (fifth edition) well-formedness at the token
//! level as it goes: legal characters everywhere, names, comments, processing instructions,
//! `]]>` in text, quoting. Comments and processing instructions are checked and skipped. A
//! DOCTYPE is reported as a token so the validator can refuse it; nothing of it is parsed.
//!
//! Structure (balanced tags, one root, namespace bindings, references) is the validator's job.
//! Text is scanned with a byte table, so ordinary content costs about one branch per byte.

/// One token and the byte position where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    /// `<?xml …?>` at the very start; `encoding` as written.
    Declaration { encoding: Option<&'a str> },
    /// `<!DOCTYPE`: refused by the validator, never parsed.
    Doctype,
    /// `<prefix:local` of a start tag; attributes and [`Token::StartEnd`] follow.
    ElementStart { prefix: &'a str, local: &'a str },
    /// `<prefix:local>` or `<prefix:local/>`: a whole start tag without attributes or spaces,
    /// the common case, in one token instead of [`Token::ElementStart`] and
    /// [`Token::StartEnd`].
    Element {
        prefix: &'a str,
        local: &'a str,
        empty: bool,
    },
    /// As [`Token::Element`], for a name the caller said it expects (see
    /// [`Scanner::next_token_expecting`]): `transition` is what the caller's matcher returned.
    Expected {
        prefix: &'a str,
        local: &'a str,
        empty: bool,
        transition: u32,
    },
    /// One attribute of the current start tag; `value` is raw (references not resolved).
    Attribute {
        prefix: &'a str,
        local: &'a str,
        value: &'a str,
        value_pos: usize,
    },
    /// `>` or `/>` closing a start tag.
    StartEnd { empty: bool },
    /// `</prefix:local>`, the name of the innermost open element (the validator knows it).
    EndTag,
    /// Character data, raw; `plain` is true when it has no `&` and no CR, so it needs no decoding.
    Text { raw: &'a str, plain: bool },
    /// Character data as [`Token::Text`] and right after it, at byte `end`, the end tag of the
    /// innermost element written plainly (`</name>`): a simple element's value and its end in
    /// one token.
    TextEnd {
        raw: &'a str,
        plain: bool,
        end: usize,
    },
    /// The content of a CDATA section.
    Cdata { raw: &'a str },
}

/// A start tag name the caller of [`Scanner::next_token_expecting`] recognised: the strings it
/// equals (`prefix` empty without one), so that the scanner need not slice them out of the
/// text (with the two character-boundary tests per slice that costs); `len` is the length of
/// the qualified name in bytes, `transition` the caller's own number.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Known<'a> {
    pub(crate) prefix: &'a str,
    pub(crate) local: &'a str,
    pub(crate) len: usize,
    pub(crate) transition: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScanError {
    pub(crate) pos: usize,
    pub(crate) message: String,
}

pub(crate) struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    in_tag: bool,
    failed: bool,
    /// Set by the caller when whitespace-only text would be ignored where the cursor is (in
    /// element-only content, outside the root): then it yields no token at all.
    pub(crate) skip_blank: bool,
    /// The start tag being read: its raw name's byte range.
    pending_open: Option<(usize, usize)>,
    /// Open elements, innermost last: their raw names' byte ranges (all end tags need).
    open: Vec<(usize, usize)>,
}

// Byte classes for the text loop.
const PLAIN: u8 = 0;
const LT: u8 = 1;
const AMP: u8 = 2;
const CR: u8 = 3;
const BRACKET: u8 = 4;
const CONTROL: u8 = 5;
const EF: u8 = 6;

static TEXT_CLASS: [u8; 256] = {
    let mut t = [PLAIN; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = CONTROL;
        b += 1;
    }
    t[b'\t' as usize] = PLAIN;
    t[b'\n' as usize] = PLAIN;
    t[b'\r' as usize] = CR;
    t[b'<' as usize] = LT;
    t[b'&' as usize] = AMP;
    t[b']' as usize] = BRACKET;
    t[0xEF] = EF;
    t
};

// Byte classes for names (ASCII only; bytes >= 0x80 take the exact path).
const NOT_NAME: u8 = 0;
const NAME_START: u8 = 1;
const NAME_REST: u8 = 2;

static NAME_CLASS: [u8; 256] = {
    let mut t = [NOT_NAME; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphabetic() || c == b'_' {
            t[b] = NAME_START;
        } else if c.is_ascii_digit() || c == b'-' || c == b'.' {
            t[b] = NAME_REST;
        }
        b += 1;
    }
    t
};

/// Byte equality for the short names of elements and prefixes, compared many times per
/// document: inlined, a word at a time, where `==` calls `memcmp`.
#[inline(always)]
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    same_bytes(a.as_bytes(), b.as_bytes())
}

/// As [`same_name`]. The last word of a comparison overlaps the one before instead of
/// leaving a tail of bytes, so a name of 8 to 16 bytes (most of them) costs two word
/// comparisons, and a shorter one two of four or two bytes.
#[inline(always)]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n >= 8 {
        // Up to 16 bytes, no loop: the first word and the last.
        let mut at = 0;
        while n - at > 16 {
            if word8(a, at) != word8(b, at) {
                return false;
            }
            at += 8;
        }
        return word8(a, at) == word8(b, at) && word8(a, n - 8) == word8(b, n - 8);
    }
    if n >= 4 {
        return word4(a, 0) == word4(b, 0) && word4(a, n - 4) == word4(b, n - 4);
    }
    if n >= 2 {
        return word2(a, 0) == word2(b, 0) && word2(a, n - 2) == word2(b, n - 2);
    }
    a.first() == b.first()
}

// The words of `same_bytes`, at offsets it has checked against the length: the `None` of an
// offset out of range never happens.
#[inline(always)]
fn word8(s: &[u8], at: usize) -> Option<u64> {
    let w = s.get(at..)?.first_chunk::<8>()?;
    Some(u64::from_ne_bytes(*w))
}

#[inline(always)]
fn word4(s: &[u8], at: usize) -> Option<u32> {
    let w = s.get(at..)?.first_chunk::<4>()?;
    Some(u32::from_ne_bytes(*w))
}

#[inline(always)]
fn word2(s: &[u8], at: usize) -> Option<u16> {
    let w = s.get(at..)?.first_chunk::<2>()?;
    Some(u16::from_ne_bytes(*w))
}

/// Whether all eight bytes of `word` are ASCII letters or digits, tested at once (SWAR): for
/// ASCII bytes, adding `0x80 - c` sets a byte's high bit exactly when it is at least `c`, and no
/// sum carries into the next byte.
#[inline(always)]
fn all_ascii_alphanumeric(word: u64) -> bool {
    if word & HIGH != 0 {
        return false;
    }
    let lower = word | (0x20 * ONES);
    let letter =
        (lower + (0x80 - u64::from(b'a')) * ONES) & !(lower + (0x80 - u64::from(b'z') - 1) * ONES);
    let digit =
        (word + (0x80 - u64::from(b'0')) * ONES) & !(word + (0x80 - u64::from(b'9') - 1) * ONES);
    (letter | digit) & HIGH == HIGH
}

/// Whether `name` is an ASCII NCName that the scanner's table-driven path accepts: a schema
/// name the scanner may match without scanning it.
pub(crate) fn is_plain_ncname(name: &str) -> bool {
    let b = name.as_bytes();
    b.first()
        .is_some_and(|&c| NAME_CLASS[c as usize] == NAME_START)
        && b.iter().all(|&c| NAME_CLASS[c as usize] != NOT_NAME)
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `word` that is not zero, exactly (no carry between bytes).
#[inline(always)]
fn nonzero_bytes(word: u64) -> u64 {
    (((word & !HIGH) + !HIGH) | word) & HIGH
}

/// The index of the first byte at or after `i` that is not XML whitespace, or the length.
/// Eight bytes at a time: the indentation between elements (a line end and a few tabs) is
/// most of the whitespace in a message, and one word usually covers it.
#[inline(always)]
fn skip_spaces(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..).and_then(|rest| rest.first_chunk::<8>()) {
        let w = u64::from_le_bytes(*chunk);
        let other = nonzero_bytes(w ^ (u64::from(b' ') * ONES))
            & nonzero_bytes(w ^ (u64::from(b'\t') * ONES))
            & nonzero_bytes(w ^ (u64::from(b'\n') * ONES))
            & nonzero_bytes(w ^ (u64::from(b'\r') * ONES));
        if other != 0 {
            // Little-endian: the lowest set bit is the first such byte.
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    let rest = bytes.get(i..).unwrap_or_default();
    i + rest
        .iter()
        .position(|&b| !is_space(b))
        .unwrap_or(rest.len())
}

/// The index of the first byte at or after `i` whose [`TEXT_CLASS`] is not `PLAIN`, or the
/// length. Eight bytes at a time: a word is searched for the bytes that may be special (below
/// 0x20, `<`, `&`, `]`, or not ASCII), and only those are looked up in the table.
#[inline(always)]
fn next_special(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..).and_then(|rest| rest.first_chunk::<8>()) {
        let w = u64::from_le_bytes(*chunk);
        let control = !(((w & !HIGH) + (0x80 - 0x20) * ONES) | w) & HIGH;
        let equal = |c: u8| !nonzero_bytes(w ^ (u64::from(c) * ONES)) & HIGH;
        let mut maybe = control | equal(b'<') | equal(b'&') | equal(b']') | (w & HIGH);
        while maybe != 0 {
            let j = i + (maybe.trailing_zeros() / 8) as usize;
            if bytes
                .get(j)
                .is_some_and(|&b| TEXT_CLASS[b as usize] != PLAIN)
            {
                return j;
            }
            maybe &= maybe - 1;
        }
        i += 8;
    }
    let rest = bytes.get(i..).unwrap_or_default();
    i + rest
        .iter()
        .position(|&b| TEXT_CLASS[b as usize] != PLAIN)
        .unwrap_or(rest.len())
}

/// `s` without leading XML whitespace (a byte test: no char pattern machinery).
fn trim_space_start(s: &str) -> &str {
    let skip = s.bytes().take_while(|&b| is_space(b)).count();
    &s[skip..]
}

/// `s` without trailing XML whitespace.
fn trim_space_end(s: &str) -> &str {
    let keep = s.len() - s.bytes().rev().take_while(|&b| is_space(b)).count();
    &s[..keep]
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// XML 1.0 fifth edition NameStartChar, without ':' (namespaces split names at the colon).
fn is_name_start(c: char) -> bool {
    matches!(c,
        'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}'
        | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}'
        | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

fn is_name_char(c: char) -> bool {
    is_name_start(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Scanner {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            in_tag: false,
            failed: false,
            skip_blank: false,
            pending_open: None,
            open: Vec::with_capacity(16),
        }
    }

    fn err<T>(&mut self, pos: usize, message: impl Into<String>) -> Result<T, ScanError> {
        self.failed = true;
        Err(ScanError {
            pos,
            message: message.into(),
        })
    }

    #[inline(always)]
    fn starts_with(&self, s: &str) -> bool {
        self.bytes
            .get(self.pos..)
            .is_some_and(|rest| rest.starts_with(s.as_bytes()))
    }

    #[inline(always)]
    fn skip_space(&mut self) -> bool {
        let start = self.pos;
        while self.pos < self.bytes.len() && is_space(self.bytes[self.pos]) {
            self.pos += 1;
        }
        self.pos > start
    }

    /// Every character in `region` (starting at byte `base`) must be an XML Char.
    fn check_chars(&mut self, base: usize, region: &str) -> Result<(), ScanError> {
        // Printable ASCII, the usual content of attribute values and comments, needs no
        // closer look. A fold without short-circuit, so that the test vectorizes (namespace
        // URIs are long).
        if region
            .bytes()
            .fold(true, |ok, b| ok & (b.wrapping_sub(0x20) < 0x5F))
        {
            return Ok(());
        }
        for (i, &b) in region.as_bytes().iter().enumerate() {
            let class = TEXT_CLASS[b as usize];
            if class == CONTROL {
                return self.err(
                    base + i,
                    format!("character U+{b:04X} is not allowed in XML"),
                );
            }
            if class == EF {
                let rest = &region.as_bytes()[i..];
                if rest.len() >= 3 && rest[1] == 0xBF && (rest[2] == 0xBE || rest[2] == 0xBF) {
                    let c = if rest[2] == 0xBE { "FFFE" } else { "FFFF" };
                    return self.err(base + i, format!("character U+{c} is not allowed in XML"));
                }
            }
        }
        Ok(())
    }

    /// An NCName at the cursor; ASCII names take the table-driven fast path.
    #[inline(always)]
    fn ncname(&mut self) -> Result<&'a str, ScanError> {
        let start = self.pos;
        let bytes = self.bytes;
        let mut i = start;
        if bytes
            .get(i)
            .is_some_and(|&b| NAME_CLASS[b as usize] == NAME_START)
        {
            // Eight ASCII letters and digits at a time (most of a name), then an iterator, not
            // an index loop: no bounds check per byte.
            i += 1;
            while let Some(chunk) = bytes.get(i..).and_then(|rest| rest.first_chunk::<8>()) {
                if !all_ascii_alphanumeric(u64::from_le_bytes(*chunk)) {
                    break;
                }
                i += 8;
            }
            i += bytes[i..]
                .iter()
                .position(|&b| NAME_CLASS[b as usize] == NOT_NAME)
                .unwrap_or(bytes.len() - i);
        }
        self.pos = i;
        // Non-ASCII characters (and anything unusual) take the exact path.
        if (i >= bytes.len() || bytes[i] < 0x80) && i > start {
            return Ok(&self.text[start..i]);
        }
        let mut first = i == start;
        while self.pos < bytes.len() {
            let Some(c) = self.text[self.pos..].chars().next() else {
                break;
            };
            let ok = if first {
                is_name_start(c)
            } else {
                is_name_char(c)
            };
            if !ok {
                break;
            }
            self.pos += c.len_utf8();
            first = false;
        }
        if self.pos == start {
            let found = self.text[start..].chars().next();
            return match found {
                Some(c) => self.err(start, format!("a name cannot start with {c:?}")),
                None => self.err(start, "the document ends where a name was expected"),
            };
        }
        Ok(&self.text[start..self.pos])
    }

    /// `prefix:local` or `local` (XML Namespaces 1.0 QName: at most one colon).
    #[inline(always)]
    fn qname(&mut self) -> Result<(&'a str, &'a str), ScanError> {
        let first = self.ncname()?;
        if self.pos < self.bytes.len() && self.bytes[self.pos] == b':' {
            self.pos += 1;
            let local = self.ncname()?;
            if self.pos < self.bytes.len() && self.bytes[self.pos] == b':' {
                return self.err(self.pos, "a qualified name has more than one ':'");
            }
            return Ok((first, local));
        }
        Ok(("", first))
    }

    fn find(&self, needle: &str) -> Option<usize> {
        self.text[self.pos..].find(needle).map(|i| self.pos + i)
    }

    #[cfg(test)]
    pub(crate) fn next_token(&mut self) -> Option<Result<(usize, Token<'a>), ScanError>> {
        self.next_token_expecting(|_| None)
    }

    /// The next token. `expect` is asked first about every start tag, with the bytes after its
    /// `<`: if it knows the name there, it returns it as a [`Known`], and when the name is
    /// followed by `>` or `/>` the tag becomes a [`Token::Expected`] without the generic name
    /// scan. It must only claim names that are NCNames (or prefix:NCName) whose bytes are
    /// exactly the ones at the cursor, so that the token is the one the generic path would
    /// produce.
    #[inline(always)]
    pub(crate) fn next_token_expecting(
        &mut self,
        expect: impl Fn(&[u8]) -> Option<Known<'a>>,
    ) -> Option<Result<(usize, Token<'a>), ScanError>> {
        if self.failed {
            return None;
        }
        if self.in_tag {
            return Some(self.in_start_tag());
        }
        if self.pos >= self.bytes.len() {
            return None;
        }
        loop {
            if self.pos >= self.bytes.len() {
                return None;
            }
            let start = self.pos;
            if self.bytes[start] != b'<' {
                if self.skip_blank {
                    let bytes = self.bytes;
                    let end = skip_spaces(bytes, start);
                    if end == bytes.len() || bytes[end] == b'<' {
                        self.pos = end;
                        continue;
                    }
                }
                return Some(self.text_token(start));
            }
            // A start tag the caller expects, the commonest token: returned from here, built
            // in place (through `markup` it would be copied from one wrapping to another).
            if let Some(token) = self.expected_start_tag(start, &expect) {
                return Some(Ok((start, token)));
            }
            // Comments and processing instructions yield nothing: go on to the next token.
            match self.markup(start) {
                Ok(None) => continue,
                Ok(Some(token)) => return Some(Ok((start, token))),
                Err(e) => return Some(Err(e)),
            }
        }
    }

    #[inline(always)]
    fn text_token(&mut self, start: usize) -> Result<(usize, Token<'a>), ScanError> {
        let bytes = self.bytes;
        let mut i = start;
        let mut plain = true;
        loop {
            i = next_special(bytes, i);
            if i >= bytes.len() {
                i = bytes.len();
                break;
            }
            match TEXT_CLASS[bytes[i] as usize] {
                LT => break,
                AMP | CR => plain = false,
                BRACKET => {
                    if bytes[i..].starts_with(b"]]>") {
                        return self.err(i, "']]>' is not allowed in character data");
                    }
                }
                CONTROL => {
                    return self.err(
                        i,
                        format!("character U+{:04X} is not allowed in XML", bytes[i]),
                    )
                }
                _ => {
                    if bytes.len() >= i + 3
                        && bytes[i + 1] == 0xBF
                        && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF)
                    {
                        return self.err(i, "character U+FFFE or U+FFFF is not allowed in XML");
                    }
                }
            }
            i += 1;
        }
        let raw = &self.text[start..i];
        if self.clean_end_tag(i) {
            return Ok((start, Token::TextEnd { raw, plain, end: i }));
        }
        self.pos = i;
        Ok((start, Token::Text { raw, plain }))
    }

    /// Whether `</name>` at `lt` closes the innermost open element, written plainly (no space
    /// before `>`); if so it is consumed. Anything else is left for [`Scanner::end_tag`], which
    /// reports what is wrong.
    #[inline(always)]
    fn clean_end_tag(&mut self, lt: usize) -> bool {
        let Some(&(from, to)) = self.open.last() else {
            return false;
        };
        let raw = &self.bytes[from..to];
        let name = lt + 2;
        let after = name + raw.len();
        let clean = self.bytes.get(lt + 1) == Some(&b'/')
            && self
                .bytes
                .get(name..after)
                .is_some_and(|n| same_bytes(n, raw))
            && self.bytes.get(after) == Some(&b'>');
        if clean {
            self.open.pop();
            self.pos = after + 1;
        }
        clean
    }

    /// The start tag at `start` when `expect` knows its name and `>` or `/>` follows it;
    /// `None` leaves the tag to [`Scanner::markup`], cursor untouched.
    #[inline(always)]
    fn expected_start_tag(
        &mut self,
        start: usize,
        expect: impl Fn(&[u8]) -> Option<Known<'a>>,
    ) -> Option<Token<'a>> {
        let name = start + 1;
        let rest = self.bytes.get(name..)?;
        if matches!(rest.first(), Some(b'/' | b'?' | b'!')) {
            return None;
        }
        let Known {
            prefix,
            local,
            len,
            transition,
        } = expect(rest)?;
        let after = name + len;
        let empty = match self.bytes.get(after) {
            Some(b'>') => false,
            Some(b'/') if self.bytes.get(after + 1) == Some(&b'>') => true,
            _ => return None,
        };
        if empty {
            self.pos = after + 2;
        } else {
            self.open.push((name, after));
            self.pos = after + 1;
        }
        Some(Token::Expected {
            prefix,
            local,
            empty,
            transition,
        })
    }

    #[inline(always)]
    fn markup(&mut self, start: usize) -> Result<Option<Token<'a>>, ScanError> {
        self.pos = start + 1;
        match self.bytes.get(self.pos) {
            Some(b'/') => self.end_tag(start).map(Some),
            Some(b'?') => self.processing_instruction(start),
            Some(b'!') => self.declaration_markup(start),
            _ => {
                let (prefix, local) = self.qname()?;
                match self.bytes.get(self.pos) {
                    Some(b'>') => {
                        self.open.push((start + 1, self.pos));
                        self.pos += 1;
                        return Ok(Some(Token::Element {
                            prefix,
                            local,
                            empty: false,
                        }));
                    }
                    Some(b'/') if self.bytes.get(self.pos + 1) == Some(&b'>') => {
                        self.pos += 2;
                        return Ok(Some(Token::Element {
                            prefix,
                            local,
                            empty: true,
                        }));
                    }
                    _ => {}
                }
                self.in_tag = true;
                self.pending_open = Some((start + 1, self.pos));
                Ok(Some(Token::ElementStart { prefix, local }))
            }
        }
    }

    /// `</name>`: compared byte for byte with the innermost open start tag, so tags balance by
    /// construction and the common case is one short comparison.
    #[inline(always)]
    fn end_tag(&mut self, start: usize) -> Result<Token<'a>, ScanError> {
        self.pos = start + 2;
        if let Some(&(from, to)) = self.open.last() {
            let raw = &self.bytes[from..to];
            let after = self.pos + raw.len();
            if self
                .bytes
                .get(self.pos..after)
                .is_some_and(|name| same_bytes(name, raw))
                && self
                    .bytes
                    .get(after)
                    .is_some_and(|&b| b == b'>' || is_space(b))
            {
                self.pos = after;
                self.skip_space();
                if !self.starts_with(">") {
                    let name = &self.text[from..to];
                    let local = name.split_once(':').map_or(name, |(_, local)| local);
                    return self.err(
                        self.pos,
                        format!("expected '>' to close the end tag </{local}"),
                    );
                }
                self.pos += 1;
                self.open.pop();
                return Ok(Token::EndTag);
            }
            let found = self.qname().map(|(p, l)| {
                if p.is_empty() {
                    l.to_string()
                } else {
                    format!("{p}:{l}")
                }
            });
            let expected = &self.text[from..to];
            return match found {
                Ok(name) => self.err(
                    start,
                    format!("end tag </{name}> does not match start tag <{expected}>"),
                ),
                Err(e) => Err(e),
            };
        }
        self.err(start, "end tag without a matching start tag")
    }

    fn declaration_markup(&mut self, start: usize) -> Result<Option<Token<'a>>, ScanError> {
        if self.starts_with("!--") {
            self.pos += 3;
            let Some(end) = self.find("--") else {
                return self.err(start, "comment is not closed");
            };
            if self.bytes.get(end + 2) != Some(&b'>') {
                return self.err(end, "'--' is not allowed inside a comment");
            }
            let body = &self.text[self.pos..end];
            self.check_chars(self.pos, body)?;
            self.pos = end + 3;
            return Ok(None);
        }
        if self.starts_with("![CDATA[") {
            self.pos += 8;
            let Some(end) = self.find("]]>") else {
                return self.err(start, "CDATA section is not closed");
            };
            let raw = &self.text[self.pos..end];
            self.check_chars(self.pos, raw)?;
            self.pos = end + 3;
            return Ok(Some(Token::Cdata { raw }));
        }
        if self.starts_with("!DOCTYPE") {
            self.failed = true;
            return Ok(Some(Token::Doctype));
        }
        self.err(start, "unknown markup declaration '<!'")
    }

    fn processing_instruction(&mut self, start: usize) -> Result<Option<Token<'a>>, ScanError> {
        // The declaration nearly every message starts with, recognised whole: what the
        // general path below would make of it, without its pseudo-attribute parsing.
        const USUAL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
        if start == 0 && self.bytes.starts_with(USUAL.as_bytes()) {
            self.pos = USUAL.len();
            let encoding = USUAL.len() - "UTF-8\"?>".len();
            return Ok(Some(Token::Declaration {
                encoding: Some(&self.text[encoding..encoding + "UTF-8".len()]),
            }));
        }
        self.pos += 1;
        let target = self.ncname()?;
        let Some(end) = self.find("?>") else {
            return self.err(start, "processing instruction is not closed");
        };
        if target.eq_ignore_ascii_case("xml") {
            if start != 0 || target != "xml" {
                return self.err(
                    start,
                    "the XML declaration is allowed only at the very start",
                );
            }
            let body = &self.text[self.pos..end];
            let encoding = self.declaration(body, self.pos)?;
            self.pos = end + 2;
            return Ok(Some(Token::Declaration { encoding }));
        }
        if self.pos < end && !is_space(self.bytes[self.pos]) {
            return self.err(
                self.pos,
                "expected whitespace after the processing instruction target",
            );
        }
        let body = &self.text[self.pos..end];
        self.check_chars(self.pos, body)?;
        self.pos = end + 2;
        Ok(None)
    }

    /// `version="1.x" encoding="…"? standalone="yes|no"?` in that order (XML 1.0 §2.8).
    fn declaration(&mut self, body: &'a str, base: usize) -> Result<Option<&'a str>, ScanError> {
        let mut rest = body;
        let mut offset = base;
        // The first and the last pseudo-attribute seen, by rank: no allocation per document.
        let mut first: Option<usize> = None;
        let mut last: Option<usize> = None;
        let mut encoding = None;
        loop {
            let trimmed = trim_space_start(rest);
            let had_space = trimmed.len() < rest.len();
            offset += rest.len() - trimmed.len();
            rest = trimmed;
            if rest.is_empty() {
                break;
            }
            if !had_space {
                return self.err(offset, "expected whitespace in the XML declaration");
            }
            let Some(eq) = rest.find('=') else {
                return self.err(offset, "malformed XML declaration");
            };
            let name = trim_space_end(&rest[..eq]);
            let after = trim_space_start(&rest[eq + 1..]);
            let quote = after.chars().next();
            let Some(q @ ('"' | '\'')) = quote else {
                return self.err(offset, "XML declaration values must be quoted");
            };
            let Some(close) = after[1..].find(q) else {
                return self.err(offset, "unterminated value in the XML declaration");
            };
            let value = &after[1..1 + close];
            let order = ["version", "encoding", "standalone"];
            let Some(rank) = order.iter().position(|&n| n == name) else {
                return self.err(offset, format!("unknown '{name}' in the XML declaration"));
            };
            if last.is_some_and(|r| r >= rank) || (last.is_none() && rank != 0) {
                return self.err(
                    offset,
                    "the XML declaration must start with version, then encoding, then standalone",
                );
            }
            first = first.or(Some(rank));
            last = Some(rank);
            let ok = match rank {
                0 => value
                    .strip_prefix("1.")
                    .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())),
                1 => {
                    value
                        .bytes()
                        .next()
                        .is_some_and(|b| b.is_ascii_alphabetic())
                        && value
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
                }
                _ => value == "yes" || value == "no",
            };
            if !ok {
                return self.err(
                    offset,
                    format!("invalid {name} '{value}' in the XML declaration"),
                );
            }
            if rank == 1 {
                encoding = Some(value);
            }
            let consumed = rest.len() - after.len() + close + 2;
            offset += consumed;
            rest = &rest[consumed..];
        }
        if first != Some(0) {
            return self.err(base, "the XML declaration needs a version");
        }
        Ok(encoding)
    }

    #[inline(always)]
    fn in_start_tag(&mut self) -> Result<(usize, Token<'a>), ScanError> {
        let had_space = self.skip_space();
        let start = self.pos;
        if self.starts_with(">") {
            self.pos += 1;
            self.in_tag = false;
            if let Some(open) = self.pending_open.take() {
                self.open.push(open);
            }
            return Ok((start, Token::StartEnd { empty: false }));
        }
        if self.starts_with("/>") {
            self.pos += 2;
            self.in_tag = false;
            self.pending_open = None;
            return Ok((start, Token::StartEnd { empty: true }));
        }
        if self.pos >= self.bytes.len() {
            return self.err(start, "the document ends inside a start tag");
        }
        if !had_space {
            return self.err(start, "expected whitespace, '>' or '/>' in the start tag");
        }
        let (prefix, local) = self.qname()?;
        self.skip_space();
        if !self.starts_with("=") {
            return self.err(
                self.pos,
                format!("expected '=' after attribute name '{local}'"),
            );
        }
        self.pos += 1;
        self.skip_space();
        let quote = match self.bytes.get(self.pos) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => {
                return self.err(
                    self.pos,
                    format!("the value of attribute '{local}' must be quoted"),
                )
            }
        };
        self.pos += 1;
        let value_pos = self.pos;
        let Some(len) = self.bytes[value_pos..].iter().position(|&b| b == quote) else {
            return self.err(
                value_pos,
                format!("the value of attribute '{local}' is not closed"),
            );
        };
        let value = &self.text[value_pos..value_pos + len];
        if let Some(i) = value.find('<') {
            return self.err(value_pos + i, "'<' is not allowed in an attribute value");
        }
        self.check_chars(value_pos, value)?;
        self.pos = value_pos + len + 1;
        Ok((
            start,
            Token::Attribute {
                prefix,
                local,
                value,
                value_pos,
            },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(doc: &str) -> Result<Vec<Token<'_>>, ScanError> {
        let mut s = Scanner::new(doc);
        let mut out = Vec::new();
        while let Some(t) = s.next_token() {
            out.push(t?.1);
        }
        Ok(out)
    }

    #[test]
    fn a_small_document_tokenizes() {
        let t = tokens("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<p:a x='1' p:y=\"&amp;\"><b/>t&lt;<![CDATA[<c>]]></p:a><!-- end -->").unwrap();
        assert_eq!(
            t[0],
            Token::Declaration {
                encoding: Some("UTF-8")
            }
        );
        assert_eq!(
            t[2],
            Token::ElementStart {
                prefix: "p",
                local: "a"
            }
        );
        assert!(matches!(
            t[3],
            Token::Attribute {
                local: "x",
                value: "1",
                ..
            }
        ));
        assert!(matches!(
            t[4],
            Token::Attribute {
                prefix: "p",
                local: "y",
                value: "&amp;",
                ..
            }
        ));
        assert_eq!(t[5], Token::StartEnd { empty: false });
        assert_eq!(
            t[6],
            Token::Element {
                prefix: "",
                local: "b",
                empty: true
            }
        );
        assert_eq!(
            t[7],
            Token::Text {
                raw: "t&lt;",
                plain: false
            }
        );
        assert_eq!(t[8], Token::Cdata { raw: "<c>" });
        assert_eq!(t[9], Token::EndTag);
    }

    #[test]
    fn malformed_markup_is_an_error_at_its_position() {
        for (doc, pos) in [
            ("<a>x]]>y</a>", 4),
            ("<a>\u{1}</a>", 3),
            ("<a>\u{FFFE}</a>", 3),
            ("<a b=c/>", 5),
            ("<a b='<'/>", 6),
            ("<a:b:c/>", 4),
            ("<1a/>", 1),
            ("<!-- a -- b -->", 7),
            ("<a/><?xml version='1.0'?>", 4),
            ("<a x='1'y='2'/>", 8),
            ("<?xml version='2.0'?><a/>", 6),
            ("<?xml encoding='UTF-8'?><a/>", 6),
        ] {
            let e = tokens(doc).expect_err(doc);
            assert_eq!(e.pos, pos, "{doc}: {}", e.message);
        }
    }

    #[test]
    fn a_value_and_a_plain_end_tag_are_one_token() {
        let t = tokens("<a>x</a>").unwrap();
        assert_eq!(
            t[1],
            Token::TextEnd {
                raw: "x",
                plain: true,
                end: 4
            }
        );
        assert_eq!(t.len(), 2);
        // Any other end tag stays a token of its own, so its errors come after the text.
        let t = tokens("<a>x</a >").unwrap();
        assert_eq!(
            t[1],
            Token::Text {
                raw: "x",
                plain: true
            }
        );
        assert!(matches!(t[2], Token::EndTag));
        let mut s = Scanner::new("<a>x</b>");
        s.next_token();
        assert!(matches!(s.next_token(), Some(Ok((3, Token::Text { .. })))));
        assert!(matches!(
            s.next_token(),
            Some(Err(ScanError { pos: 4, .. }))
        ));
    }

    #[test]
    fn an_end_tag_not_closed_names_the_local_name() {
        for doc in ["<p:a></p:a x>", "<a></a x>", "<p:a b='1'></p:a x>"] {
            let e = tokens(doc).expect_err(doc);
            assert_eq!(e.message, "expected '>' to close the end tag </a", "{doc}");
        }
    }

    #[test]
    fn same_bytes_agrees_with_eq() {
        let base = b"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH";
        for n in 0..base.len() {
            let a = &base[..n];
            assert!(same_bytes(a, a));
            for k in 0..n {
                let mut b = a.to_vec();
                b[k] ^= 1;
                assert!(!same_bytes(a, &b), "{n} {k}");
            }
            assert!(!same_bytes(a, &base[..n + 1]));
        }
    }

    #[test]
    fn the_usual_declaration_is_the_general_one() {
        let doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a/>";
        let fast = tokens(doc).unwrap();
        assert_eq!(
            fast[0],
            Token::Declaration {
                encoding: Some("UTF-8")
            }
        );
        // The same declaration with one more space takes the general path.
        let general = tokens("<?xml version=\"1.0\" encoding=\"UTF-8\" ?><a/>").unwrap();
        assert_eq!(fast, general);
    }

    /// Every byte inserted at every place of `base` cut to each of `lengths`: `fast` must
    /// find, from every offset, the first byte `stops` at (or the end), as a byte loop does.
    fn agrees_with_a_byte_loop(
        base: &[u8],
        lengths: impl IntoIterator<Item = usize>,
        fast: fn(&[u8], usize) -> usize,
        stops: fn(u8) -> bool,
    ) {
        for n in lengths {
            for b in 0..=255u8 {
                for at in 0..=n {
                    let mut s = base[..n].to_vec();
                    s.insert(at, b);
                    for from in 0..=s.len() {
                        let expected = s[from..]
                            .iter()
                            .position(|&c| stops(c))
                            .map_or(s.len(), |k| from + k);
                        assert_eq!(fast(&s, from), expected, "{s:?} from {from}");
                    }
                }
            }
        }
    }

    #[test]
    fn next_special_agrees_with_the_table() {
        let base = b"ab\tc de\nfghij-0123456789.xyz";
        agrees_with_a_byte_loop(
            base,
            [0, 1, 7, 8, 9, 15, 16, 17, base.len()],
            next_special,
            |c| TEXT_CLASS[c as usize] != PLAIN,
        );
    }

    #[test]
    fn skip_spaces_agrees_with_the_byte_test() {
        let base = b" \t\r\n  \t\t\n\r \t\t\t\t\t\t\n";
        agrees_with_a_byte_loop(base, 0..=base.len(), skip_spaces, |c| !is_space(c));
    }

    #[test]
    fn eight_byte_name_test_agrees_with_the_byte_test() {
        let alnum = |b: u8| b.is_ascii_alphanumeric();
        for b in 0..=255u8 {
            for position in 0..8 {
                let mut word = *b"Aa0zZ9mq";
                word[position] = b;
                let expected = word.iter().all(|&c| alnum(c));
                assert_eq!(
                    all_ascii_alphanumeric(u64::from_le_bytes(word)),
                    expected,
                    "byte {b:#04x} at {position}"
                );
            }
        }
    }

    #[test]
    fn non_ascii_names_follow_the_fifth_edition() {
        assert!(tokens("<é·x/>").is_ok());
        assert!(tokens("<·x/>").is_err());
    }
}
