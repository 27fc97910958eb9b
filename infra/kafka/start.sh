#!/bin/sh
# Starts the local Kafka broker in the background (see README.md). Arguments go to kafka.mjs start.
exec node "$(dirname "$0")/kafka.mjs" start "$@"
