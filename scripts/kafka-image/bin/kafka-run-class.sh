#!/usr/bin/env bash
# kafka-run-class.sh CLASS [ARGS...]: runs a Kafka class with the image's jars (a small stand-in for
# the script of Kafka's distribution; honours KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_OPTS).
set -o nounset -o errexit
if [[ $# -lt 1 ]]; then
  echo "USAGE: $0 [-daemon] [-name servicename] [-loggc] classname [opts]" >&2
  exit 1
fi
log4j="/opt/kafka/config/tools-log4j2.properties"
[[ -f "${log4j}" ]] || log4j="/etc/kafka/docker/tools-log4j2.properties"
# shellcheck disable=SC2086
exec java ${KAFKA_HEAP_OPTS:--Xmx256M} ${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC -Djava.awt.headless=true} ${KAFKA_OPTS:-} \
  -Dlog4j2.configurationFile="${KAFKA_LOG4J_CONFIG:-${log4j}}" -cp "/opt/kafka/libs/*" "$@"
