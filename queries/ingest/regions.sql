-- The region keys of an upload ($1: each distinct key the scan listed), the codes TypeScript
-- resolved them to ($2) and their names ($3, same order), for copy.sql: an ENUM of the keys (a
-- key's position is a hash lookup, no join), ENUMs of the codes and of the names (the columns
-- the copy writes: a byte or two a row in its buffers, the same UTF8 Parquet column as a
-- VARCHAR), and the lists of codes and names in the keys' ENUM order.
CREATE TEMP TABLE fast_region_names (raw VARCHAR, code VARCHAR, name VARCHAR);
INSERT INTO fast_region_names SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[]), unnest($3::VARCHAR[]);
CREATE TYPE fast_region AS ENUM (SELECT raw FROM fast_region_names);
CREATE TYPE fast_region_code AS ENUM (SELECT DISTINCT code FROM fast_region_names);
CREATE TYPE fast_region_name AS ENUM (SELECT DISTINCT name FROM fast_region_names);
CREATE TEMP TABLE fast_region_codes AS
SELECT list(code ORDER BY enum_code(CAST(raw AS fast_region))) AS codes, list(name ORDER BY enum_code(CAST(raw AS fast_region))) AS names
FROM fast_region_names;
