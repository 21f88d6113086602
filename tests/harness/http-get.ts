import http from "node:http";

/** A plain GET whose body comes back as text (for services published by test containers). */
export function httpGet(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => resolve(body));
      })
      .on("error", reject);
  });
}

/**
 * GET once the service answers: a container that is running has not always bound its port yet,
 * so connection refusals are retried until `timeoutMs`.
 */
export async function httpGetWhenServed(url: string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await httpGet(url);
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
