-- A text column of copy.sql as an ENUM of its distinct texts ($1: as the scan listed them,
-- trimmed, empty left out): a byte or two a row in the copy's partition buffers instead of the
-- string, written as the same UTF8 Parquet column (sql.ts withTextType).
CREATE TYPE {{name}} AS ENUM (SELECT unnest($1::VARCHAR[]))
