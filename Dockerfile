# The promise-cycle worker. Built and run by docker-compose.yml; configuration comes from the environment
# (see lib/config.ts and the README's Configuration table).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/ensure-deps.sh ./scripts/
# npm ci from the lock file.
RUN bash scripts/ensure-deps.sh --force
COPY . .
# Compile, prebuild the workflow bundle (no webpack at worker start), then drop dev dependencies.
RUN npm run build \
 && node dist/scripts/bundle-workflows.js dist/workflow-bundle.js \
 && npm prune --omit=dev

FROM node:20-bookworm-slim
# jemalloc instead of glibc's malloc: a worker holding every cycle of the country in its cache peaked
# at 747-780 MB instead of 903-918 MB, with the same CPU (bench runs 41-43 against 37 and 40).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libjemalloc2 \
 && rm -rf /var/lib/apt/lists/* \
 && ln -s "/usr/lib/$(uname -m)-linux-gnu/libjemalloc.so.2" /usr/local/lib/libjemalloc.so.2
ENV NODE_ENV=production \
    WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js \
    DATA_DIR=/data \
    LD_PRELOAD=/usr/local/lib/libjemalloc.so.2
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/templates ./templates
COPY --from=build /app/data ./data
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
CMD ["node", "dist/worker/main.js"]
