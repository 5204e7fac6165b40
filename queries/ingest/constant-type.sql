-- A text constant of copy.sql ($1: its value) as a one-value ENUM, which the copy writes as the
-- same UTF8 Parquet column as a VARCHAR, at a byte a row in its buffers (sql.ts).
CREATE TYPE {{name}} AS ENUM (SELECT $1::VARCHAR)
