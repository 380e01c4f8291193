package org.mosipmigrate.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mosipmigrate.testkit.PgServer;
import org.mosipmigrate.testkit.PgServers;

/**
 * regprc B1 step 17: registration.last_success_stage_name from the 118 rules of regprc-last-success-stage-map.csv (file order,
 * the last matching rule wins). One V2 registration per rule (status/stage/transaction combinations as the rule reads them) plus
 * hand-checked cases and registrations no rule matches (they keep NULL: the column is new in B1), upgraded on PostgreSQL 16.
 */
class RegprcStageRulesTest {
    private final PgServer s = PgServers.production().target();

    private record Rule(String process, String trnType, String status, String stage, String result) {
        boolean matches(Reg r) {
            boolean ok = process.equals("(any)") || process.equals(r.process());
            ok &= trnType.equals(r.trnType());
            if (status.equals("SUCCESS/PROCESSED")) {
                ok &= r.status() != null && Set.of("SUCCESS", "PROCESSED").contains(r.status());
            } else if (status.equals("NOT SUCCESS/PROCESSED")) {
                ok &= r.status() == null || !Set.of("SUCCESS", "PROCESSED").contains(r.status());
            }
            return ok && (stage.isEmpty() || stage.equals(r.stage()));
        }
    }

    private record Reg(String id, String process, String trnType, String status, String stage) {
    }

    @Test
    void lastSuccessStageFollowsTheRuleTable() throws Exception {
        List<Rule> rules = new ArrayList<>();
        List<String> lines = SchemaUpgrader.resource("mosip-catalog/regprc-last-success-stage-map.csv").lines().toList();
        assertEquals("process,latest_trn_type_code,latest_trn_status_code,reg_stage_name,set_last_success_stage_name", lines.get(0));
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            rules.add(new Rule(f[0], f[1], f[2], f[3], f[4]));
        }
        assertEquals(118, rules.size());
        java.nio.file.Path facts = java.nio.file.Path.of("/work/shared/mosip/regprc-last-success-stage-map.csv");
        if (java.nio.file.Files.exists(facts)) {
            assertEquals(java.nio.file.Files.readAllLines(facts), lines, "packaged rule table equals the facts file");
        }

