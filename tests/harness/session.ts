import { io } from "socket.io-client";
import type { UiSocket } from "@/components/ui/use-ui-socket";
import { UI_NAMESPACE } from "@/lib/protocol";

/** Cookie jar for one signed-in user, talking to the server over plain HTTP like a browser. */
export class TestSession {
  private cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (!pair || eq < 0) continue;
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  async fetch(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", this.cookieHeader());
    const res = await fetch(new URL(pathname, this.baseUrl), {
      ...init,
      headers,
      redirect: "manual",
    });
    this.remember(res);
    return res;
  }

  /** Posts to next-auth's credentials callback as its client does; the raw answer. */
  async signIn(email: string, password: string, headers: Record<string, string> = {}) {
    const csrf = (await (await this.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    return this.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, email, password, json: "true" }),
    });
  }

  /** Signs in through next-auth's credentials callback; true when a session cookie was set. */
  async login(email: string, password: string): Promise<boolean> {
    await this.signIn(email, password);
    return [...this.cookies.keys()].some((k) => k.endsWith("next-auth.session-token"));
  }

  /** A /ui socket as the browser opens it: same Origin, session cookie. */
  uiSocket(origin = this.baseUrl): UiSocket {
    return io(`${this.baseUrl}${UI_NAMESPACE}`, {
      transports: ["websocket"],
      extraHeaders: { cookie: this.cookieHeader(), origin },
      reconnection: false,
      forceNew: true,
    });
  }
}
