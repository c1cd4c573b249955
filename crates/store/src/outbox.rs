//! Outbox rows: messages committed with a decision and published after it, and their encoding
//! in the redb file.

use std::fmt;

/// The deterministic id of an outbox row, chosen by the engine (a consumer drops duplicates by it).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OutboxId(pub String);

impl OutboxId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OutboxId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for OutboxId {
    fn from(id: String) -> Self {
        OutboxId(id)
    }
}

impl From<&str> for OutboxId {
    fn from(id: &str) -> Self {
        OutboxId(id.to_string())
    }
}

/// A message to publish once its commit is durable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRow {
    /// Deterministic id; one id never holds two messages.
    pub id: OutboxId,
    /// Where it goes (a routing key or a sink name); the store does not interpret it.
    pub destination: String,
    /// The message body.
    pub payload: Vec<u8>,
    /// Transport headers, in order.
    pub headers: Vec<(String, String)>,
}

impl OutboxRow {
    /// Whether `other` is the same message: same destination and payload. Headers are transport
    /// metadata and are not compared.
    pub(crate) fn same_message(&self, other: &OutboxRow) -> bool {
        self.destination == other.destination && self.payload == other.payload
    }

    /// Encodes the row for the redb file: each field as a little-endian u64 length and its bytes,
    /// the headers preceded by their count.
    pub(crate) fn encode(&self) -> Vec<u8> {
        let headers: usize = self
            .headers
            .iter()
            .map(|(k, v)| 16 + k.len() + v.len())
            .sum();
        let mut out = Vec::with_capacity(
            32 + self.id.0.len() + self.destination.len() + self.payload.len() + headers,
        );
        put(&mut out, self.id.0.as_bytes());
        put(&mut out, self.destination.as_bytes());
        put(&mut out, &self.payload);
        out.extend_from_slice(&(self.headers.len() as u64).to_le_bytes());
        for (name, value) in &self.headers {
            put(&mut out, name.as_bytes());
            put(&mut out, value.as_bytes());
        }
        out
    }

    /// Decodes [`encode`](Self::encode)'s output; `None` when the bytes are not such an output.
    pub(crate) fn decode(bytes: &[u8]) -> Option<OutboxRow> {
        let mut rest = bytes;
        let id = text(take(&mut rest)?)?;
        let destination = text(take(&mut rest)?)?;
        let payload = take(&mut rest)?.to_vec();
        let count = number(&mut rest)?;
        let mut headers = Vec::new();
        for _ in 0..count {
            headers.push((text(take(&mut rest)?)?, text(take(&mut rest)?)?));
        }
        rest.is_empty().then_some(OutboxRow {
            id: OutboxId(id),
            destination,
            payload,
            headers,
        })
    }
}

fn put(out: &mut Vec<u8>, field: &[u8]) {
    out.extend_from_slice(&(field.len() as u64).to_le_bytes());
    out.extend_from_slice(field);
}

fn number(rest: &mut &[u8]) -> Option<u64> {
    let (head, tail) = rest.split_first_chunk::<8>()?;
    *rest = tail;
    Some(u64::from_le_bytes(*head))
}

fn take<'a>(rest: &mut &'a [u8]) -> Option<&'a [u8]> {
    let len = usize::try_from(number(rest)?).ok()?;
    if rest.len() < len {
        return None;
    }
    let (field, tail) = rest.split_at(len);
    *rest = tail;
    Some(field)
}

fn text(bytes: &[u8]) -> Option<String> {
    String::from_utf8(bytes.to_vec()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> OutboxRow {
        OutboxRow {
            id: OutboxId::from("retour/wmo306/1"),
            destination: "ggk.wmo306".into(),
            payload: vec![0, 1, 2, 255],
            headers: vec![
                ("content-type".into(), "application/xml".into()),
                ("x".into(), String::new()),
            ],
        }
    }

    #[test]
    fn encode_then_decode_is_the_row() {
        assert_eq!(OutboxRow::decode(&row().encode()), Some(row()));
        let empty = OutboxRow {
            id: OutboxId::from(""),
            destination: String::new(),
            payload: vec![],
            headers: vec![],
        };
        assert_eq!(OutboxRow::decode(&empty.encode()), Some(empty));
    }

    #[test]
    fn truncated_or_padded_bytes_do_not_decode() {
        let bytes = row().encode();
        for len in 0..bytes.len() {
            assert_eq!(
                OutboxRow::decode(&bytes[..len]),
                None,
                "prefix of {len} bytes"
            );
        }
        let mut padded = bytes.clone();
        padded.push(0);
        assert_eq!(OutboxRow::decode(&padded), None);
    }

    #[test]
    fn a_huge_length_does_not_decode() {
        let mut bytes = u64::MAX.to_le_bytes().to_vec();
        bytes.extend_from_slice(b"abc");
        assert_eq!(OutboxRow::decode(&bytes), None);
    }
}
