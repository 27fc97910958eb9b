#!/bin/sh
# Stops the local Kafka broker started by start.sh.
exec node "$(dirname "$0")/kafka.mjs" stop
