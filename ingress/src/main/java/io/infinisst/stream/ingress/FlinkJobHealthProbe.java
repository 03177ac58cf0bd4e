package io.infinisst.stream.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import io.infinisst.stream.protocol.records.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job is up when Flink's REST API ({@code GET /jobs/overview}) lists a RUNNING job, optionally one with
 * a given name. Plain {@code java.net.http}: the ingress must not depend on Flink.
 */
public final class FlinkJobHealthProbe implements HealthProbe {
    private final String restAddress;
    private final String jobName;
    private final Duration timeout;
    private final HttpClient http;

    /** Up when any job is RUNNING. */
    public FlinkJobHealthProbe(String restAddress, Duration timeout) {
        this(restAddress, null, timeout);
    }

    /** @param jobName when non-null, only a RUNNING job of this name counts */
    public FlinkJobHealthProbe(String restAddress, String jobName, Duration timeout) {
        this.restAddress = restAddress.endsWith("/") ? restAddress.substring(0, restAddress.length() - 1)
                : restAddress;
        this.jobName = jobName;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return "job";
    }

    @Override
    public Result check() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rest_address", restAddress);
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(restAddress + "/jobs/overview")).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Result.down("GET /jobs/overview answered " + response.statusCode(), details);
            }
            JsonNode jobs = Json.MAPPER.readTree(response.body()).path("jobs");
            List<String> running = new ArrayList<>();
            List<Map<String, String>> listed = new ArrayList<>();
            for (JsonNode job : jobs) {
                String name = job.path("name").asText();
                String state = job.path("state").asText();
                listed.add(Map.of("name", name, "state", state));
                if (state.equals("RUNNING") && (jobName == null || jobName.equals(name))) {
                    running.add(name);
                }
            }
            details.put("jobs", listed);
            return running.isEmpty()
                    ? Result.down("no RUNNING job" + (jobName == null ? "" : " named '" + jobName + "'"), details)
                    : Result.up(details);
        } catch (IOException | IllegalArgumentException e) {
            return Result.down(e.toString(), details);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.down("interrupted", details);
        }
    }
}
