#!/usr/bin/env bash
# Heritrix 3.13.0 on the same corpus and settings as run-node-bench.sh: nginx serving openjdk-17-doc on
# 127.0.0.2.. port 8080, robots obeyed, one connection per host (Heritrix's per-host queues), no politeness
# delay, 2 MiB size cap, outlink extraction on, scope = the seed hosts. Pages counted from nginx's log; CPU and
# peak RSS of the Heritrix process from GNU time.
# Usage: bench/node/run-heritrix-bench.sh [HOSTS=2] [RUNS=3]
set -euo pipefail
HOSTS="${1:-2}"; RUNS="${2:-3}"
DOCS=/usr/share/doc/openjdk-17-doc/api
[ -d "$DOCS" ] || { echo "install openjdk-17-doc first" >&2; exit 2; }
command -v nginx >/dev/null && [ -x /usr/bin/time ] || { echo "needs nginx and GNU time" >&2; exit 2; }
TARBALL="$HOME/.m2/repository/org/archive/heritrix/heritrix/3.13.0/heritrix-3.13.0-dist.tar.gz"
[ -f "$TARBALL" ] || mvn -B -q dependency:get -Dartifact=org.archive.heritrix:heritrix:3.13.0:tar.gz:dist -Dtransitive=false
WORK="$(mktemp -d /tmp/gleaner-heritrix-bench.XXXXXX)"
tar xzf "$TARBALL" -C "$WORK"
H="$WORK/heritrix-3.13.0"
unzip -p "$H/lib/heritrix-engine-3.13.0.jar" org/archive/crawler/restlet/profile-crawler-beans.cxml > "$WORK/profile.cxml"

for run in $(seq 1 "$RUNS"); do
  RUN="$WORK/run-$run"; mkdir -p "$RUN/nginx" "$RUN/jobs/bench"
  SEEDS=""; for i in $(seq 1 "$HOSTS"); do SEEDS="$SEEDS
http://127.0.0.$((i + 1)):8080/index.html"; done
  python3 - "$WORK/profile.cxml" "$RUN/jobs/bench/crawler-beans.cxml" "$SEEDS" <<'PY'
import sys
src, dst, seeds = sys.argv[1], sys.argv[2], sys.argv[3]
s = open(src).read()
s = s.replace("ENTER_AN_URL_WITH_YOUR_CONTACT_INFO_HERE_FOR_WEBMASTERS_AFFECTED_BY_YOUR_CRAWL", "https://gleaner.invalid/bench")
s = s.replace("##..more?..##", "disposition.delayFactor=0.0\ndisposition.minDelayMs=0\ndisposition.maxDelayMs=0\n"
              "disposition.respectCrawlDelayUpToSeconds=300\nfetchHttp.maxLengthBytes=2097152\n")
s = s.replace("http://example.example/example", seeds)
s = s.replace('<!-- <property name="maxHops" value="20" /> -->', '<property name="maxHops" value="100" />')
open(dst, "w").write(s)
PY
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
  (cd "$H" && FOREGROUND=true /usr/bin/time -v -o "$RUN/time.txt" bin/heritrix -a admin:bench-only -b 127.0.0.1 -p 18443 \
      -j "$RUN/jobs" -r bench > "$RUN/heritrix.out" 2>&1) || echo "heritrix exited non-zero (see $RUN/heritrix.out)"
  kill "$NGINX"; wait "$NGINX" 2>/dev/null || true
  LOG="$RUN/nginx/access.log"
  DISTINCT=$(awk '$4 == 200 {print $3, $7}' "$LOG" | sort -u | wc -l)
  HTML=$(awk '$4 == 200 && ($7 ~ /\.html$/ || $7 ~ /\/$/) {print $3, $7}' "$LOG" | sort -u | wc -l)
  HTML_SPAN=$(awk '$4 == 200 && ($7 ~ /\.html$/ || $7 ~ /\/$/)' "$LOG" | awk 'NR == 1 || $1 < a { a = $1 } NR == 1 || $1 > b { b = $1 } END { printf "%.1f", b - a }')
  SPAN=$(awk 'NR == 1 || $1 < a { a = $1 } NR == 1 || $1 > b { b = $1 } END { printf "%.1f", b - a }' "$LOG")
  CPU=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$RUN/time.txt")
  RSS=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$RUN/time.txt")
  WALL=$(awk -F': ' '/Elapsed/ { print $2 }' "$RUN/time.txt")
  echo "HERITRIX distinct_200_html_pages=$HTML html_pages_per_s=$(echo "scale=1; $HTML / $HTML_SPAN" | bc) cpu_s_per_1000_html=$(echo "scale=2; $CPU * 1000 / $HTML" | bc) distinct_200_pages=$DISTINCT requests=$(wc -l < "$LOG") span_s=$SPAN pages_per_s=$(echo "scale=1; $DISTINCT / $SPAN" | bc) cpu_s=$CPU cpu_s_per_1000=$(echo "scale=2; $CPU * 1000 / $DISTINCT" | bc) peak_rss_mb=$RSS wall=$WALL"
done
echo "state and logs in $WORK"
