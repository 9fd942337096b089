#!/usr/bin/env bash
# kafka-server-start.sh server.properties: the broker in the foreground.
set -o nounset -o errexit
if [[ $# -lt 1 ]]; then
  echo "USAGE: $0 server.properties [--override property=value]*" >&2
  exit 1
fi
log4j="/opt/kafka/config/log4j2.properties"
[[ -f "${log4j}" ]] || log4j="/etc/kafka/docker/log4j2.properties"
# shellcheck disable=SC2086
exec java ${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G} \
  ${KAFKA_JVM_PERFORMANCE_OPTS:--server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true} \
  ${KAFKA_OPTS:-} -Dkafka.logs.dir=/opt/kafka/logs -Dlog4j2.configurationFile="${log4j}" \
  -cp "/opt/kafka/libs/*" kafka.Kafka "$@"
