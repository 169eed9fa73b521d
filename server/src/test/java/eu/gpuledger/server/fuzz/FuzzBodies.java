package eu.gpuledger.server.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded random requests for the write endpoints: each starts from a valid request of its endpoint (so that the
 * mutations reach the rules behind the parsing) and breaks one thing, or is plain garbage.
 */
final class FuzzBodies {

    static final String SACCT = """
            JobID|JobIDRaw|Account|User|Partition|AllocTRES|ElapsedRaw|Start|End|State
            9001|9001|fuz@a100|alice|gpu_p5|billing=8,cpu=8,gres/gpu=1,mem=10G,node=1|3600|2026-03-01T10:00:00|2026-03-01T11:00:00|COMPLETED
            9002|9002|fuz@v100|bob|gpu_p13|billing=4,cpu=10,gres/gpu=1,node=1|600|2026-03-02T10:00:00|2026-03-02T10:10:00|NODE_FAIL
            """;

    private static final String RECORDS = """
            [{"recordId": "fz-1", "providerId": "idris", "cluster": "jean-zay", "jobId": "77", "account": "fuz@a100",
              "partition": "gpu_p5", "user": "alice", "gpus": 2, "start": "2026-04-01T10:00:00Z",
              "end": "2026-04-01T11:00:00Z", "elapsedSeconds": 3600}]""";

    private static final String BILLED = """
            recordId,providerId,cluster,account,pool,user,jobId,gpus,start,end,billedMinutes
            bl-1,idris,jean-zay,fuz@a100,jz-a100,alice,88,1,2026-05-01T10:00:00Z,2026-05-01T11:00:00Z,60
            """;

    /** A valid body per endpoint pattern; endpoints without one get generic JSON. */
    private static final Map<String, Template> TEMPLATES = new LinkedHashMap<>();

    static {
        json("/api/v1/providers/{providerId}", "idris", """
                {"name": "IDRIS", "kind": "PUBLIC", "euroHpcHosted": false}""");
        json("/api/v1/clusters/{cluster}", "jean-zay", """
                {"providerId": "idris", "timeZone": "Europe/Paris"}""");
        json("/api/v1/pools/{poolId}", "jz-a100", """
                {"providerId": "idris", "cluster": "jean-zay", "partition": "gpu_p5", "gpuModel": "A100",
                 "gpusPerNode": 8, "cpusPerNode": 64, "charged": true}""");
        json("/api/v1/pools/{poolId}/factors", "jz-a100", """
                {"effectiveFrom": "2020-01-01T00:00:00Z", "normalisedPerGpuHour": 2}""");
        json("/api/v1/pools/{poolId}/prices", "jz-a100", """
                {"effectiveFrom": "2026-02-01T00:00:00Z", "eurPerGpuHour": 1.50}""");
        json("/api/v1/projects/{projectId}", "2026-A0191012641", """
                {"title": "Climate downscaling", "principalInvestigator": "C. Durand", "organisation": "Météo-France",
                 "audience": "PUBLIC_SERVICE", "sector": "climate", "accessMode": "AR"}""");
        json("/api/v1/allocations", null, """
                {"allocationId": "fuzz-alloc", "projectId": "2026-A0191012641", "poolId": "jz-a100",
                 "fundingSource": "GENCI", "gpuHours": 1000, "periodStart": "2026-01-01T00:00:00Z",
                 "periodEnd": "2027-01-01T00:00:00Z", "overConsumptionPercent": 25, "schedulerAccount": "fuz@a100"}""");
        json("/api/v1/allocations/{allocationId}/supplements", "fuzz-alloc", """
                {"supplementId": "fz-s", "gpuHours": 5, "reason": "demande au fil de l'eau"}""");
        json("/api/v1/allocations/{allocationId}/warnings", "fuzz-alloc", """
                {"warningId": "fz-w", "reason": "far behind the expected pace"}""");
        json("/api/v1/allocations/{allocationId}/clawbacks", "fuzz-alloc", """
                {"clawbackId": "fz-c", "gpuHours": 1, "reason": "under-consumption"}""");
        json("/api/v1/allocations/{allocationId}/suspension", "fuzz-alloc", """
                {"reason": "security incident"}""");
        json("/api/v1/usage/{recordId}/refunds", "jean-zay:9001", """
                {"refundId": "fz-r", "gpuSeconds": 10, "reason": "node failure"}""");
        json("/api/v1/transfers", null, """
                {"transferId": "fz-t", "fromAllocationId": "fuzz-alloc", "toAllocationId": "fuzz-other",
                 "gpuHours": 1, "reason": "rebalancing"}""");
        // corrections aim at records this test does not register: a fuzzed value accepted there would rename (or
        // move the time zone of) what other tests of the same database read
        json("/api/v1/providers/{providerId}/corrections", "fuzz-provider", """
                {"correctionId": "fz-c", "name": "IDRIS", "reason": "typo"}""");
        json("/api/v1/clusters/{cluster}/corrections", "fuzz-cluster", """
                {"correctionId": "fz-c", "timeZone": "Europe/Paris", "reason": "typo"}""");
        json("/api/v1/projects/{projectId}/corrections", "fuzz-project", """
                {"correctionId": "fz-c", "title": "T", "principalInvestigator": "P", "organisation": "O",
                 "reason": "typo"}""");
        json("/api/v1/usage/records", null, RECORDS);
        TEMPLATES.put("/api/v1/usage/sacct", new Template(null, SACCT, "text/plain", "?cluster=jean-zay"));
        TEMPLATES.put("/api/v1/usage/billed", new Template(null, BILLED, "text/csv", ""));
    }

