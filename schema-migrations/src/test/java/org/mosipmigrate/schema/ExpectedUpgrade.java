package org.mosipmigrate.schema;

import static org.mosipmigrate.schema.TableRows.NOW;
import static org.mosipmigrate.schema.TableRows.NOW_PLUS_12_YEARS;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What MOSIP's own 1.2.0.1 chain makes of a 1.1.5.5 database's rows, computed from the step descriptions in
 * /work/shared/mosip/upgrade-steps.md (and the inserted values of MOSIP's steps where they give them), table by table.
 * Written independently of our migrations: it reads the V2 rows and applies each described change in Java.
 * Scope: master (primary language eng), kernel, keymgr, audit, authdevice, regdevice and pms.
 */
final class ExpectedUpgrade {
    private static final String PRIMARY = "eng";
    private static final String MOSIP_SEED_TIME = "2022-12-16 12:30:14.1";

    private ExpectedUpgrade() {
    }

    /** Rows after MOSIP's chain for {@code db}, given the V2 rows of every database (pms reads authdevice and regdevice). */
    static Map<String, List<Map<String, String>>> of(String db, Map<String, Map<String, List<Map<String, String>>>> v2) {
        Map<String, List<Map<String, String>>> in = v2.get(db);
        return switch (db) {
            case "mosip_master" -> master(in);
            case "mosip_keymgr" -> keymgr(in);
            case "mosip_pms" -> pms(in, v2.get("mosip_authdevice"), v2.get("mosip_regdevice"));
            // kernel: ownership and an index; audit: host_ip widened; authdevice/regdevice: not touched by the chain
            default -> copy(in);
        };
    }

    // ------------------------------------------------------------------ master (B1 rows #2..#21)

    private static Map<String, List<Map<String, String>>> master(Map<String, List<Map<String, String>>> in) {
        Map<String, List<Map<String, String>>> out = copy(in);
        // #3: templates of the module named "Registration Client" (English name -> its id) move to "Pre-Registration", then the
        // registration-client template kinds move (back) to "Registration Client"; every language row of a module id moves
        String rc = moduleId(in, "Registration Client");
        String pre = moduleId(in, "Pre-Registration");
        out.put("template_migr_bkp", rows(in, "template"));
        for (Map<String, String> t : out.get("template")) {
            if (rc.equals(t.get("module_id"))) {
                move(t, pre, "Pre-Registration");
            }
            String type = t.get("template_typ_code");
            if (Set.of("reg-dashboard-template", "reg-consent-template").contains(type) || type.startsWith("reg-preview-template-part")
                    || type.startsWith("reg-ack-template-part") || type.startsWith("reg-android-ack-template-part")
                    || type.startsWith("reg-android-preview-template-part")) {
                move(t, rc, "Registration Client");
            }
        }
        // #4: blocklisted_words = distinct blacklisted words, primary language (and no language) only
        out.put("blocklisted_words", rows(in, "blacklisted_words").stream().filter(primaryOrNone()).distinct().collect(Collectors.toList()));
        // #5: ui_spec from identity_schema; identity_schema loses id_attr_json
        out.put("identity_schema_migr_bkp", rows(in, "identity_schema"));
        List<Map<String, String>> ui = new ArrayList<>();
        for (Map<String, String> s : in.get("identity_schema")) {
            Map<String, String> u = new LinkedHashMap<>();
            u.put("id", s.get("id"));
            u.put("version", s.get("id_version"));
            u.put("domain", "registration-client");
            u.put("title", s.get("title"));
            u.put("description", s.get("description"));
            u.put("type", "schema");
            u.put("json_spec", s.get("id_attr_json"));
            u.put("identity_schema_id", s.get("id"));
            u.put("identity_schema_version", s.get("id_version"));
            for (String c : List.of("effective_from", "status_code", "is_active", "cr_by", "cr_dtimes", "upd_by", "upd_dtimes", "is_deleted", "del_dtimes")) {
                u.put(c, s.get(c));
            }
            ui.add(u);
        }
        out.put("ui_spec", ui);
        dropColumns(out.get("identity_schema"), "id_attr_json");
        // #7, #8, #11, #12, #16, #17, #19, #21: copies first, then only the primary language (rows without a language stay)
        for (String t : List.of("biometric_type", "reg_exceptional_holiday", "device_spec", "device_type", "device_master", "machine_spec", "machine_type",
                "machine_master", "loc_holiday", "authentication_method", "reg_working_nonworking", "ca_cert_store")) {
            out.put(t + "_migr_bkp", rows(in, t));
        }
        for (String t : List.of("biometric_type", "reg_exceptional_holiday", "device_type", "device_spec", "device_master", "device_master_h",
                "machine_type", "machine_spec", "machine_master", "machine_master_h", "authentication_method", "reg_working_nonworking")) {
            out.put(t, out.get(t).stream().filter(primaryOrNone()).collect(Collectors.toList()));
        }
        // #9: operators lose uin, email and mobile
        dropColumns(out.get("user_detail"), "uin", "email", "mobile");
        dropColumns(out.get("user_detail_h"), "uin", "email", "mobile");
        // #13: one machine per name (lowest id), the groups copied with their size in column count
        dedupe(out, "machine_master", r -> r.get("name"), Comparator.comparing(r -> r.get("id")));
        // #16: one holiday per (holiday_date, location_code, lang_code) (lowest id)
        dedupe(out, "loc_holiday", r -> r.get("holiday_date") + "|" + r.get("location_code") + "|" + r.get("lang_code"),
                Comparator.comparingLong(r -> Long.parseLong(r.get("id"))));
        // #15: new, empty
        out.put("permitted_local_config", new ArrayList<>());
        return out;
    }

    private static String moduleId(Map<String, List<Map<String, String>>> in, String englishName) {
        return in.get("module_detail").stream().filter(m -> englishName.equals(m.get("name"))).map(m -> m.get("id")).distinct().reduce((a, b) -> {
            throw new IllegalStateException("two ids for " + englishName);
        }).orElseThrow();
    }

    private static void move(Map<String, String> template, String moduleId, String moduleName) {
        template.put("module_id", moduleId);
        template.put("module_name", moduleName);
        template.put("upd_by", "superadmin");
        template.put("upd_dtimes", NOW);
    }

    private static Predicate<Map<String, String>> primaryOrNone() {
        return r -> r.get("lang_code") == null || r.get("lang_code").equals(PRIMARY);
    }

    private static void dedupe(Map<String, List<Map<String, String>>> out, String table, java.util.function.Function<Map<String, String>, String> key,
                               Comparator<Map<String, String>> order) {
        Map<String, List<Map<String, String>>> groups = new TreeMap<>();
        out.get(table).forEach(r -> groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        List<Map<String, String>> kept = new ArrayList<>();
        List<Map<String, String>> dupes = new ArrayList<>();
        for (List<Map<String, String>> g : groups.values()) {
            g.sort(order);
            kept.add(g.get(0));
            if (g.size() > 1) {
                for (Map<String, String> r : g) {
                    Map<String, String> d = new LinkedHashMap<>(r);
                    d.put("count", String.valueOf(g.size()));
                    dupes.add(d);
                }
            }
        }
        out.put(table, kept);
        out.put(table + "_migr_dupes", dupes);
    }

    // ------------------------------------------------------------------ keymgr (B1, B3)

    private static Map<String, List<Map<String, String>>> keymgr(Map<String, List<Map<String, String>>> in) {
        Map<String, List<Map<String, String>>> out = copy(in);
        addColumn(out.get("key_alias"), "uni_ident", null);
        List<Map<String, String>> policies = out.get("key_policy_def");
        addColumn(policies, "pre_expire_days", null);
        addColumn(policies, "access_allowed", null);
        for (String app : List.of("ADMIN_SERVICES", "RESIDENT", "COMPLIANCE_TOOLKIT")) {
            if (policies.stream().noneMatch(p -> p.get("app_id").equals(app))) {
                policies.add(row("app_id", app, "key_validity_duration", "1095", "is_active", "t", "cr_by", "mosipadmin", "cr_dtimes", NOW,
                        "upd_by", null, "upd_dtimes", null, "is_deleted", "f", "del_dtimes", null, "pre_expire_days", "60", "access_allowed", "NA"));
            }
        }
        Map<String, String> days = new LinkedHashMap<>();
        for (String app : List.of("PRE_REGISTRATION", "REGISTRATION", "REGISTRATION_PROCESSOR", "ID_REPO", "KERNEL", "ADMIN_SERVICES", "RESIDENT",
                "COMPLIANCE_TOOLKIT", "DIGITAL_CARD")) {
            days.put(app, "60");
        }
        days.put("ROOT", "1125");
        days.put("BASE", "30");
        days.put("PMS", "395");
        for (Map<String, String> p : policies) {
            if (days.containsKey(p.get("app_id"))) {
                p.put("pre_expire_days", days.get(p.get("app_id")));
                p.put("access_allowed", "NA");
            }
        }
        policies.removeIf(p -> Set.of("IDA", "DATASHARE", "CREDENTIAL_SERVICE").contains(p.get("app_id")));
        out.remove("key_policy_def_h"); // B3 drops it
        return out;
    }

    // ------------------------------------------------------------------ pms (B1 #2..#12, B2)

    private static Map<String, List<Map<String, String>>> pms(Map<String, List<Map<String, String>>> in, Map<String, List<Map<String, String>>> auth,
                                                           Map<String, List<Map<String, String>>> reg) {
        Map<String, List<Map<String, String>>> out = copy(in);
        // #4, #5, B2: new columns
        for (Map<String, String> p : out.get("partner_policy")) {
            p.put("label", p.get("policy_api_key"));
        }
        for (String t : List.of("partner", "partner_h")) {
            addColumn(out.get(t), "lang_code", null);
            addColumn(out.get(t), "logo_url", null);
            addColumn(out.get(t), "addl_info", null);
        }
        addColumn(out.get("misp_license"), "policy_id", null);
        out.put("oidc_client", new ArrayList<>());
        // #6: the certificate-sharing partner set
        insertIfAbsent(out, "policy_group", "id", row("id", "mpolicygroup-default-cert", "name", "mpolicygroup-default-cert", "descr",
                "mpolicygroup-default-cert", "user_id", "superadmin", "is_active", "t", "cr_by", "superadmin", "cr_dtimes", NOW, "upd_by", "superadmin",
                "upd_dtimes", NOW, "is_deleted", "f", "del_dtimes", null));
        Map<String, String> cert = row("id", "mpartner-default-cert", "policy_group_id", "mpolicygroup-default-cert", "name", "mpartner-default-cert",
                "address", "mpartner-default-cert", "contact_no", "9232121212", "email_id", "info@mosip.io", "certificate_alias", null, "user_id",
                "mpartner-default-cert", "partner_type_code", "Credential_Partner", "approval_status", "approved", "is_active", "t", "cr_by", "superadmin",
                "cr_dtimes", NOW, "upd_by", "superadmin", "upd_dtimes", NOW, "is_deleted", "f", "del_dtimes", null, "lang_code", null, "logo_url", null,
                "addl_info", null);
        insertIfAbsent(out, "partner", "id", cert);
        Map<String, String> certH = new LinkedHashMap<>(cert);
        certH.put("eff_dtimes", NOW);
        out.get("partner_h").add(certH);
        out.get("auth_policy").add(row("id", "mpolicy-default-cert", "policy_group_id", "mpolicygroup-default-cert", "name", "mpolicy-default-cert",
                "descr", "mpolicy-default-cert", "policy_file_id", CERT_POLICY, "policy_type", "DataShare", "version", "1", "policy_schema",
                "https://schemas.mosip.io/v1/auth-policy", "valid_from_date", NOW, "valid_to_date", NOW_PLUS_12_YEARS, "is_active", "t", "cr_by", "admin",
                "cr_dtimes", NOW, "upd_by", "admin", "upd_dtimes", NOW, "is_deleted", "f", "del_dtimes", null));
        out.get("partner_policy_request").add(row("id", "mpartner_policy_cert_req", "part_id", "mpartner-default-cert", "policy_id", "mpolicy-default-cert",
                "request_datetimes", NOW, "request_detail", "mpolicy-default-cert", "status_code", "approved", "cr_by", "admin", "cr_dtimes", NOW,
                "upd_by", "admin", "upd_dtimes", NOW, "is_deleted", null, "del_dtimes", null));
        out.get("partner_policy").add(row("policy_api_key", "mpolicy_part_cert_api", "part_id", "mpartner-default-cert", "policy_id",
                "mpolicy-default-cert", "valid_from_datetime", NOW, "valid_to_datetime", NOW_PLUS_12_YEARS, "is_active", "t", "cr_by", "admin",
                "cr_dtimes", NOW, "upd_by", "admin", "upd_dtimes", NOW, "is_deleted", "f", "del_dtimes", null, "label", "mpolicy_part_cert_api"));
        // #7: device types and subtypes
        List<Map<String, String>> types = new ArrayList<>();
        for (String[] t : new String[][] {{"Finger", "Fingerprint Biometric"}, {"Face", "Face Biometric"}, {"Iris", "Iris Biometric"}}) {
            types.add(row("code", t[0], "name", t[0], "descr", t[1], "is_active", "t", "cr_by", "superadmin", "cr_dtimes", MOSIP_SEED_TIME, "upd_by", null,
                    "upd_dtimes", null, "is_deleted", "f", "del_dtimes", null));
        }
        out.put("reg_device_type", types);
        List<Map<String, String>> subtypes = new ArrayList<>();
        for (String[] t : new String[][] {{"Slap", "Finger", "Fingerprint Slap"}, {"Single", "Finger", "Fingerprint Single Finger"},
                {"Touchless", "Finger", "Touch Fingerprint"}, {"Single", "Iris", "Single Iris"}, {"Double", "Iris", "Double Iris"},
                {"Full face", "Face", "Full face"}}) {
            subtypes.add(row("code", t[0], "dtyp_code", t[1], "name", t[0], "descr", t[2], "is_active", "t", "cr_by", "superadmin", "cr_dtimes",
                    MOSIP_SEED_TIME, "upd_by", null, "upd_dtimes", null, "is_deleted", "f", "del_dtimes", null));
        }
        out.put("reg_device_sub_type", subtypes);
        // #8: partner_policy_credential_type emptied, then its 4 seed rows
        List<Map<String, String>> credentialTypes = new ArrayList<>();
        for (String[] c : new String[][] {{"mpartner-default-print", "mpolicy-default-qrcode", "qrcode"},
                {"mpartner-default-print", "mpolicy-default-euin", "euin"}, {"mpartner-default-print", "mpolicy-default-reprint", "reprint"},
                {"mpartner-default-auth", "mpolicy-default-auth", "auth"}}) {
            credentialTypes.add(row("part_id", c[0], "policy_id", c[1], "credential_type", c[2], "is_active", "t", "cr_by", "superadmin", "cr_dtimes",
                    MOSIP_SEED_TIME, "upd_by", null, "upd_dtimes", null, "is_deleted", "f", "del_dtimes", null));
        }
        out.put("partner_policy_credential_type", credentialTypes);
        // #9: the devices of authdevice, then of regdevice; #10: approval_status of the chips
        for (String t : List.of("device_detail", "secure_biometric_interface", "secure_biometric_interface_h", "device_detail_sbi", "ftp_chip_detail")) {
            out.put(t, new ArrayList<>());
        }
        for (Map<String, List<Map<String, String>>> src : List.of(auth, reg)) {
            out.get("device_detail").addAll(rows(src, "device_detail"));
            for (String t : List.of("secure_biometric_interface", "secure_biometric_interface_h")) {
                for (Map<String, String> s : src.get(t)) {
                    Map<String, String> device = deviceOf(src, s);
                    Map<String, String> r = new LinkedHashMap<>(s);
                    r.remove("device_detail_id");
                    r.put("provider_id", device.get("dprovider_id"));
                    r.put("partner_org_name", device.get("partner_org_name"));
                    out.get(t).add(r);
                }
            }
            for (Map<String, String> s : src.get("secure_biometric_interface")) {
                Map<String, String> device = deviceOf(src, s);
                out.get("device_detail_sbi").add(row("dprovider_id", device.get("dprovider_id"), "partner_org_name", device.get("partner_org_name"),
                        "device_detail_id", device.get("id"), "sbi_id", s.get("id"), "is_active", s.get("is_active"), "cr_by", s.get("cr_by"), "cr_dtimes",
                        s.get("cr_dtimes"), "upd_by", s.get("upd_by"), "upd_dtimes", s.get("upd_dtimes"), "is_deleted", s.get("is_deleted"), "del_dtimes",
                        s.get("del_dtimes")));
            }
            for (Map<String, String> f : rows(src, "ftp_chip_detail")) {
                f.put("approval_status", f.get("certificate_alias") == null ? "pending_cert_upload"
                        : "f".equals(f.get("is_active")) ? "pending_approval" : "approved");
                out.get("ftp_chip_detail").add(f);
            }
        }
        // #11: the digital card partner set (fixed values in MOSIP's step)
        insertIfAbsent(out, "partner", "id", row("id", "mpartner-default-digitalcard", "policy_group_id", "mpolicygroup-default-digitalcard", "name", "IITB",
                "address", "mpartner-default-digitalcard", "contact_no", "9232121212", "email_id", "digitalcard@mosip.io", "certificate_alias",
                "94d4ae61-31f0-42ca-97ae-8f4953f41fb6", "user_id", "mpartner-default-digitalcard", "partner_type_code", "Credential_Partner",
                "approval_status", "approved", "is_active", "t", "cr_by", "superadmin", "cr_dtimes", "2020-12-16 12:30:13.973", "upd_by", "110006",
                "upd_dtimes", "2022-06-01 08:01:35.025", "is_deleted", "f", "del_dtimes", null, "lang_code", null, "logo_url", null, "addl_info", null));
        out.get("partner_h").add(row("id", "mpartner-default-digitalcard", "eff_dtimes", "2020-12-16 12:30:14.306", "policy_group_id",
                "mpolicygroup-default-digitalcard", "name", "IITB", "address", "mpartner-default-digitalcard", "contact_no", "9232121212", "email_id",
                "digitalcard@mosip.io", "certificate_alias", null, "user_id", "mpartner-default-resident", "partner_type_code", "Credential_Partner",
                "approval_status", "Activated", "is_active", "t", "cr_by", "superadmin", "cr_dtimes", "2020-12-16 12:30:14.306", "upd_by", "superadmin",
                "upd_dtimes", "2020-12-16 12:30:14.306", "is_deleted", null, "del_dtimes", null, "lang_code", null, "logo_url", null, "addl_info", null));
        insertIfAbsent(out, "policy_group", "id", row("id", "mpolicygroup-default-digitalcard", "name", "mpolicygroup-default-digitalcard", "descr",
                "mpolicygroup-default-digitalcard", "user_id", "superadmin", "is_active", "t", "cr_by", "superadmin", "cr_dtimes", "2020-12-16 12:30:14.1",
                "upd_by", "superadmin", "upd_dtimes", "2020-12-16 12:30:14.1", "is_deleted", null, "del_dtimes", null));
        out.get("auth_policy").add(row("id", "mpolicy-default-digitalcard", "policy_group_id", "mpolicygroup-default-digitalcard", "name",
                "mpolicy-default-digitalcard", "descr", "To Share Data", "policy_file_id", DIGITALCARD_POLICY, "policy_type", "Datashare", "version", "1.0",
                "policy_schema", "https://schemas.mosip.io/v1/auth-policy", "valid_from_date", "2022-04-04 12:48:58.193", "valid_to_date",
                "2022-10-01 12:49:05.712", "is_active", "t", "cr_by", "110068", "cr_dtimes", "2022-04-04 12:48:58.193", "upd_by", "110068", "upd_dtimes",
                "2022-04-04 12:49:05.712", "is_deleted", "f", "del_dtimes", null));
        out.get("auth_policy").add(row("id", "mpolicy-default-PDFCard", "policy_group_id", "mpolicygroup-default-digitalcard", "name",
                "mpolicy-default-PDFCard", "descr", "mpolicy-default-PDFCard", "policy_file_id", PDFCARD_POLICY, "policy_type", "DataShare", "version", "1",
                "policy_schema", "https://schemas.mosip.io/v1/auth-policy", "valid_from_date", "2022-09-20 09:00:54.316627", "valid_to_date",
                "2025-04-28 09:37:00", "is_active", "t", "cr_by", "admin", "cr_dtimes", "2022-09-20 09:00:54.316627", "upd_by", "admin", "upd_dtimes",
                "2022-09-20 09:00:54.316627", "is_deleted", "f", "del_dtimes", null));
        out.get("auth_policy_h").add(row("id", "mpolicy-default-digitalcard", "eff_dtimes", "2020-11-14 05:59:00", "policy_group_id",
                "mpolicygroup-default-digitalcard", "name", "mpolicy-default-digitalcard", "descr", "mpolicy-default-digitalcard", "policy_file_id",
                DIGITALCARD_POLICY_H, "policy_type", "DataShare", "version", "1", "policy_schema", "https://schemas.mosip.io/v1/auth-policy",
                "valid_from_date", "2020-12-16 12:30:14.343", "valid_to_date", "2025-05-02 09:37:00", "is_active", "t", "cr_by", "admin", "cr_dtimes",
                "2020-12-16 12:30:14.343", "upd_by", "admin", "upd_dtimes", "2020-12-16 12:30:14.343", "is_deleted", null, "del_dtimes", null));
        out.get("auth_policy_h").add(row("id", "mpolicy-default-PDFCard", "eff_dtimes", "2020-11-13 05:58:00", "policy_group_id",
                "mpolicygroup-default-digitalcard", "name", "mpolicy-default-PDFCard", "descr", "mpolicy-default-PDFCard", "policy_file_id",
                PDFCARD_POLICY_H, "policy_type", "DataShare", "version", "1", "policy_schema", "https://schemas.mosip.io/v1/auth-policy",
                "valid_from_date", "2020-12-16 12:30:14.343", "valid_to_date", "2025-05-01 09:37:00", "is_active", "t", "cr_by", "admin", "cr_dtimes",
                "2020-12-16 12:30:14.343", "upd_by", "admin", "upd_dtimes", "2020-12-16 12:30:14.343", "is_deleted", null, "del_dtimes", null));
        out.get("partner_policy").add(row("policy_api_key", "mpolicy_part_digitalcard_api", "part_id", "mpartner-default-digitalcard", "policy_id",
                "mpolicy-default-digitalcard", "valid_from_datetime", "2022-04-04 13:21:20.172", "valid_to_datetime", "2022-07-03 13:21:20.172",
                "is_active", "t", "cr_by", "service-account-mosip-regproc-client", "cr_dtimes", "2022-04-04 13:21:20.172", "upd_by", "admin", "upd_dtimes",
                "2022-02-21 07:02:26.223", "is_deleted", "f", "del_dtimes", null, "label", "mpolicy_part_PDFCard_api"));
        out.get("partner_policy").add(row("policy_api_key", "mpolicy_part_PDFCard_api", "part_id", "mpartner-default-digitalcard", "policy_id",
                "mpolicy-default-digitalcard", "valid_from_datetime", "2022-02-21 07:02:26.223", "valid_to_datetime", "2025-12-01 05:31:00", "is_active",
                "t", "cr_by", "admin", "cr_dtimes", "2022-02-21 07:02:26.223", "upd_by", "admin", "upd_dtimes", "2022-02-21 07:02:26.223", "is_deleted", "f",
                "del_dtimes", null, "label", "mpolicy_part_PDFCard_api"));
        for (String[] b : new String[][] {{"146210", "photo", "face"}, {"146211", "iris", "iris"}, {"146212", "fingerprint", "finger"}}) {
            out.get("partner_policy_bioextract").add(row("id", b[0], "part_id", "mpartner-default-digitalcard", "policy_id", "mpolicy-default-PDFCard",
                    "attribute_name", b[1], "extractor_provider", "mock", "extractor_provider_version", "1.1", "biometric_modality", b[2],
                    "biometric_sub_types", null, "cr_by", "admin", "cr_dtimes", "2022-02-21 07:02:26.256", "upd_by", "admin", "upd_dtimes",
                    "2022-02-21 07:02:26.256", "is_deleted", "f", "del_dtimes", null));
        }
        out.get("partner_policy_credential_type").add(row("part_id", "mpartner-default-digitalcard", "policy_id", "mpolicy-default-PDFCard",
                "credential_type", "PDFCard", "is_active", "t", "cr_by", "service-account-mosip-regproc-client", "cr_dtimes", "2022-04-04 13:29:10.383",
                "upd_by", null, "upd_dtimes", null, "is_deleted", "f", "del_dtimes", null));
        for (String[] r : new String[][] {{"mpartner_policy_PDFCard_req", "mpolicy-default-PDFCard"},
                {"mpartner_policy_digitalcard_req", "mpolicy-default-digitalcard"}}) {
            out.get("partner_policy_request").add(row("id", r[0], "part_id", "mpartner-default-digitalcard", "policy_id", r[1], "request_datetimes",
                    "2022-02-21 07:02:26.292", "request_detail", r[1], "status_code", "approved", "cr_by", "admin", "cr_dtimes", "2022-02-21 07:02:26.292",
                    "upd_by", "admin", "upd_dtimes", "2022-02-21 07:02:26.292", "is_deleted", null, "del_dtimes", null));
        }
        // #12: partner types 1.2.0.1 adds
        for (String[] t : new String[][] {{"Internal_Partner", "Used internally to share certs"}, {"Print_Partner", "Print Partner"},
                {"SDK_Partner", "SDK Partner"}}) {
            insertIfAbsent(out, "partner_type", "code", row("code", t[0], "partner_description", t[1], "is_policy_required", "t", "is_active", "t", "cr_by",
                    "superadmin", "cr_dtimes", NOW, "upd_by", null, "upd_dtimes", null, "is_deleted", "f", "del_dtimes", null));
        }
        return out;
    }

    private static Map<String, String> deviceOf(Map<String, List<Map<String, String>>> src, Map<String, String> sbi) {
        return src.get("device_detail").stream().filter(d -> d.get("id").equals(sbi.get("device_detail_id"))).findFirst().orElseThrow();
    }

    private static final String CERT_POLICY = "{\"shareableAttributes\":["
            + attributes(true, "fullName", "dateOfBirth", "gender", "phone", "email", "addressLine1", "addressLine2", "addressLine3", "region", "province",
                    "city", "postalCode")
            + ",{\"attributeName\":\"individualBiometrics\",\"group\":\"CBEFF\",\"source\":[{\"attribute\":\"individualBiometrics\"}],\"encrypted\":true,"
            + "\"format\":\"extraction\"}],\"dataSharePolicies\":{\"typeOfShare\":\"Data Share\",\"validForInMinutes\":\"30\",\"transactionsAllowed\":\"2\","
            + "\"encryptionType\":\"none\",\"shareDomain\":\"datashare.datashare\",\"source\":\"ID Repository\"}}";
    private static final String DIGITALCARD_POLICY = "{\"dataSharePolicies\":{\"typeOfShare\":\"Data Share\",\"validForInMinutes\":\"250\","
            + "\"transactionsAllowed\":\"1000\",\"encryptionType\":\"none\",\"shareDomain\":\"datashare-service\",\"source\":\"Print\"},\"shareableAttributes\":[]}";
    private static final String DIGITALCARD_POLICY_H = "{\"dataSharePolicies\":{\"typeOfShare\":\"Data Share\",\"validForInMinutes\":\"30\","
            + "\"transactionsAllowed\":\"2\",\"encryptionType\":\"none\",\"shareDomain\":\"datashare-service\",\"source\":\"Print\"},\"shareableAttributes\":[]}";
    private static final String PDF_SHARE = "{\"dataSharePolicies\":{\"typeOfShare\":\"direct\",\"validForInMinutes\":\"30\",\"transactionsAllowed\":\"2\","
            + "\"encryptionType\":\"Partner Based\",\"shareDomain\":\"datashare.datashare\",\"source\":\"ID Repository\"},\"shareableAttributes\":[";
    private static final String BIOMETRICS = "{\"attributeName\":\"biometrics\",\"group\":\"CBEFF\",\"source\":[{\"attribute\":\"individualBiometrics\","
            + "\"filter\":[{\"type\":\"Face\"},{\"type\":\"Finger\",\"subType\":[\"Left Thumb\",\"Right Thumb\"]}]}],\"encrypted\":false,\"format\":\"extraction\"}";
    private static final String PDFCARD_POLICY = PDF_SHARE
            + attributes(false, "fullName") + ",{\"attributeName\":\"dateOfBirth\",\"source\":[{\"attribute\":\"dateOfBirth\"}],\"encrypted\":false,"
            + "\"format\":\"DD/MM/YYYY\"}," + attributes(false, "gender", "phone", "email", "addressLine1", "addressLine2", "addressLine3", "region",
            "province", "city", "UIN") + ",{\"attributeName\":\"PCN\",\"source\":[{\"attribute\":\"VID\",\"filter\":[{\"type\":\"PERPETUAL\"}]}],"
            + "\"encrypted\":false,\"format\":\"RETRIEVE\"}," + attributes(false, "postalCode") + ",{\"attributeName\":\"bestTwoFingers\",\"group\":\"CBEFF\","
            + "\"source\":[{\"attribute\":\"individualBiometrics\",\"filter\":[{\"type\":\"Finger\"}]}],\"encrypted\":false,\"format\":\"bestTwoFingers\"},"
            + BIOMETRICS + "]}";
    private static final String PDFCARD_POLICY_H = PDF_SHARE
            + "{\"attributeName\":\"fullName\",\"source\":[{\"attribute\":\"fullName\",\"filter\":[{\"language\":\"eng\"}]}],\"encrypted\":false},"
            + "{\"attributeName\":\"dateOfBirth\",\"source\":[{\"attribute\":\"dateOfBirth\"}],\"encrypted\":false,\"format\":\"YYYY\"},"
            + attributes(false, "gender", "phone", "email", "addressLine1", "addressLine2", "addressLine3", "region", "province", "city", "UIN")
            + ",{\"encrypted\":false,\"format\":\"RETRIEVE\",\"attributeName\":\"VID\",\"source\":[{\"filter\":[{\"type\":\"PERPETUAL\"}],\"attribute\":\"VID\"}]},"
            + attributes(false, "postalCode") + "," + BIOMETRICS + "]}";

    private static String attributes(boolean encrypted, String... names) {
        return java.util.Arrays.stream(names).map(n -> "{\"attributeName\":\"" + n + "\",\"source\":[{\"attribute\":\"" + n + "\"}],\"encrypted\":"
                + encrypted + "}").collect(Collectors.joining(","));
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, List<Map<String, String>>> copy(Map<String, List<Map<String, String>>> in) {
        Map<String, List<Map<String, String>>> out = new TreeMap<>();
        in.forEach((t, rows) -> out.put(t, rows(in, t)));
        return out;
    }

    private static List<Map<String, String>> rows(Map<String, List<Map<String, String>>> in, String table) {
        return in.get(table).stream().map(r -> (Map<String, String>) new LinkedHashMap<>(r)).collect(Collectors.toList());
    }

    private static void addColumn(List<Map<String, String>> rows, String column, String value) {
        rows.forEach(r -> r.put(column, value));
    }

    private static void dropColumns(List<Map<String, String>> rows, String... columns) {
        rows.forEach(r -> List.of(columns).forEach(r::remove));
    }

    private static void insertIfAbsent(Map<String, List<Map<String, String>>> out, String table, String key, Map<String, String> row) {
        if (out.get(table).stream().noneMatch(r -> r.get(key).equals(row.get(key)))) {
            out.get(table).add(row);
        }
    }

    private static Map<String, String> row(String... kv) {
        Map<String, String> r = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            r.put(kv[i], kv[i + 1]);
        }
        return r;
    }
}
