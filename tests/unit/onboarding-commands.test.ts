import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SshOnboardRequestSchema } from "@/lib/protocol";
import { installsEnginePackages, parseHostFacts } from "@/lib/services/onboarding/remote-scripts";
import { remoteCommand, sshFingerprint } from "@/lib/services/onboarding/ssh-connection";

const dir = mkdtempSync(path.join(os.tmpdir(), "berth-onboarding-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const valid = {
  hostName: "web-01",
  address: "10.0.0.5",
  user: "root",
  credential: { method: "password", password: "secret" },
  fingerprint: `SHA256:${"A".repeat(43)}`,
};

describe("what reaches a shell over SSH", () => {
  it("passes hostile arguments to the script as data, never as shell code", () => {
    const marker = path.join(dir, "pwned");
    const hostile = [
      `'; touch ${marker}; '`,
      `$(touch ${marker})`,
      `\`touch ${marker}\``,
      `a\nb; touch ${marker}`,
      `"; touch ${marker}; "`,
    ];
    // the remote side runs the command line with sh -c, as sshd does with the login shell
    const line = remoteCommand('for a in "$@"; do printf "%s\\0" "$a"; done', hostile, false);
    const run = spawnSync("sh", ["-c", line], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout.split("\0").slice(0, -1)).toEqual(hostile);
    expect(existsSync(marker)).toBe(false);
  });

  it("runs the whole quoted command through sudo -n when the user is not root", () => {
    expect(remoteCommand("id -u", ["x"], true)).toBe("sudo -n 'sh' '-c' 'id -u' 'berth' 'x'");
  });

  it("refuses addresses and users that an SSH client or a shell could read as options or code", () => {
    for (const address of ["10.0.0.5; id", "-oProxyCommand=id", "host name", "$(id)", "a'b"]) {
      expect(SshOnboardRequestSchema.safeParse({ ...valid, address }).success, address).toBe(false);
    }
    for (const user of ["root; id", "-l", "Root", "a b", "$(id)"]) {
      expect(SshOnboardRequestSchema.safeParse({ ...valid, user }).success, user).toBe(false);
    }
    expect(SshOnboardRequestSchema.safeParse({ ...valid, fingerprint: "MD5:aa" }).success).toBe(
      false,
    );
    expect(SshOnboardRequestSchema.safeParse(valid).success).toBe(true);
    expect(
      SshOnboardRequestSchema.safeParse({ ...valid, address: "fe80::1" }).success &&
        SshOnboardRequestSchema.safeParse({ ...valid, address: "web-01.example.com" }).success,
    ).toBe(true);
  });
});

describe("host facts", () => {
  it("prints a host key's fingerprint as OpenSSH does", () => {
    const key = path.join(dir, "key");
    spawnSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", key]);
    const openssh = spawnSync("ssh-keygen", ["-l", "-E", "sha256", "-f", `${key}.pub`], {
      encoding: "utf8",
    }).stdout.split(" ")[1];
    const blob = Buffer.from(readFileSync(`${key}.pub`, "utf8").split(" ")[1]!, "base64");
    expect(sshFingerprint(blob)).toBe(openssh);
  });

  it("reads the inspection's lines and installs engines only where Debian's packages apply", () => {
    const facts = parseHostFacts(
      "uid=0\nmachine=aarch64\nos_id=ubuntu\nos_like=debian\nos_name=Ubuntu 24.04 LTS\nsudo=no\nsystemd=yes\n",
    );
    expect(facts).toMatchObject({ uid: "0", machine: "aarch64", osName: "Ubuntu 24.04 LTS" });
    expect(installsEnginePackages(facts)).toBe(true);
    expect(installsEnginePackages(parseHostFacts("os_id=linuxmint\nos_like=ubuntu debian\n"))).toBe(
      true,
    );
    expect(installsEnginePackages(parseHostFacts("os_id=alpine\n"))).toBe(false);
    expect(installsEnginePackages(parseHostFacts("os_id=fedora\nos_like=rhel\n"))).toBe(false);
  });
});