    private static void json(String pattern, String pathId, String body) {
        TEMPLATES.put(pattern, new Template(pathId, body, "application/json", ""));
    }

    private record Template(String pathId, String body, String contentType, String query) {
    }

    /** One request to send, and how it was made (for the failure message). */
    record Request(String method, String path, byte[] body, String contentType, String mutation) {
        String describe() {
            String text = new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8);
            return method + " " + path + " [" + mutation + "] " + (contentType == null ? "(no content type)" : contentType)
                    + " " + body.length + " bytes: " + text.replace('\n', ' ');
        }
    }

    private FuzzBodies() {
    }

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^}]+}");
    private static final Pattern JSON_VALUE = Pattern.compile(
            "(\"[A-Za-z]+\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|-?[0-9][0-9.]*|true|false|null)");

    private static final String[] ODD_VALUES = {
            "\"\"", "\" \"", "null", "true", "0", "-1", "1.5", "-0.0001", "1e308", "-1e308", "NaN",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "2562047788015215",
            "1000000000000", "999999999999999999999999999999", "0.00000000001", "[]", "{}", "[1,2]",
            "{\"nested\": {\"deep\": [1, {\"x\": null}]}}", "\"2026-13-45T99:99:99Z\"", "\"0000-01-01T00:00:00Z\"",
            "\"+999999999-12-31T23:59:59Z\"", "\"Europe/Atlantis\"", "\"../../etc/passwd\"", "\"a b c\"",
            "\"\\u0000\"", "\"é漢字🚀\"", "\"' OR 1=1 --\"", "\"<script>alert(1)</script>\"", "\"GENCI\"", "\"PUBLIC\""};

    private static final String[] ODD_IDS = {
            "x", "a%20b", "%00", "..", "%2e%2e", "%ff%fe", "%F0%9F%9A%80", "a".repeat(201), "a".repeat(5000), "-leading",
            "semi;colon", "question%3Fmark", "fuzz-alloc", "nobody-knows", "jean-zay:9001", "jean-zay:nope", "%E2%82"};

    private static final String[] CONTENT_TYPES = {
            null, "text/plain", "application/xml", "application/octet-stream", "multipart/form-data; boundary=x",
            "application/json; charset=ISO-8859-1", "text/csv", "application/x-www-form-urlencoded", "*/*"};

    static Request request(String method, String pattern, Random random) {
        Template template = TEMPLATES.getOrDefault(pattern, new Template("fuzz-alloc", "{\"reason\": \"r\"}",
                "application/json", ""));
        String pathId = template.pathId() == null ? "x" : template.pathId();
        String contentType = template.contentType();
        String body = template.body();
        String mutation;
        byte[] bytes;
        switch (random.nextInt(11)) {
            case 0 -> {
                mutation = "random bytes";
                bytes = new byte[random.nextInt(2048)];
                random.nextBytes(bytes);
            }
            case 1 -> {
                mutation = "invalid UTF-8";
                bytes = withInvalidUtf8(body, random);
            }
            case 2 -> {
                mutation = "truncated";
                bytes = body.substring(0, random.nextInt(Math.max(1, body.length()))).getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> {
                mutation = "empty body";
                bytes = new byte[0];
            }
            case 4 -> {
                mutation = "wrong content type";
                contentType = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
                bytes = body.getBytes(StandardCharsets.UTF_8);
            }
            case 5 -> {
                mutation = "huge field";
                bytes = replaceValue(body, random, "\"" + "x".repeat(1 + random.nextInt(300_000)) + "\"")
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 6 -> {
                mutation = "unknown field";
                bytes = body.startsWith("{")
                        ? ("{\"unexpected" + random.nextInt(100) + "\": 1, " + body.substring(1)).getBytes(StandardCharsets.UTF_8)
                        : (body + "extra|columns|" + random.nextInt() + "\n").getBytes(StandardCharsets.UTF_8);
            }
            case 7 -> {
                mutation = "odd path id";
                pathId = ODD_IDS[random.nextInt(ODD_IDS.length)];
                bytes = body.getBytes(StandardCharsets.UTF_8);
            }
            case 8 -> {
                mutation = "garbled lines";
                bytes = garbledLines(body, random).getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                mutation = "odd value";
                bytes = replaceValue(body, random, ODD_VALUES[random.nextInt(ODD_VALUES.length)])
                        .getBytes(StandardCharsets.UTF_8);
            }
        }
        String path = PATH_VARIABLE.matcher(pattern).replaceAll(Matcher.quoteReplacement(pathId)) + template.query();
        return new Request(method, path, bytes, contentType, mutation);
    }

    /** One JSON value (or, in a delimited body, one field of one line) replaced. */
    private static String replaceValue(String body, Random random, String replacement) {
        List<int[]> values = new ArrayList<>();
        Matcher value = JSON_VALUE.matcher(body);
        while (value.find()) {
            values.add(new int[]{value.start(2), value.end(2)});
        }
        if (values.isEmpty()) {
            String[] lines = body.split("\n", -1);
            int line = 1 + random.nextInt(Math.max(1, lines.length - 2));
            String[] fields = lines[Math.min(line, lines.length - 1)].split("[|,]", -1);
            fields[random.nextInt(fields.length)] = replacement.replace("\"", "");
            lines[Math.min(line, lines.length - 1)] = String.join(body.contains("|") ? "|" : ",", fields);
            return String.join("\n", lines);
        }
        int[] chosen = values.get(random.nextInt(values.size()));
        return body.substring(0, chosen[0]) + replacement + body.substring(chosen[1]);
    }

    private static String garbledLines(String body, Random random) {
        StringBuilder garbled = new StringBuilder();
        for (String line : body.split("\n")) {
            int roll = random.nextInt(4);
            if (roll == 0) {
                garbled.append(line, 0, random.nextInt(Math.max(1, line.length()))).append('\n');
            } else if (roll == 1) {
                garbled.append(line).append('\n').append(line).append('\n');
            } else {
                garbled.append(line).append('\n');
            }
        }
        return garbled.toString();
    }

    private static byte[] withInvalidUtf8(String body, Random random) {
        byte[] text = body.getBytes(StandardCharsets.UTF_8);
        int at = random.nextInt(text.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(text, 0, at);
        byte[][] invalid = {{(byte) 0xC3}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}};
        byte[] chosen = invalid[random.nextInt(invalid.length)];
        out.write(chosen, 0, chosen.length);
        out.write(text, at, text.length - at);
        return out.toByteArray();
    }
}
