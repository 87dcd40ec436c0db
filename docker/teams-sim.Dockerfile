# syntax=docker/dockerfile:1
# tools/teams-sim, the local stand-in for Bot Framework, Bot Connector, Entra and Graph.
# Development and CI only: never deploy it next to a production Herald.
#   docker build -f docker/teams-sim.Dockerfile -t herald/teams-sim:dev .
# The build context is filtered by docker/teams-sim.Dockerfile.dockerignore.

ARG NODE_IMAGE=node:22-bookworm-slim

# ---- build ---------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY . .
# `npm ci` rejects this repository's lockfile; `npm install` still honours the versions it pins.
RUN --mount=type=cache,target=/root/.npm \
    npm install --no-audit --no-fund \
 && npm run build
# Manifests and dist/ of the simulator and of the runtime libs it imports, plus the chat page's
# static files (public/, served relative to dist/).
RUN mkdir -p /out/tools/teams-sim \
 && cp package.json package-lock.json /out/ \
 && cp -R tools/teams-sim/package.json tools/teams-sim/dist /out/tools/teams-sim/ \
 && if [ -d tools/teams-sim/public ]; then cp -R tools/teams-sim/public /out/tools/teams-sim/; fi \
 && for lib in libs/*; do \
      if [ "${lib}" = libs/testing ]; then continue; fi; \
      mkdir -p "/out/${lib}" && cp -R "${lib}/package.json" "${lib}/dist" "/out/${lib}/"; \
    done \
 && find /out -name '*.tsbuildinfo' -delete

# ---- prod-deps -----------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY --from=build /out/ ./
RUN --mount=type=cache,target=/root/.npm \
    npm install --omit=dev --no-audit --no-fund --workspace tools/teams-sim

# ---- runtime -------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="herald-teams-sim" \
      org.opencontainers.image.description="Herald's Teams simulator (development only)" \
      org.opencontainers.image.licenses="MIT"
# Listen on every interface inside the container (the simulator's own default is loopback).
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps \
    TEAMS_SIM_HOST=0.0.0.0 \
    TEAMS_SIM_PORT=3990
RUN groupadd --system --gid 10001 herald \
 && useradd --system --uid 10001 --gid herald --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin herald
COPY --from=prod-deps /app /app
WORKDIR /app/tools/teams-sim
USER 10001:10001
EXPOSE 3990
CMD ["node", "dist/main.js"]
