# syntax=docker/dockerfile:1
# One image recipe for every service; SERVICE names which. Builds only that service and the libraries it references
# (tsc -b follows its project references), then runs it as a non-root user with a health check. From the root:
#   docker build -f infra/docker/service.Dockerfile --build-arg SERVICE=referrals -t stepwell/referrals .
# docker-compose.yml passes SERVICE for each service. Services stay deployable one by one: each image holds one.

FROM node:20-bookworm-slim AS build
ARG SERVICE
RUN test -n "$SERVICE" || { echo "build with --build-arg SERVICE=<referrals|scheduling|consultations|outcomes|directory>" >&2; exit 1; }
WORKDIR /app
# Every workspace's package.json first, so that the dependency layer is cached until a manifest changes.
COPY package.json package-lock.json ./
COPY libs/contracts/package.json libs/contracts/
COPY libs/platform/access/package.json libs/platform/access/
COPY libs/platform/config/package.json libs/platform/config/
COPY libs/platform/decider/package.json libs/platform/decider/
COPY libs/platform/event-store/package.json libs/platform/event-store/
COPY libs/platform/http/package.json libs/platform/http/
COPY libs/platform/messaging/package.json libs/platform/messaging/
COPY libs/platform/personal-data/package.json libs/platform/personal-data/
COPY libs/platform/read-models/package.json libs/platform/read-models/
COPY libs/platform/service-host/package.json libs/platform/service-host/
COPY libs/platform/testing/package.json libs/platform/testing/
COPY libs/platform/transparency/package.json libs/platform/transparency/
COPY services/referrals/package.json services/referrals/
COPY services/scheduling/package.json services/scheduling/
COPY services/consultations/package.json services/consultations/
COPY services/outcomes/package.json services/outcomes/
COPY services/directory/package.json services/directory/
COPY apps/web/package.json apps/web/
COPY apps/web-bff/package.json apps/web-bff/
COPY infra/e2e/package.json infra/e2e/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY libs ./libs
COPY services/${SERVICE} ./services/${SERVICE}
RUN npx tsc -b services/${SERVICE}/tsconfig.build.json && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ARG SERVICE
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/libs ./libs
COPY --from=build --chown=node:node /app/services/${SERVICE} ./services/${SERVICE}
# The service's own folder: the exec-form CMD below cannot expand a variable, a WORKDIR can.
WORKDIR /app/services/${SERVICE}
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--enable-source-maps", "dist/main.js"]
