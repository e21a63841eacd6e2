import assert from "node:assert/strict";
import { test } from "node:test";
import { parseWrkOutput } from "@/scripts/bench/wrk";

const REPORT = `Running 1s test @ http://127.0.0.1:3000/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.23ms  456.00us  10.00ms   80.00%
    Req/Sec    12.34k     1.23k   14.00k    70.00%
  Latency Distribution
     50%  850.00us
     75%    1.40ms
     90%    1.80ms
     99%    1.20s
  24680 requests in 1.00s, 12.34MB read
  Socket errors: connect 0, read 2, write 0, timeout 5
  Non-2xx or 3xx responses: 12
Requests/sec:  24680.00
Transfer/sec:     12.34MB
`;

test("reads requests per second, percentiles in ms and every kind of error", () => {
  const result = parseWrkOutput(REPORT);
  assert.equal(result.rps, 24680);
  assert.equal(result.requests, 24680);
  assert.equal(result.seconds, 1);
  assert.equal(result.p50, 0.85);
  assert.equal(result.p99, 1200);
  assert.equal(result.errors, 19);
  assert.equal(Math.round(result.bytesPerSecond), Math.round(12.34 * 1024 * 1024));
});

test("a report with no errors has none; one that is not a report is an error quoting it", () => {
  const clean = REPORT.replace(/\s+Socket errors.*\n/, "\n").replace(/\s+Non-2xx.*\n/, "\n");
  assert.equal(parseWrkOutput(clean).errors, 0);
  assert.throws(() => parseWrkOutput("unable to connect to 127.0.0.1:9 Connection refused"), /not a wrk --latency report:\nunable to connect/);
});
