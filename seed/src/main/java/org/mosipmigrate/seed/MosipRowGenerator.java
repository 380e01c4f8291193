package org.mosipmigrate.seed;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.mosipmigrate.core.pg.Sql;
import org.mosipmigrate.seed.MosipCatalog.Column;
import org.mosipmigrate.seed.MosipCatalog.Constraint;
import org.mosipmigrate.seed.MosipCatalog.ConstraintType;
import org.mosipmigrate.seed.MosipCatalog.Table;

/**
 * Builds one server-side {@code INSERT ... SELECT ... FROM generate_series(1, n) g} per catalog table.
 *
 * <p>Every value is a pure function of (seed, table, column, row number), so the same seed gives the
 * same data on any server. Key columns (primary key, unique) are injective in the row number, so keys
 * never collide. A foreign-key column takes the parent's own expression evaluated at a parent row
 * number ({@code (g - 1) % parentRows + 1}), so every child value exists in the parent and the
 * constraints can be validated after the load. {@link ValueOverrides} replace the generic value of chosen
 * columns (also where a child takes the parent's value), e.g. registration ids in MOSIP's RID format.
 */
public final class MosipRowGenerator {
    /** A fixed-width mixing constant (Knuth's multiplicative hash) keeps values scattered but cheap. */
    private static final long MIX = 2654435761L;

    private final Map<String, Table> tables;
    private final Map<String, Long> rowCounts;
    private final long seed;
    private final Map<String, List<Constraint>> impliedReferences;
    private final ValueOverrides overrides;

    /**
     * @param impliedReferences per table, links the application relies on without a constraint (e.g.
     *     registration_list.reg_id -> registration.id, which the regprc upgrade joins on); generated like
     *     foreign keys but never created as constraints
     */
    MosipRowGenerator(Map<String, Table> tables, Map<String, Long> rowCounts, long seed, Map<String, List<Constraint>> impliedReferences,
                      ValueOverrides overrides) {
        this.tables = tables;
        this.rowCounts = rowCounts;
        this.seed = seed;
        this.impliedReferences = impliedReferences;
        this.overrides = overrides;
    }

