package org.mosipmigrate.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mosipmigrate.core.pg.Sql;

/**
 * A database of everything that tends to break a copy: awkward values in every common type, user
 * types (enum, composite, domain, arrays of them), identity and generated columns, odd identifiers,
 * duplicate rows without a key, a deferred FK cycle, views, functions, a trigger, sequences in odd
 * states, grants, and a partitioned table. Deterministic (no now(), no random()) and valid on
 * PostgreSQL 12 to 16: every value is the same on every run and every server.
 */
public final class AwkwardTypesFixture {
    public static final String SCHEMA = "awkward";
    public static final String MIXED_SCHEMA = "Mixed Schema";
    public static final String READER_ROLE = "mm_reader";

    /** A table holding rows; partitioned parents are not listed, their two partitions are. */
    public record TableRef(String schema, String table) {
        public String qualified() {
            return Sql.qualified(schema, table);
        }
    }

    private static final Map<TableRef, Long> ROW_COUNTS = new LinkedHashMap<>();

    static {
        ROW_COUNTS.put(new TableRef(SCHEMA, "all_types"), 23L + 150L);
        ROW_COUNTS.put(new TableRef(MIXED_SCHEMA, "Order"), 30L);
        ROW_COUNTS.put(new TableRef(SCHEMA, "no_pk_duplicates"), 2 * 20L + 3 * 5L + 2L);
        ROW_COUNTS.put(new TableRef(SCHEMA, "cycle_a"), 40L);
        ROW_COUNTS.put(new TableRef(SCHEMA, "cycle_b"), 40L);
        ROW_COUNTS.put(new TableRef(SCHEMA, "ident_always"), 25L);
        ROW_COUNTS.put(new TableRef(SCHEMA, "ident_by_default"), 13L);
        ROW_COUNTS.put(new TableRef(SCHEMA, "priced"), 30L);
        ROW_COUNTS.put(new TableRef(SCHEMA, "triggered"), 40L);
        ROW_COUNTS.put(new TableRef(SCHEMA, "events_2023"), 30L);
        ROW_COUNTS.put(new TableRef(SCHEMA, "events_2024"), 30L);
        ROW_COUNTS.put(new TableRef(SCHEMA, "address_book"), 20L);
    }

    private AwkwardTypesFixture() {
    }

    /** Tables holding rows (partition leaves, not their parent), in creation order. */
    public static List<TableRef> tables() {
        return List.copyOf(ROW_COUNTS.keySet());
    }

    /** Rows each table of {@link #tables()} holds after {@link #create}. */
    public static Map<TableRef, Long> expectedRowCounts() {
        return Map.copyOf(ROW_COUNTS);
    }

