package org.mosipmigrate.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Helper functions the migrations call, created in {@code pg_temp} (session-private, gone when the
 * connection closes, never part of the schema) before each migration, inside its transaction.
 * <ul>
 *   <li>{@code pg_temp.mm_fail_if_rows(query, problem, fix)}: runs {@code query}; when it returns rows, raises
 *       an error whose message names the database, the first 10 rows (as text) and the row count, with {@code fix} as HINT.</li>
 *   <li>{@code pg_temp.mm_reset_ownership(schema, app_role, privileges)}: every object of the schema (and the schema
 *       and database) owned by the migrating user, as in a fresh 1.2.0.1 install (owner postgres); table privileges of
 *       V2's sysadmin and of the app role revoked, then {@code privileges} granted to the app role on all tables, USAGE on
 *       the schema and CONNECT on the database.</li>
 * </ul>
 */
public final class SessionFunctions implements Callback {
    public static final String SQL = """
            CREATE OR REPLACE FUNCTION pg_temp.mm_fail_if_rows(p_query text, p_problem text, p_fix text) RETURNS void
            LANGUAGE plpgsql AS $mm$
            DECLARE
              v_count bigint;
              v_sample text;
            BEGIN
              EXECUTE 'SELECT count(*), string_agg(r::text, E'' \\n  '') FILTER (WHERE n <= 10) FROM (SELECT q AS r, row_number() OVER () AS n FROM ('
                      || p_query || ') q) s' INTO v_count, v_sample;
              IF v_count > 0 THEN
                RAISE EXCEPTION USING ERRCODE = 'P0001',
                  MESSAGE = format('%s: %s (%s rows; first %s:' || E'\\n  ' || '%s)', current_database(), p_problem, v_count, least(v_count, 10), v_sample),
                  HINT = p_fix;
              END IF;
            END $mm$;

            CREATE OR REPLACE FUNCTION pg_temp.mm_reset_ownership(p_schema text, p_app_role text, p_privileges text) RETURNS void
            LANGUAGE plpgsql AS $mm$
            DECLARE
              r record;
            BEGIN
              IF EXISTS (SELECT 1 FROM pg_namespace n WHERE n.nspname = p_schema AND n.nspowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user)) THEN
                EXECUTE format('ALTER SCHEMA %I OWNER TO %I', p_schema, current_user);
              END IF;
              IF (SELECT datdba FROM pg_database WHERE datname = current_database()) <> (SELECT oid FROM pg_roles WHERE rolname = current_user) THEN
                EXECUTE format('ALTER DATABASE %I OWNER TO %I', current_database(), current_user);
              END IF;
              FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = p_schema AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                          AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user) LOOP
                EXECUTE format('ALTER %s %I.%I OWNER TO %I',
                  CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                 WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, p_schema, r.relname, current_user);
              END LOOP;
              FOR r IN SELECT p.oid::regprocedure AS sig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                        WHERE n.nspname = p_schema AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user) LOOP
                EXECUTE format('ALTER ROUTINE %s OWNER TO %I', r.sig, current_user);
              END LOOP;
              IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sysadmin') AND current_user <> 'sysadmin' THEN
                EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM sysadmin', p_schema);
              END IF;
              IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_app_role) THEN
                EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', p_schema, p_app_role);
                EXECUTE format('GRANT %s ON ALL TABLES IN SCHEMA %I TO %I', p_privileges, p_schema, p_app_role);
                EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', p_schema, p_app_role);
                EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), p_app_role);
              END IF;
            END $mm$;
            """;

    /** Creates the functions on a connection (inside its current transaction, if any). */
    public static void install(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(SQL);
        }
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            install(context.getConnection());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the session helper functions: " + e.getMessage(), e);
        }
    }

    @Override
    public String getCallbackName() {
        return "mosip-migrate session functions";
    }
}