    String insertSql(Table t) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Column c : t.columns()) {
            names.add(Sql.ident(c.name()));
            values.add(topLevelValue(t, c));
        }
        return "INSERT INTO " + Sql.qualified(t.schema(), t.name()) + " (" + String.join(", ", names) + ") SELECT "
                + String.join(", ", values) + " FROM generate_series(1, " + rowCounts.get(t.name()) + ") g";
    }

    /** Nullable plain columns get a NULL in about one row of eleven, so NULL handling is exercised too. */
    private String topLevelValue(Table t, Column c) {
        String v = value(t, c, "g", 0);
        if (overrides.expression(t, c, "g", seed) != null) {
            return v;
        }
        if (c.nullable() && !isKeyColumn(t, c.name()) && referenceOf(t, c.name()).isEmpty()) {
            return "CASE WHEN (g + " + c.ordinal() + ") % 11 = 0 THEN NULL ELSE " + v + " END";
        }
        return v;
    }

    private String value(Table t, Column c, String row, int depth) {
        String own = overrides.expression(t, c, row, seed);
        if (own != null) {
            return cast(own, c);
        }
        Optional<Constraint> fk = referenceOf(t, c.name());
        if (fk.isPresent() && depth < 8 && tables.containsKey(fk.get().refTable())) {
            Table parent = tables.get(fk.get().refTable());
            String parentColumn = fk.get().refColumns().get(fk.get().columns().indexOf(c.name()));
            String parentRow = "((" + row + " - 1) % " + rowCounts.get(parent.name()) + " + 1)";
            Column pc = parent.column(parentColumn).orElseThrow();
            return cast(value(parent, pc, parentRow, depth + 1), c);
        }
        return isKeyColumn(t, c.name()) ? keyValue(t, c, row) : plainValue(t, c, row);
    }

    /** Injective in the row number. */
    private String keyValue(Table t, Column c, String row) {
        if (c.name().equals("lang_code")) {
            return "'eng'";
        }
        return switch (c.dataType()) {
            case "character varying", "character", "text" -> textKey(t, c, row);
            case "smallint", "integer", "bigint", "numeric" -> cast(row, c);
            case "double precision" -> row + "::float8";
            case "date" -> "(date '2020-01-01' + " + row + "::int)";
            case "time without time zone" -> "(time '00:00' + " + row + " * interval '1 second')";
            case "timestamp without time zone" -> "(timestamp '2020-01-01 00:00:00' + " + row + " * interval '1 second')";
            case "bytea" -> "decode(lpad(to_hex(" + row + "::bigint), 16, '0'), 'hex')";
            case "boolean" -> "(" + row + " % 2 = 0)";
            default -> throw new IllegalStateException("no key generator for " + c.dataType());
        };
    }

    /** A short column tag plus the zero-padded row number, cut to fit the declared length. */
    private String textKey(Table t, Column c, String row) {
        int digits = Long.toString(rowCounts.get(t.name())).length();
        String tag = tag(c.name());
        if (c.charMaxLength() != null) {
            tag = tag.substring(0, Math.max(0, Math.min(tag.length(), c.charMaxLength() - digits)));
        }
        return "('" + tag + "' || lpad(" + row + "::text, " + digits + ", '0'))";
    }

    private String plainValue(Table t, Column c, String row) {
        String mix = "((" + row + "::bigint * " + MIX + " + " + salt(t, c) + ") % 1000000007)";
        switch (c.name()) {
            case "lang_code":
                return "'eng'";
            case "is_deleted":
                return "false";
            case "is_active":
                return "true";
            default:
                break;
        }
        return switch (c.dataType()) {
            case "character varying", "character", "text" -> fit(textValue(c, row, mix), c);
            case "smallint" -> "(" + mix + " % 32000)::smallint";
            case "integer" -> "(" + mix + ")::int";
            case "bigint" -> mix + " * 7";
            case "numeric" -> cast("(" + mix + " % " + numericLimit(c) + ")::numeric / 100", c);
            case "double precision" -> "(" + mix + " / 7.0)::float8";
            case "boolean" -> "(" + mix + " % 2 = 0)";
            case "date" -> "(date '1950-01-01' + (" + mix + " % 25000)::int)";
            case "time without time zone" -> "(time '00:00' + (" + mix + " % 86400000000) * interval '1 microsecond')";
            case "timestamp without time zone" ->
                    "(timestamp '2019-01-01 00:00:00' + (" + mix + " % 157680000) * interval '1 second' + (" + mix
                            + " % 1000000) * interval '1 microsecond')";
            case "bytea" -> "decode(md5(" + row + "::text || '" + salt(t, c) + "') || md5(" + mix + "::text), 'hex')";
            default -> throw new IllegalStateException("no value generator for " + c.dataType());
        };
    }

    /** Mostly ASCII; every 17th row carries accented letters and a non-BMP character, as real names do. */
    private static String textValue(Column c, String row, String mix) {
        if (c.charMaxLength() != null && c.charMaxLength() <= 3) {
            return "chr(97 + (" + mix + " % 26)::int)";
        }
        return "(CASE WHEN " + row + " % 17 = 0 THEN 'Ñandú 𝄞 ' ELSE '' END || '" + tag(c.name()) + "-' || " + mix + "::text)";
    }

    private static String fit(String expr, Column c) {
        return c.charMaxLength() == null ? expr : "left(" + expr + ", " + c.charMaxLength() + ")";
    }

    /** Largest absolute value (times 100) that fits numeric(p, s). */
    private static String numericLimit(Column c) {
        if (c.numericPrecision() == null) {
            return "1000000000";
        }
        int integerDigits = c.numericPrecision() - (c.numericScale() == null ? 0 : c.numericScale());
        int digits = Math.max(1, Math.min(integerDigits + 2, 12));
        return "1" + "0".repeat(digits);
    }

    private static String cast(String expr, Column c) {
        return "(" + expr + ")::" + c.sqlType();
    }

    private long salt(Table t, Column c) {
        return Math.floorMod(seed * 1_000_003L + (t.name() + "." + c.name()).hashCode(), 1L << 40);
    }

    /** Up to 4 letters of the column name, e.g. "reg_id" -> "regi". */
    private static String tag(String column) {
        String letters = column.replaceAll("[^a-z]", "");
        return letters.substring(0, Math.min(4, letters.length()));
    }

    static boolean isKeyColumn(Table t, String column) {
        return keyColumnSets(t).stream().anyMatch(k -> k.contains(column));
    }

    /** Column sets that must be unique: primary key, UNIQUE constraints and unique indexes. */
    static List<Set<String>> keyColumnSets(Table t) {
        List<Set<String>> out = new ArrayList<>();
        t.constraints().stream().filter(c -> c.type() == ConstraintType.PRIMARY_KEY || c.type() == ConstraintType.UNIQUE)
                .forEach(c -> out.add(new HashSet<>(c.columns())));
        t.indexes().stream().filter(MosipCatalog.Index::unique).forEach(i -> out.add(new HashSet<>(i.columns())));
        return out;
    }

    private Optional<Constraint> referenceOf(Table t, String column) {
        Optional<Constraint> fk = foreignKeyOf(t, column);
        return fk.isPresent() ? fk
                : impliedReferences.getOrDefault(t.name(), List.of()).stream().filter(r -> r.columns().contains(column)).findFirst();
    }

    static Optional<Constraint> foreignKeyOf(Table t, String column) {
        return t.constraints(ConstraintType.FOREIGN_KEY).stream().filter(fk -> fk.columns().contains(column)).findFirst();
    }

    static Set<String> foreignKeyColumns(Table t) {
        return t.constraints(ConstraintType.FOREIGN_KEY).stream().flatMap(fk -> fk.columns().stream()).collect(Collectors.toSet());
    }
}
