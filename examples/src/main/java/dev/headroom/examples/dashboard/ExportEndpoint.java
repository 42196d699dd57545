package dev.headroom.examples.dashboard;

import com.sun.net.httpserver.HttpExchange;
import dev.headroom.examples.dashboard.DashboardQueries.OrderRow;
import dev.headroom.jobs.Job;
import dev.headroom.jobs.JobOptions;
import dev.headroom.jobs.JobQueue;
import dev.headroom.jobs.JobStatus;
import dev.headroom.jobs.JobWorker;
import dev.headroom.jobs.WorkerOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Exports leave the request path: {@code POST /api/dashboard/export} queues a job on the durable
 * queue and answers 202 with its id; {@code GET /api/dashboard/export/{id}} answers its state,
 * progress, attempts and result. Workers write the CSV files to a directory and report progress.
 */
final class ExportEndpoint implements AutoCloseable {

    static final String QUEUE = "exports";
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final JobQueue<ExportRequest, String> jobs;
    private final Database database;
    private final Path directory;
    private final Clock clock;
    private final JobWorker worker;

    ExportEndpoint(JobQueue<ExportRequest, String> jobs, Database database, Path directory, Clock clock) {
        this.jobs = jobs;
        this.database = database;
        this.directory = directory;
        this.clock = clock;
        this.worker = jobs.worker(WorkerOptions.ofConcurrency(2), this::export);
    }

    void start(HttpExchange exchange, RequestContext context) throws IOException {
        ExportRequest request =
                ExportRequest.parse(HttpExchanges.readJsonObject(exchange), context.requireOrganization());
        String id = UUID.randomUUID().toString();
        jobs.add(request, JobOptions.builder().jobId(id).maxAttempts(3).build());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("state", "WAITING");
        body.put("statusUrl", "/api/dashboard/export/" + id);
        HttpExchanges.send(exchange, 202, HttpExchanges.json(body));
    }

    void status(HttpExchange exchange, String id) throws IOException {
        if (!JOB_ID.matcher(id).matches()) {
            throw ApiException.badRequest("export id must be 1 to 64 letters, digits or dashes");
        }
        JobStatus<String> status = jobs.status(id).orElseThrow(() -> ApiException.notFound("no export " + id));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", status.id());
        body.put("state", status.state().name());
        body.put("progress", status.progress());
        body.put("failedAttempts", status.failedAttempts());
        body.put("result", status.result().orElse(null));
        body.put("error", status.error().orElse(null));
        HttpExchanges.send(exchange, 200, HttpExchanges.json(body));
    }

    JobQueue<ExportRequest, String> jobs() {
        return jobs;
    }

    private String export(Job<ExportRequest> job) throws IOException {
        ExportRequest request = job.payload();
        job.progress(10);
        List<OrderRow> rows = database.read(sql ->
                DashboardQueries.exportRows(sql, request.organizationId(), request.days(), LocalDate.now(clock)));
        job.progress(50);
        Files.createDirectories(directory);
        Path file = directory.resolve("orders-" + request.organizationId() + '-' + job.id() + ".csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("id,project_id,supplier_id,status,amount_cents,ordered_on\n");
            for (int i = 0; i < rows.size(); i++) {
                OrderRow row = rows.get(i);
                out.write(row.id() + "," + row.projectId() + ',' + row.supplierId() + ',' + row.status() + ','
                        + row.amountCents() + ',' + row.orderedOn() + '\n');
                if (i % 1000 == 999) {
                    job.progress(50 + (int) (49L * i / rows.size()));
                }
            }
        }
        job.progress(100);
        return file + " (" + rows.size() + " orders)";
    }

    @Override
    public void close() {
        worker.close();
    }
}
