#!/usr/bin/env bash
# Run once while the gleaner/kafka image is built: formats a throw-away single-node KRaft log and runs
# the broker through start-up, a topic creation, a produce and a fetch, recording the loaded classes in
# two AppCDS archives (/opt/kafka/storage.jsa, /opt/kafka/kafka.jsa), as apache/kafka's image does.
# The entry point uses them when present: broker start-up takes about half the CPU time.
set -euo pipefail
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cp=/opt/kafka/libs/*
log4j=-Dlog4j2.configurationFile=/etc/kafka/docker/tools-log4j2.properties
cat > "$d/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:19093
listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093
advertised.listeners=PLAINTEXT://127.0.0.1:19092
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$d/logs
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
java -Xmx256m -XX:ArchiveClassesAtExit=/opt/kafka/storage.jsa "$log4j" -cp "$cp" \
  kafka.tools.StorageTool format --cluster-id=5L6g3nShT-eMCtK--X86sw -c "$d/server.properties" >/dev/null
touch "$d/broker.log"
java -Xmx512m -XX:ArchiveClassesAtExit=/opt/kafka/kafka.jsa -Dlog4j2.configurationFile=/etc/kafka/docker/log4j2.properties \
  -cp "$cp" kafka.Kafka "$d/server.properties" > "$d/broker.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  grep -q 'Kafka Server started' "$d/broker.log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$d/broker.log"; exit 1; }
  sleep 0.2
done
grep -q 'Kafka Server started' "$d/broker.log" || { cat "$d/broker.log"; exit 1; }
tools=(java -Xmx256m "$log4j" -cp "$cp")
"${tools[@]}" org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:19092 --create --topic cds \
  --partitions 2 --replication-factor 1 --config compression.type=producer >/dev/null
seq 1 1000 | "${tools[@]}" org.apache.kafka.tools.ConsoleProducer --bootstrap-server 127.0.0.1:19092 --topic cds \
  --producer-property compression.type=zstd --producer-property acks=all >/dev/null
"${tools[@]}" org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server 127.0.0.1:19092 --topic cds \
  --from-beginning --max-messages 1000 --group cds >/dev/null 2>&1
kill -TERM "$pid"
wait "$pid" || true
ls -l /opt/kafka/*.jsa
