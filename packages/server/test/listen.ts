import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll } from 'vitest';
import type { App } from '../src/app.js';

export interface Listening {
  baseUrl: string;
  close(): Promise<void>;
}

/** Serves an app on a real socket (port 0) until `close()`. */
export function listen(app: App): Promise<Listening> {
  return new Promise((resolve) => {
    const server: ServerType = serve(
      { fetch: app.fetch, port: 0, hostname: '127.0.0.1' },
      (info: AddressInfo) => {
        resolve({
          baseUrl: `http://127.0.0.1:${info.port}`,
          close: () =>
            new Promise<void>((done) => {
              (server as { closeAllConnections?: () => void }).closeAllConnections?.();
              server.close(() => done());
            }),
        });
      },
    );
  });
}

/** Serves the app for the rest of the test file. */
export function listenForFile(getApp: () => App) {
  let listening: Listening | undefined;
  afterAll(async () => {
    await listening?.close();
  });
  return async () => {
    listening ??= await listen(getApp());
    return listening.baseUrl;
  };
}
