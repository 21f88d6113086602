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
