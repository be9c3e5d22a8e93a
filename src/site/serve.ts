/**
 * `cadreboard serve`: a built site on 127.0.0.1, the way a county intranet's web server shows it.
 * A browser will not run the pages' module scripts from file://, so a clerk who double-clicks
 * dist/index.html needs this (or a real web server). Only this machine can reach it.
 */
import { createServer, type Server } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { SetupError } from "../errors.ts";

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".csv": "text/csv; charset=utf-8",
  ".woff2": "font/woff2",
};

/** The port `cadreboard serve` tries first (Framework's own preview uses it too). */
export const DEFAULT_PORT = 3000;
/** When the default port is taken, the next few are tried; a port asked for with --port is not replaced. */
const PORTS_TRIED = 10;

export interface StaticServer {
  /** http://127.0.0.1:<port> (no trailing slash). */
  url: string;
  close(): Promise<void>;
}

export async function serveDirectory(dir: string, options: { port?: number } = {}): Promise<StaticServer> {
  const root = resolve(dir);
  const exists = await stat(join(root, "index.html")).catch(() => null);
  if (!exists) throw new SetupError(`serve: ${root} holds no built site (no index.html). Build one first with "npx cadreboard build --out ${dir}".`);
  const server: Server = createServer(async (request, response) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    } catch {
      return void response.writeHead(400).end();
    }
    let path = normalize(join(root, pathname));
    if (path !== root && !path.startsWith(root + sep)) return void response.writeHead(403).end();
    try {
      if ((await stat(path)).isDirectory()) path = join(path, "index.html");
    } catch {
      // Framework's clean URLs: /rotation → rotation.html
      path = `${path}.html`;
    }
    try {
      const body = await readFile(path);
      response.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream", "cache-control": "no-cache" }).end(body);
    } catch {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("没有这个页面 (not found)");
    }
  });
  const port = await listen(server, options.port);
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** Listens on the port asked for (0 = any free one), or on the first free one from DEFAULT_PORT. */
async function listen(server: Server, port: number | undefined): Promise<number> {
  const candidates = port === undefined ? Array.from({ length: PORTS_TRIED }, (_, i) => DEFAULT_PORT + i) : [port];
  for (const candidate of candidates) {
    const error = await new Promise<NodeJS.ErrnoException | null>((done) => {
      server.once("error", done);
      server.listen(candidate, "127.0.0.1", () => {
        server.off("error", done);
        done(null);
      });
    });
    if (!error) {
      const address = server.address();
      if (!address || typeof address === "string") throw new Error("serve: the server has no port");
      return address.port;
    }
    if (error.code !== "EADDRINUSE") throw error;
  }
  throw new SetupError(
    port === undefined
      ? `serve: ports ${DEFAULT_PORT}–${DEFAULT_PORT + PORTS_TRIED - 1} are all in use. Choose a free one with --port N.`
      : `serve: port ${port} is in use. Choose another with --port N.`,
  );
}
