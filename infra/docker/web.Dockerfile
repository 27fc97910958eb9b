# syntax=docker/dockerfile:1
# The web app's image: the backend for frontend (apps/web-bff) and the clinician web app it serves (apps/web, built
# by Vite into apps/web/dist, which the BFF serves from its default WEB_DIST). Built like the services' images
# (infra/docker/service.Dockerfile): the workspace's dependencies, only what this image runs, development
# dependencies pruned, the non-root `node` user, a health check on /health. From the repository root:
#   docker build -f infra/docker/web.Dockerfile -t stepwell/web .

FROM node:20-bookworm-slim AS build
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
COPY apps/web ./apps/web
COPY apps/web-bff ./apps/web-bff
# The BFF and the libraries it references (tsc -b), then the web app (its type check and the Vite build; it reads
# two import-free modules from libs/ by path, apps/web/vite.config.ts). The build fails unless index.html is there.
RUN npx tsc -b apps/web-bff/tsconfig.build.json \
  && npm run -s build -w @stepwell/web \
  && test -f apps/web/dist/index.html \
  && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/libs ./libs
COPY --from=build --chown=node:node /app/apps/web-bff ./apps/web-bff
# The built web app only (not its sources), where the BFF's default WEB_DIST points (apps/web-bff/src/config.ts).
COPY --from=build --chown=node:node /app/apps/web/package.json ./apps/web/
COPY --from=build --chown=node:node /app/apps/web/dist ./apps/web/dist
WORKDIR /app/apps/web-bff
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--enable-source-maps", "dist/main.js"]
