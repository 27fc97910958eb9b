#!/bin/sh
# Runs once, when the PostgreSQL container initialises an empty data volume (/docker-entrypoint-initdb.d): one
# LOGIN role per service, named after it, with the password from postgres.env. A role may connect and create its
# own schemas (<service> for read models, <service>_events for the PostgreSQL event store); it is granted nothing
# in another service's schemas, so no service reads another's tables. The web app's backend for frontend has its
# own role the same way, web_bff (WEB_BFF_DB_PASSWORD), which creates and owns only schema web_bff (its sessions);
# it is granted nothing in any service's schema. Rotation: README "Deployment".
set -eu
for service in referrals scheduling consultations outcomes directory web_bff; do
  variable="$(echo "$service" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  password="$(printenv "$variable" || true)"
  if [ -z "$password" ]; then
    echo "10-service-roles.sh: $variable is not set (infra/compose/postgres.env)" >&2
    exit 1
  fi
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v role="$service" -v password="$password" -v db="$POSTGRES_DB" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
GRANT CONNECT, CREATE ON DATABASE :"db" TO :"role";
SQL
done
