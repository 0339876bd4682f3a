# The Hidden Key API server (`hk-server serve`) with the embeds it serves under /embed/.
#   docker build -t hidden-key .
#   docker run -p 8787:8787 -e DATABASE_URL=postgres://... -e REDIS_URL=redis://... hidden-key
# Migrations run at start (`hk-server migrate` is idempotent); see packages/server/DEPLOYMENT.md.
FROM node:20-bookworm-slim AS build
RUN npm install -g pnpm@12.4.2
WORKDIR /repo
COPY . .
RUN pnpm install --frozen-lockfile \
  && pnpm turbo run build --filter @hidden-key/server... --filter @hidden-key/elements \
  && pnpm --filter @hidden-key/server run pack:assets \
  && pnpm --filter @hidden-key/server deploy --prod --legacy /out

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=8787
WORKDIR /app
COPY --from=build /out /app
USER node
EXPOSE 8787
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM drains in-flight requests (HK_SHUTDOWN_TIMEOUT_MS) before exiting 0.
CMD ["sh", "-c", "node dist/cli.js migrate && exec node dist/cli.js serve"]
