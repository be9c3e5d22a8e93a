/** A local HTTP listener that counts what reaches it: where a test points a program's "phone home" address. */
import { createServer } from "node:http";

export interface Listener {
  url: string;
  /** "METHOD path" of every request received so far. */
  requests: string[];
  close(): Promise<void>;
}

export async function listen(): Promise<Listener> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    request.resume();
    request.on("end", () => response.end("{}"));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("listener has no port");
  return { url: `http://127.0.0.1:${address.port}`, requests, close: () => new Promise((done) => server.close(() => done())) };
}