        // one registration per rule, in the way a V2 registration reaches that rule
        List<Reg> regs = new ArrayList<>();
        String[] notOk = {"FAILED", "ERROR", null, "REPROCESS", "IN_PROGRESS"};
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            String process = r.process().equals("(any)") ? List.of("NEW", "UPDATE", "LOST", "RES_UPDATE", "ACTIVATED").get(i % 5) : r.process();
            String status = switch (r.status()) {
                case "SUCCESS/PROCESSED" -> i % 2 == 0 ? "SUCCESS" : "PROCESSED";
                case "NOT SUCCESS/PROCESSED" -> notOk[i % notOk.length];
                default -> i % 2 == 0 ? "SUCCESS" : "FAILED";
            };
            regs.add(new Reg(String.format("1000110001%05d2021030410%04d", i, i).substring(0, 29), process, r.trnType(), status,
                    r.stage().isEmpty() ? "SomeStage" : r.stage()));
        }
        // hand-checked cases (expected values read from the CSV by hand), then cases no rule matches
        Map<String, String> byHand = new LinkedHashMap<>();
        byHand.put(add(regs, "90001", "NEW", "UIN_GENERATOR", "SUCCESS", "UinGeneratorStage"), "UinGeneratorStage");
        byHand.put(add(regs, "90002", "NEW", "UIN_GENERATOR", "FAILED", "UinGeneratorStage"), "BioDedupeStage");
        byHand.put(add(regs, "90003", "UPDATE", "BIOMETRIC_AUTHENTICATION", null, "BiometricAuthenticationStage"), "OSIValidatorStage");
        byHand.put(add(regs, "90004", "LOST", "PACKET_REPROCESS", "SUCCESS", "BioDedupeStage"), "OSIValidatorStage");
        byHand.put(add(regs, "90005", "RES_REPRINT", "PRINT_SERVICE", "ERROR", "PrintingStage"), "PacketUploaderStage");
        byHand.put(add(regs, "90006", "DEACTIVATED", "PRINT_SERVICE", "PROCESSED", "PrintingStage"), "PrintingStage");
        byHand.put(add(regs, "90007", "RES_UPDATE", "PACKET_REPROCESS", "FAILED", "ManualVerificationStage"), "DemoDedupeStage");
        byHand.put(add(regs, "90008", "NEW", "PACKET_RECEIVER", "FAILED", "PacketReceiverStage"), null);
        byHand.put(add(regs, "90009", "NEW", "PACKET_REPROCESS", "SUCCESS", "PacketReceiverStage"), null);
        byHand.put(add(regs, "90010", "RES_REPRINT", "VALIDATE_PACKET", "FAILED", "PacketValidatorStage"), null);
        byHand.put(add(regs, "90011", "NEW", null, null, null), null);
        byHand.put(add(regs, "90012", "ACTIVATED", "PACKET_REPROCESS", "SUCCESS", null), null);

        new SchemaInit(SchemaTestSupport.target(s), SchemaTestSupport.LOG).init(List.of(MosipDatabase.MOSIP_REGPRC), "1.1.5.5", true);
        try (Connection c = s.connect("mosip_regprc")) {
            c.setAutoCommit(false);
            try (PreparedStatement reg = c.prepareStatement("INSERT INTO regprc.registration (id, reg_type, status_code, lang_code, latest_trn_id, "
                    + "latest_trn_type_code, latest_trn_status_code, latest_trn_dtimes, reg_stage_name, is_active, cr_by, cr_dtimes) "
                    + "VALUES (?, ?, 'PROCESSING', 'eng', ?, ?, ?, timestamp '2021-03-04 10:00:00', ?, true, 'SYSTEM', timestamp '2021-03-04 09:00:00')");
                 PreparedStatement list = c.prepareStatement("INSERT INTO regprc.registration_list (id, reg_id, reg_type, status_code, lang_code, "
                         + "cr_by, cr_dtimes) VALUES (?, ?, ?, 'PROCESSED', 'eng', 'SYSTEM', timestamp '2021-03-04 08:00:00')")) {
                int n = 0;
                for (Reg r : regs) {
                    reg.setString(1, r.id());
                    reg.setString(2, r.process());
                    reg.setString(3, "trn-" + n);
                    reg.setString(4, r.trnType());
                    reg.setString(5, r.status());
                    reg.setString(6, r.stage());
                    reg.addBatch();
                    list.setString(1, String.format("00000000-0000-4000-8000-%012d", n++));
                    list.setString(2, r.id());
                    list.setString(3, r.process());
                    list.addBatch();
                }
                reg.executeBatch();
                list.executeBatch();
            }
            c.commit();
        }

        SchemaTestSupport.upgrader(s, "eng").upgrade(List.of(MosipDatabase.MOSIP_REGPRC), "1.2.0.1");

        Map<String, String> actual = new HashMap<>();
        try (Connection c = s.connect("mosip_regprc");
             ResultSet rs = c.createStatement().executeQuery("SELECT reg_id, last_success_stage_name FROM regprc.registration")) {
            while (rs.next()) {
                actual.put(rs.getString(1), rs.getString(2));
            }
        }
        assertEquals(regs.size(), actual.size(), "every registration kept");
        List<String> wrong = new ArrayList<>();
        int distinctRulesHit = 0;
        for (int i = 0; i < regs.size(); i++) {
            Reg r = regs.get(i);
            String expected = null;
            for (Rule rule : rules) {
                if (rule.matches(r)) {
                    expected = rule.result(); // file order: the last matching rule wins
                }
            }
            if (i < rules.size() && rules.get(i).matches(r)) {
                distinctRulesHit++;
            }
            if (!java.util.Objects.equals(expected, actual.get(r.id()))) {
                wrong.add(r + ": expected " + expected + " got " + actual.get(r.id()));
            }
        }
        assertEquals(118, distinctRulesHit, "each rule is exercised by its own registration");
        assertEquals(List.of(), wrong);
        for (Map.Entry<String, String> e : byHand.entrySet()) {
            assertEquals(e.getValue(), actual.get(e.getKey()), e.getKey());
        }
        assertTrue(actual.values().stream().filter(java.util.Objects::isNull).count() >= 5, "registrations no rule matches keep NULL");
    }

    private static String add(List<Reg> regs, String n, String process, String trnType, String status, String stage) {
        String id = "10001100" + n + "20210304" + "1000000".substring(0, 7);
        regs.add(new Reg(id, process, trnType, status, stage));
        return id;
    }
}
