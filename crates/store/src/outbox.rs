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

/// A committed row not yet marked sent, with the sequence number that marks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingRow {
    /// The row's place in the outbox, in commit order; pass it to
    /// [`Store::mark_sent`](crate::Store::mark_sent) once the row is delivered.
    pub seq: u64,
    /// The message.
    pub row: OutboxRow,
}

/// How a stored payload is encoded: the byte before it.
const PAYLOAD_RAW: u8 = 0;
/// An lz4 block with the payload's length before it (`lz4_flex::compress_prepend_size`).
const PAYLOAD_LZ4: u8 = 1;
/// Payloads shorter than this are stored as they are: lz4 gains nothing on them.
const COMPRESS_FROM: usize = 128;
/// lz4 cannot expand data more than about 255 times; a larger stated length is corruption, and
/// is refused before it is allocated.
const LZ4_MAX_RATIO: usize = 256;

impl OutboxRow {
    /// Encodes the row for the redb file: each field as a little-endian u64 length and its bytes,
    /// the payload preceded by its encoding byte (compressed with lz4 when that makes it
    /// smaller: retours and forwarded messages are XML, which shrinks several times), the
    /// headers preceded by their count.
    pub(crate) fn encode(&self) -> Vec<u8> {
        let compressed = (self.payload.len() >= COMPRESS_FROM)
            .then(|| lz4_flex::block::compress_prepend_size(&self.payload))
            .filter(|compressed| compressed.len() < self.payload.len());
        let (encoding, payload) = match &compressed {
            Some(compressed) => (PAYLOAD_LZ4, compressed.as_slice()),
            None => (PAYLOAD_RAW, self.payload.as_slice()),
        };
        let headers: usize = self
            .headers
            .iter()
            .map(|(k, v)| 16 + k.len() + v.len())
            .sum();
        let mut out = Vec::with_capacity(
            33 + self.id.0.len() + self.destination.len() + payload.len() + headers,
        );
        put(&mut out, self.id.0.as_bytes());
        put(&mut out, self.destination.as_bytes());
        out.push(encoding);
        put(&mut out, payload);
        out.extend_from_slice(&(self.headers.len() as u64).to_le_bytes());
        for (name, value) in &self.headers {
            put(&mut out, name.as_bytes());
            put(&mut out, value.as_bytes());
        }
        out
    }

    /// Decodes [`encode`](Self::encode)'s output; `None` when the bytes are not such an output.
    pub(crate) fn decode(bytes: &[u8]) -> Option<OutboxRow> {
        OutboxRow::decode_fields(bytes, true)
    }

    /// Decodes a row of format version 1, written before payloads were compressed: the same
    /// fields without the encoding byte. Only the migration reads it.
    pub(crate) fn decode_v1(bytes: &[u8]) -> Option<OutboxRow> {
        OutboxRow::decode_fields(bytes, false)
    }

    fn decode_fields(bytes: &[u8], has_encoding: bool) -> Option<OutboxRow> {
        let mut rest = bytes;
        let id = text(take(&mut rest)?)?;
        let destination = text(take(&mut rest)?)?;
        let encoding = if has_encoding {
            let (&encoding, tail) = rest.split_first()?;
            rest = tail;
            encoding
        } else {
            PAYLOAD_RAW
        };
        let payload = match encoding {
            PAYLOAD_RAW => take(&mut rest)?.to_vec(),
            PAYLOAD_LZ4 => decompress(take(&mut rest)?)?,
            _ => return None,
        };
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

fn decompress(block: &[u8]) -> Option<Vec<u8>> {
    let stated = block
        .first_chunk::<4>()
        .map(|len| u32::from_le_bytes(*len))?;
    if stated as usize > block.len().saturating_mul(LZ4_MAX_RATIO) {
        return None;
    }
    lz4_flex::block::decompress_size_prepended(block).ok()
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
    fn a_long_payload_is_stored_compressed_and_decodes_to_itself() {
        let xml = "<Bericht><Client><Bsn>123456782</Bsn></Client></Bericht>\n".repeat(40);
        let long = OutboxRow {
            payload: xml.into_bytes(),
            ..row()
        };
        let encoded = long.encode();
        assert!(
            encoded.len() < long.payload.len() / 4,
            "{} bytes",
            encoded.len()
        );
        assert_eq!(OutboxRow::decode(&encoded), Some(long));
        // Incompressible bytes (xorshift output) are stored as they are.
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 56) as u8
            })
            .collect();
        let noisy = OutboxRow {
            payload: noise,
            ..row()
        };
        let encoded = noisy.encode();
        assert!(encoded.len() > noisy.payload.len());
        assert_eq!(OutboxRow::decode(&encoded), Some(noisy));
    }

    #[test]
    fn a_compressed_payload_stating_an_absurd_length_does_not_decode() {
        let mut block = lz4_flex::block::compress_prepend_size(&[b'a'; 1000]);
        block[..4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(decompress(&block), None);
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
