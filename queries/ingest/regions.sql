-- The region names of an upload ($1) and the codes TypeScript resolved them to ($2, same order),
-- for copy.sql: an ENUM of the names (a name's position is a hash lookup, no join) and the list
-- of codes in the ENUM's order.
CREATE TEMP TABLE fast_region_names (raw VARCHAR, code VARCHAR);
INSERT INTO fast_region_names SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[]);
CREATE TYPE fast_region AS ENUM (SELECT raw FROM fast_region_names);
CREATE TEMP TABLE fast_region_codes AS SELECT list(code ORDER BY enum_code(CAST(raw AS fast_region))) AS codes FROM fast_region_names;
