#!/usr/bin/env bash
# End-to-end node benchmark: nginx serves Debian's openjdk-17-doc API pages on several 127.0.0.x addresses,
# node processes crawl them through the real coordinator and Kafka. Counts pages from nginx's access log.
# Usage: bench/node/run-node-bench.sh [HOSTS=2] [DELAY_MS=0] [RUNS=3] [MAX_PAGES=100000] [SECONDS=unlimited]
# (needs nginx and openjdk-17-doc). One node process per host.
# SINK=discard runs the no-op sink (pages built and signed, not sent to Kafka; outlinks still are).
# NODE_JVM overrides the node's JVM flags (default: the same as ./gleaner node run, bench/node/node-jvm-flags).
set -euo pipefail
HOSTS="${1:-2}"; DELAY_MS="${2:-0}"; RUNS="${3:-3}"; MAX_PAGES="${4:-100000}"; SECONDS_LIMIT="${5:-0}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DOCS=/usr/share/doc/openjdk-17-doc/api
[ -d "$DOCS" ] || { echo "install openjdk-17-doc first (apt-get install openjdk-17-doc)" >&2; exit 2; }
command -v nginx >/dev/null || { echo "install nginx first" >&2; exit 2; }
WORK="$(mktemp -d /tmp/gleaner-node-bench.XXXXXX)"
# -am so that Gleaner's own modules resolve from this checkout, never from a stale copy in ~/.m2; one session, so that
# reactor modules never installed (such as browser-testing, a test dependency) resolve too.
(cd "$ROOT" && mvn -o -B -q -pl bench -am package -DskipTests -Dmaven.test.skip=true dependency:build-classpath \
  -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=runtime)
CP="$ROOT/bench/target/classes:$ROOT/crawler-node/target/classes:$ROOT/coordinator/target/classes:$ROOT/protocol/target/classes:$ROOT/embedded-kafka/target/classes:$(tr ':' '\n' < "$WORK/cp.txt" | grep -v '/org/gleaner/' | paste -sd:)"

for run in $(seq 1 "$RUNS"); do
  RUN="$WORK/run-$run"; mkdir -p "$RUN/nginx/logs"
  {
    echo "daemon off; master_process off; worker_processes 1; user root; pid $RUN/nginx/nginx.pid; error_log $RUN/nginx/error.log;"
    echo "events { worker_connections 1024; }"
    echo "http { include /etc/nginx/mime.types; access_log off;"
    echo "  log_format bench '\$msec \$host \$server_addr \$status \$body_bytes_sent \"\$request\"';"
    for i in $(seq 1 "$HOSTS"); do
      echo "  server { listen 127.0.0.$((i + 1)):8080; root $DOCS; access_log $RUN/nginx/access.log bench; }"
    done
    echo "}"
  } > "$RUN/nginx/nginx.conf"
  nginx -p "$RUN/nginx" -c "$RUN/nginx/nginx.conf" & NGINX=$!
  sleep 1
  SEEDS=(); for i in $(seq 1 "$HOSTS"); do SEEDS+=("http://127.0.0.$((i + 1)):8080/index.html"); done
  LIMIT=(); [ "$SECONDS_LIMIT" -gt 0 ] && LIMIT=(-Dbench.seconds="$SECONDS_LIMIT")
  java -Xmx1g -Dbench.discardPages="$([ "${SINK:-kafka}" = discard ] && echo true || echo false)" -Dbench.nodeJvm="${NODE_JVM:-$(cat "$ROOT/crawler-node/node-jvm-flags")}" -Dbench.leaseUrls="${LEASE_URLS:-8}" -Dbench.maxPages="$MAX_PAGES" "${LIMIT[@]}" -cp "$CP" org.gleaner.bench.node.NodeCrawlBenchmark "$RUN/state" "$DELAY_MS" "$HOSTS" "${SEEDS[@]}" \
    2> "$RUN/harness.log" | tee "$RUN/result.txt" || echo "harness exited non-zero (see $RUN/harness.log)"
  kill "$NGINX"; wait "$NGINX" 2>/dev/null || true
  LOG="$RUN/nginx/access.log"
  DISTINCT=$(awk '$4 == 200 {print $3, $7}' "$LOG" | sort -u | wc -l)
  HTML=$(awk '$4 == 200 && ($7 ~ /\.html$/ || $7 ~ /\/$/) {print $3, $7}' "$LOG" | sort -u | wc -l)
  HTML_SPAN=$(awk '$4 == 200 && ($7 ~ /\.html$/ || $7 ~ /\/$/)' "$LOG" | awk 'NR == 1 || $1 < a { a = $1 } NR == 1 || $1 > b { b = $1 } END { printf "%.1f", b - a }')
  # Politeness: gaps between consecutive requests to one address shorter than the delay (1 ms clock slack).
  VIOLATIONS=$(sort -k3,3 -k1,1n "$LOG" | awk -v d="$DELAY_MS" '{ if ($3 == h && ($1 - t) * 1000 < d - 1) v++; h = $3; t = $1 } END { print v + 0 }')
  SPAN=$(awk 'NR == 1 || $1 < a { a = $1 } NR == 1 || $1 > b { b = $1 } END { printf "%.1f", b - a }' "$LOG")
  RATE=$(awk '{ n[$3]++; if (!($3 in f)) f[$3] = $1; l[$3] = $1 } END { for (h in n) if (l[h] > f[h]) { s += (n[h] - 1) / (l[h] - f[h]); k++ } printf "%.3f", s / k }' "$LOG")
  HTML_REQUESTS=$(awk '$4 == 200 && ($7 ~ /\.html$/ || $7 ~ /\/$/)' "$LOG" | wc -l)
  CPU=$(sed -n 's/.*node_cpu_s=\([0-9.]*\).*/\1/p' "$RUN/result.txt")
  echo "FETCH sink=${SINK:-kafka} html_200_requests=$HTML_REQUESTS html_requests_per_s=$(echo "scale=1; $HTML_REQUESTS / $HTML_SPAN" | bc) node_cpu_s_per_1000_html_requests=$(echo "scale=2; ${CPU:-0} * 1000 / $HTML_REQUESTS" | bc)"
  echo "NGINX distinct_200_html_pages=$HTML html_pages_per_s=$(echo "scale=1; $HTML / $HTML_SPAN" | bc) distinct_200_pages=$DISTINCT requests=$(wc -l < "$LOG") politeness_violations=$VIOLATIONS span_s=$SPAN mean_per_host_rate=$RATE/s"
done
echo "state and logs in $WORK"
