//! Dutch working days (placeholder: being written).
