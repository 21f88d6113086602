import { afterEach, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, handshakeClientAddress } from "@/lib/http/client-address";

const handshake = (headers: Record<string, string>) => ({ address: "::ffff:10.0.0.5", headers });

describe("socket handshake client address", () => {
  afterEach(() => {
    delete process.env.BERTH_TRUST_PROXY;
  });

  it("is the connection's address, never a header the client sent under the internal name", () => {
    expect(handshakeClientAddress(handshake({}))).toBe("10.0.0.5");
    expect(
      handshakeClientAddress(
        handshake({ [CLIENT_ADDRESS_HEADER]: "192.0.2.66", "x-forwarded-for": "192.0.2.7" }),
      ),
    ).toBe("10.0.0.5");
  });

  it("is the first X-Forwarded-For entry behind a trusted proxy, as over HTTP", () => {
    process.env.BERTH_TRUST_PROXY = "1";
    expect(handshakeClientAddress(handshake({ "x-forwarded-for": "192.0.2.7, 10.0.0.1" }))).toBe(
      "192.0.2.7",
    );
    expect(handshakeClientAddress(handshake({}))).toBe("10.0.0.5");
  });
});
