#!/bin/bash
# Entry point of the compose broker (apache/kafka image): formats the storage once with the SCRAM users (admin and
# one per service, passwords from kafka.env), starts Kafka, then adds the service ACLs (acls.txt) as admin.
# Users exist from the first start; rotating a password afterwards: README "Deployment".
set -euo pipefail
KAFKA=/opt/kafka
CONFIG=/tmp/server.properties
cp /etc/stepwell/kafka/server.properties "$CONFIG"
echo "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"${KAFKA_ADMIN_PASSWORD:?KAFKA_ADMIN_PASSWORD is not set (infra/compose/kafka.env)}\";" >> "$CONFIG"

if [ ! -f /var/lib/kafka/data/meta.properties ]; then
  scram=(--add-scram "SCRAM-SHA-512=[name=admin,password=${KAFKA_ADMIN_PASSWORD}]")
  for service in referrals scheduling consultations outcomes directory; do
    variable="${service^^}_KAFKA_PASSWORD"
    password="${!variable:?$variable is not set (infra/compose/kafka.env)}"
    scram+=(--add-scram "SCRAM-SHA-512=[name=${service},password=${password}]")
  done
  "$KAFKA/bin/kafka-storage.sh" format -t "$("$KAFKA/bin/kafka-storage.sh" random-uuid)" -c "$CONFIG" "${scram[@]}"
fi

"$KAFKA/bin/kafka-server-start.sh" "$CONFIG" &
broker=$!
trap 'kill -TERM "$broker"; wait "$broker"' TERM INT

admin=/tmp/admin.properties
cat > "$admin" <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}";
PROPS
until "$KAFKA/bin/kafka-acls.sh" --bootstrap-server localhost:9092 --command-config "$admin" --list >/dev/null 2>&1; do sleep 2; done
grep -v '^#' /etc/stepwell/kafka/acls.txt | while read -r binding; do
  # shellcheck disable=SC2086 # one binding's arguments, split on purpose
  "$KAFKA/bin/kafka-acls.sh" --bootstrap-server localhost:9092 --command-config "$admin" --add $binding >/dev/null
done
rm -f "$admin"
echo "stepwell: SCRAM users and service ACLs in place"
wait "$broker"