    /** Creates the schemas, objects and rows in an existing (empty) database {@code db}, in one transaction. */
    public static void create(PgServer s, String db) throws SQLException {
        try (Connection c = s.connect(db)) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String sql : statements()) {
                    st.execute(sql);
                }
            }
            c.commit();
        }
    }

    static List<String> statements() {
        List<String> out = new ArrayList<>(typesAndMainTable());
        out.addAll(edgeRowInserts());
        out.addAll(otherObjects());
        return out;
    }

    private static List<String> typesAndMainTable() {
        return List.of(
                readerRole(),
                "CREATE SCHEMA awkward",
                "CREATE SCHEMA \"Mixed Schema\"",
                "CREATE TYPE awkward.mood AS ENUM ('sad', 'ok', 'happy', 'with space', 'Quote''s')",
                "CREATE TYPE awkward.address AS (street text, zip integer, geo double precision[])",
                "CREATE DOMAIN awkward.positive_int AS integer CHECK (VALUE > 0)",
                ALL_TYPES_TABLE);
    }

    private static List<String> otherObjects() {
        return List.of(
                ALL_TYPES_GENERATED_ROWS,
                MIXED_CASE_TABLE,
                "INSERT INTO \"Mixed Schema\".\"Order\" SELECT g, 'sel ' || g, CASE WHEN g % 4 = 0 THEN NULL ELSE 'user' || g END, g * -1, "
                        + "'Camel' || g, 'a b ' || g FROM generate_series(1, 30) g",
                "CREATE TABLE awkward.no_pk_duplicates (a integer, b text, c numeric)",
                // 20 rows twice, 5 rows three times, an all-NULL row twice: exact duplicates a copy must keep
                "INSERT INTO awkward.no_pk_duplicates SELECT g, 'dup ' || g, g / 4.0 FROM generate_series(1, 20) g, generate_series(1, 2)",
                "INSERT INTO awkward.no_pk_duplicates SELECT g, 'triple', NULL FROM generate_series(101, 105) g, generate_series(1, 3)",
                "INSERT INTO awkward.no_pk_duplicates VALUES (NULL, NULL, NULL), (NULL, NULL, NULL)",
                "CREATE TABLE awkward.cycle_a (id integer PRIMARY KEY, b_id integer NOT NULL, note text)",
                "CREATE TABLE awkward.cycle_b (id integer PRIMARY KEY, a_id integer NOT NULL, note text)",
                "ALTER TABLE awkward.cycle_a ADD CONSTRAINT cycle_a_b_fk FOREIGN KEY (b_id) REFERENCES awkward.cycle_b (id) DEFERRABLE INITIALLY DEFERRED",
                "ALTER TABLE awkward.cycle_b ADD CONSTRAINT cycle_b_a_fk FOREIGN KEY (a_id) REFERENCES awkward.cycle_a (id) DEFERRABLE INITIALLY DEFERRED",
                // each side references the other: loadable only because the checks wait for COMMIT
                "INSERT INTO awkward.cycle_a SELECT g, 41 - g, 'a' || g FROM generate_series(1, 40) g",
                "INSERT INTO awkward.cycle_b SELECT g, g, 'b' || g FROM generate_series(1, 40) g",
                "CREATE TABLE awkward.ident_always (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, label text NOT NULL)",
                "INSERT INTO awkward.ident_always (label) SELECT 'always ' || g FROM generate_series(1, 25) g",
                "CREATE TABLE awkward.ident_by_default (id integer GENERATED BY DEFAULT AS IDENTITY (START WITH 100 INCREMENT BY 5) PRIMARY KEY, label text)",
                "INSERT INTO awkward.ident_by_default (label) SELECT 'default ' || g FROM generate_series(1, 10) g",
                "INSERT INTO awkward.ident_by_default (id, label) VALUES (1, 'explicit 1'), (2, 'explicit 2'), (3, 'explicit 3')",
                "CREATE TABLE awkward.priced (id integer PRIMARY KEY, qty integer NOT NULL, unit_price numeric(10,2) NOT NULL, "
                        + "total numeric GENERATED ALWAYS AS (qty * unit_price) STORED)",
                "INSERT INTO awkward.priced (id, qty, unit_price) SELECT g, g % 7, g * 1.25 FROM generate_series(1, 30) g",
                "CREATE FUNCTION awkward.add_tax(amount numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT round($1 * 1.16, 2) $$",
                TRIGGER_FUNCTION,
                "CREATE TABLE awkward.triggered (id integer PRIMARY KEY, raw text, normalized text, revision integer NOT NULL DEFAULT 0)",
                "CREATE TRIGGER triggered_normalize BEFORE INSERT OR UPDATE ON awkward.triggered FOR EACH ROW EXECUTE PROCEDURE awkward.normalize_raw()",
                "INSERT INTO awkward.triggered (id, raw) SELECT g, '  Mixed CASE ' || g || '  ' FROM generate_series(1, 40) g",
                "UPDATE awkward.triggered SET raw = raw || ' edited' WHERE id % 3 = 0",
                "CREATE VIEW awkward.v_priced_with_tax AS SELECT id, total, awkward.add_tax(total) AS total_with_tax FROM awkward.priced",
                "CREATE MATERIALIZED VIEW awkward.mv_mood_counts AS SELECT mood, count(*) AS n FROM awkward.all_types GROUP BY mood",
                "CREATE SEQUENCE awkward.seq_by_seven START 1000 INCREMENT BY 7",
                "SELECT nextval('awkward.seq_by_seven') FROM generate_series(1, 3)",
                "CREATE SEQUENCE awkward.seq_descending INCREMENT BY -1 MINVALUE -100 MAXVALUE 100 START 100",
                "SELECT nextval('awkward.seq_descending') FROM generate_series(1, 4)",
                "CREATE SEQUENCE awkward.seq_untouched START 5",
                "CREATE TABLE awkward.events (id integer NOT NULL, happened date NOT NULL, payload jsonb, PRIMARY KEY (id, happened)) "
                        + "PARTITION BY RANGE (happened)",
                "CREATE TABLE awkward.events_2023 PARTITION OF awkward.events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01')",
                "CREATE TABLE awkward.events_2024 PARTITION OF awkward.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
                "INSERT INTO awkward.events SELECT g, date '2023-07-01' + g * 6, jsonb_build_object('n', g) FROM generate_series(1, 60) g",
                "CREATE TABLE awkward.address_book (id integer PRIMARY KEY, addresses awkward.address[])",
                "INSERT INTO awkward.address_book SELECT g, CASE g % 4 WHEN 0 THEN '{}'::awkward.address[] WHEN 1 THEN NULL "
                        + "WHEN 2 THEN ARRAY[ROW('Rue \"' || g || '\", 2e', g, ARRAY[g * 0.5, NULL])::awkward.address, NULL] "
                        + "ELSE ARRAY[ROW(NULL, NULL, NULL)::awkward.address, ROW('x,y' || chr(10) || 'z', -g, '{}')::awkward.address] END "
                        + "FROM generate_series(1, 20) g",
                "GRANT USAGE ON SCHEMA awkward, \"Mixed Schema\" TO mm_reader",
                "GRANT SELECT ON awkward.all_types, awkward.v_priced_with_tax, \"Mixed Schema\".\"Order\" TO mm_reader",
                "GRANT SELECT (id, qty) ON awkward.priced TO mm_reader");
    }

    /** Roles are cluster-wide and the servers shared: create only when missing. */
    private static String readerRole() {
        return "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mm_reader') THEN CREATE ROLE mm_reader NOLOGIN; END IF; "
                + "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$";
    }

    private static final String ALL_TYPES_TABLE = """
            CREATE TABLE awkward.all_types (
              id integer PRIMARY KEY,
              t text, vc varchar(60), ch char(10),
              bt bytea, j json, jb jsonb,
              ia integer[], ta text[], ia2 integer[],
              n numeric, n_fixed numeric(38,18),
              f4 real, f8 double precision,
              ts timestamp, tstz timestamptz, d date, tm time, tmtz timetz,
              u uuid, ip inet, net cidr, mac macaddr,
              iv interval,
              r4 int4range, rtz tstzrange, rn numrange,
              b bit(8), vb bit varying(64),
              x xml, m money, bo boolean,
              si smallint, i integer, bi bigint,
              mood awkward.mood, moods awkward.mood[],
              addr awkward.address, qty awkward.positive_int
            )""";

    /**
     * Hand-picked edge values as (id, column, value, column, value, ...); unnamed columns stay NULL.
     * Ids 1-23. The SQL text uses chr() for control characters so no escaping layer can blur them.
     */
    private static final List<List<String>> EDGE_ROWS = List.of(
            List.of("1"),
            List.of("2", "t", "''", "vc", "''", "ch", "''", "bt", "''::bytea", "j", "'{}'", "jb", "'[]'", "ia", "'{}'", "ta", "'{}'",
                    "ia2", "'{}'", "n", "0", "n_fixed", "0", "f4", "0", "f8", "0", "iv", "'0'", "r4", "'empty'", "rtz", "'empty'",
                    "rn", "'empty'", "b", "B'00000000'", "vb", "B''", "x", "''", "m", "0", "bo", "false", "si", "0", "i", "0", "bi", "0",
                    "mood", "'ok'", "moods", "'{}'", "addr", "ROW(NULL, NULL, NULL)", "qty", "1"),
            List.of("3", "t", "'tab' || chr(9) || 'nl' || chr(10) || 'cr' || chr(13) || 'crlf' || chr(13) || chr(10) || 'bs' || chr(92) || 'end'",
                    "vc", "'single '' double \" backslash-N ' || chr(92) || 'N'", "ch", "'pad  '", "bt", "decode('00ff0000417a00', 'hex')",
                    "j", "'{\"dup\": 1, \"dup\": 2,   \"spaced\" : [1, null, \"x\"]}'",
                    "jb", "'{\"s\": \"tab\\t quote\\\" \\u00e9\", \"n\": 2.50, \"a\": [true, null]}'",
                    "ia", "'{1,NULL,3}'",
                    "ta", "ARRAY['a b', NULL, 'NULL', '', 'quote\"', 'back' || chr(92) || 'slash', '{brace}', 'comma,x', chr(92) || 'N']",
                    "ia2", "'{{1,2},{3,NULL}}'", "n", "'NaN'", "f4", "'NaN'", "f8", "'NaN'", "ts", "'infinity'", "tstz", "'infinity'",
                    "d", "'infinity'", "tm", "'24:00:00'", "tmtz", "'24:00:00+14'", "u", "'00000000-0000-0000-0000-000000000000'",
                    "ip", "'0.0.0.0/0'", "net", "'0.0.0.0/0'", "mac", "'00:00:00:00:00:00'", "iv", "'1 year 2 mons 3 days 04:05:06.789012'",
                    "r4", "'(,)'", "rtz", "'(,)'", "rn", "'(,)'", "b", "B'11111111'", "vb", "B'1'", "x", "'<a attr=\"x &amp; y\">t &lt; <b/></a>'",
                    "m", "'-92233720368547758.08'", "bo", "true", "si", "-32768", "i", "-2147483648", "bi", "-9223372036854775808",
                    "mood", "'with space'", "moods", "'{happy,NULL,\"with space\",\"Quote''s\"}'",
                    "addr", "ROW('Main St, \"Apt 1\"' || chr(10) || 'line2', 12345, ARRAY[1.5, NULL])", "qty", "2147483647"),
            List.of("4", "t", "'héllo wörld 😀 𝄞 漢字 שלום e' || chr(769)", "vc", "'😀😀😀'", "ch", "'ü'",
                    "j", "'{\"emoji\": \"😀\", \"esc\": \"\\ud834\\udd1e\"}'", "jb", "'{\"k😀\": \"𝄞\"}'", "ta", "ARRAY['😀', '𝄞']",
                    "n", "'123456789012345678901234567890.123456789012345678901234567890'", "n_fixed", "'12345678901234567890.123456789012345678'",
                    "f4", "'Infinity'", "f8", "'Infinity'", "ts", "'-infinity'", "tstz", "'-infinity'", "d", "'-infinity'", "tm", "'00:00:00'",
                    "tmtz", "'00:00:00-12'", "u", "'ffffffff-ffff-ffff-ffff-ffffffffffff'", "ip", "'::1'", "net", "'2001:db8::/32'",
                    "mac", "'ff:ff:ff:ff:ff:ff'", "iv", "'-1 mons +1 days -00:00:00.000001'", "r4", "'[1,10)'",
                    "rtz", "'[2020-01-01 00:00:00+00,infinity)'", "rn", "'[1.5,2.25]'", "b", "B'10101010'",
                    "vb", "B'1010101010101010101010101010101010101010101010101010101010101010'", "x", "'<?xml version=\"1.0\"?><root><x/></root>'",
                    "m", "'92233720368547758.07'", "si", "32767", "i", "2147483647", "bi", "9223372036854775807", "mood", "'Quote''s'", "moods", "'{}'"),
            List.of("5", "t", "chr(92) || 'N'", "vc", "'NULL'", "ch", "'  lead'", "bt", "decode('00', 'hex')", "j", "'null'", "jb", "'null'",
                    "ia", "'[0:2]={7,8,9}'", "ta", "'{\"\",NULL}'", "ia2", "'{{NULL,NULL}}'", "n", "'-0.000000000000000000000000000001'",
                    "n_fixed", "'-99999999999999999999.999999999999999999'", "f4", "'-Infinity'", "f8", "'-Infinity'",
                    "ts", "'1999-12-31 23:59:59.999999'", "tstz", "'2024-03-10 02:30:00 America/New_York'", "d", "'2000-02-29'",
                    "tm", "'23:59:59.999999'", "tmtz", "'23:59:59.999999+05:45'", "ip", "'2001:db8::ff00:42:8329/64'", "net", "'10.0.0.0/8'",
                    "mac", "'08:00:2b:01:02:03'", "iv", "'178000000 years'", "r4", "'[5,)'", "rtz", "'(,2020-06-01 12:00:00+05:30]'",
                    "rn", "'(,0]'", "x", "'plain text content'", "m", "'0.01'", "addr", "ROW('', 0, '{}')"),
            List.of("6", "n", "1e-300", "f4", "'-0'", "f8", "'-0'", "ts", "'0001-01-01 00:00:00'", "tstz", "'0001-01-01 00:00:00+00'",
                    "d", "'0001-01-01'", "iv", "'1 mon -30 days'", "r4", "'(,5)'", "rn", "'(0.1,0.2)'", "mood", "'sad'"),
            List.of("7", "n", "1e300", "f4", "1.4e-45", "f8", "4.9e-324", "ts", "'4713-01-01 00:00:00 BC'", "tstz", "'4713-01-01 00:00:00+00 BC'",
                    "d", "'5874897-12-31'", "iv", "'-178000000 years'"),
            List.of("8", "n", "0.1", "f4", "1.17549435e-38", "f8", "2.2250738585072014e-308", "ts", "'2262-04-11 23:47:16.854775'",
                    "tstz", "'2000-01-01 00:00:00+14'", "iv", "'00:00:00.000001'"),
            List.of("9", "n", "-1e-300", "f4", "3.4028235e38", "f8", "1.7976931348623157e308", "tstz", "'2024-11-03 01:30:00-04'"),
            List.of("10", "f4", "0.1", "f8", "0.1", "tstz", "'2021-06-30 23:59:59.999999+05:30'"),
            List.of("11", "f4", "-1.4e-45", "f8", "-4.9e-324", "tstz", "'1900-01-01 00:00:00+05:53:28'"),
            List.of("12", "f4", "16777217", "f8", "9007199254740993"),
            // large values: stored out of line (TOAST)
            List.of("13", "t", "repeat('long ', 4000)", "bt", "decode(repeat('00ff', 50000), 'hex')"),
            // rows that differ only in NULL vs empty vs look-alike text, to catch NULL/'' and \N confusion
            List.of("14", "t", "'NULL'"),
            List.of("15", "t", "chr(92) || 'N'", "vc", "chr(92) || chr(92) || 'N'"),
            List.of("16", "t", "' '", "vc", "' '", "ch", "' '", "bt", "decode('20', 'hex')", "j", "'\" \"'", "jb", "'\" \"'",
                    "ia", "'{NULL}'", "ta", "'{NULL}'", "ia2", "'{{NULL}}'", "moods", "'{NULL}'"),
            List.of("17", "t", "''", "ch", "''", "ta", "'{\"\"}'", "addr", "ROW(NULL, NULL, '{NULL}')"),
            List.of("18", "t", "chr(10)", "vc", "chr(13)"),
            List.of("19", "t", "chr(9)", "vc", "chr(92)"),
            List.of("20", "t", "'\"'", "vc", "''''"),
            List.of("21", "t", "chr(92) || 'x00'", "vc", "chr(92) || chr(92)"),
            List.of("22", "t", "'|,;'", "vc", "'trailing space '", "ch", "'a'"),
            List.of("23", "ch", "'full10char'"));

    private static List<String> edgeRowInserts() {
        return EDGE_ROWS.stream().map(AwkwardTypesFixture::edgeRowInsert).toList();
    }

    private static String edgeRowInsert(List<String> row) {
        List<String> columns = new ArrayList<>(List.of("id"));
        List<String> values = new ArrayList<>(List.of(row.get(0)));
        for (int i = 1; i < row.size(); i += 2) {
            columns.add(row.get(i));
            values.add(row.get(i + 1));
        }
        return "INSERT INTO awkward.all_types (" + String.join(", ", columns) + ") VALUES (" + String.join(", ", values) + ")";
    }

    /**
     * Ids 101-250, values varied by g. Only hour/minute/second intervals are added to timestamptz and
     * timetz values carry explicit offsets, so the session time zone cannot change what is stored.
     */
    private static final String ALL_TYPES_GENERATED_ROWS = """
            INSERT INTO awkward.all_types
            SELECT g,
              CASE g % 5 WHEN 0 THEN NULL WHEN 1 THEN '' ELSE 'row ' || g || chr(9) || repeat('é', g % 7) || chr(10) END,
              'vc' || g, 'c' || (g % 13),
              decode(lpad(to_hex(g), 8, '0'), 'hex'),
              json_build_object('g', g, 'arr', json_build_array(g, NULL, 'x' || g)),
              jsonb_build_object('g', g, 'f', g / 3.0, 'nested', jsonb_build_object('ok', g % 2 = 0)),
              CASE WHEN g % 9 = 0 THEN '{}' ELSE ARRAY[g, NULL, g * 2] END,
              ARRAY['x' || g, NULL, ''],
              ARRAY[ARRAY[g, g + 1], ARRAY[NULL, g]],
              CASE WHEN g % 50 = 0 THEN 'NaN'::numeric ELSE g::numeric / 7 END,
              (g::numeric * 1234567.123456789012345678)::numeric(38,18),
              CASE g % 30 WHEN 0 THEN 'NaN'::real WHEN 1 THEN '-Infinity'::real ELSE (g / 3.0)::real END,
              CASE g % 40 WHEN 0 THEN 'NaN'::float8 WHEN 1 THEN 'Infinity'::float8 WHEN 2 THEN '-0'::float8 ELSE g / 7.0 END,
              timestamp '2000-01-01 00:00:00' + g * interval '1 day 1 hour 1.000001 seconds',
              timestamptz '2000-01-01 00:00:00+00' + g * interval '7 hours 13 minutes 0.5 seconds',
              date '1999-12-25' + g * 3,
              time '00:00:00' + g * interval '9 minutes 0.000123 seconds',
              ((time '12:00:00' + g * interval '1 minute')::text || CASE WHEN g % 2 = 0 THEN '+' ELSE '-' END || (g % 12) || ':' ||
                  CASE WHEN g % 3 = 0 THEN '30' ELSE '00' END)::timetz,
              md5('u' || g)::uuid,
              ('10.' || (g % 256) || '.' || (g / 256) || '.1/' || (8 + g % 25))::inet,
              ('172.' || (g % 32) || '.0.0/16')::cidr,
              ('08:00:2b:' || lpad(to_hex(g % 256), 2, '0') || ':00:01')::macaddr,
              (g % 13) * interval '1 mon' + (g % 31) * interval '1 day' + g * interval '1.000001 seconds',
              CASE g % 4 WHEN 0 THEN 'empty'::int4range WHEN 1 THEN int4range(g, NULL) ELSE int4range(g, g + 10) END,
              tstzrange(timestamptz '2020-01-01 00:00:00+00' + g * interval '1 hour', CASE WHEN g % 2 = 0 THEN NULL
                  ELSE timestamptz '2020-01-01 00:00:00+00' + g * interval '2 hours' END),
              numrange(g / 4.0, g / 2.0 + 1, '[]'),
              (g % 256)::bit(8),
              g::bit(16)::varbit,
              xmlelement(name item, xmlattributes(g AS id), 'v<' || g || '>'),
              (g * 1.25)::numeric::money,
              CASE g % 3 WHEN 0 THEN true WHEN 1 THEN false END,
              (g - 150)::smallint, g * 1000003, g::bigint * 1000000000007,
              (enum_range(NULL::awkward.mood))[g % 5 + 1],
              ARRAY[(enum_range(NULL::awkward.mood))[g % 5 + 1], NULL]::awkward.mood[],
              CASE WHEN g % 6 = 0 THEN NULL ELSE ROW('Street "' || g || '", ' || chr(92), g, ARRAY[g * 0.5, NULL])::awkward.address END,
              (g % 100 + 1)::awkward.positive_int
            FROM generate_series(101, 250) g""";

    private static final String MIXED_CASE_TABLE = """
            CREATE TABLE "Mixed Schema"."Order" (
              id integer PRIMARY KEY,
              "select" text,
              "user" text,
              "quote""inside" integer,
              "CamelCase" text,
              "with space" text
            )""";

    /** Sets a derived column and counts updates, so a copy that re-fires triggers would be visible. */
    private static final String TRIGGER_FUNCTION = """
            CREATE FUNCTION awkward.normalize_raw() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              NEW.normalized := lower(trim(NEW.raw));
              IF TG_OP = 'UPDATE' THEN
                NEW.revision := OLD.revision + 1;
              END IF;
              RETURN NEW;
            END
            $$""";
}
