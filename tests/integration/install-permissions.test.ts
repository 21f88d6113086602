import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderInstallScript } from "@/lib/services/hosts/render-install-script";

/**
 * The install script run for real, as root, in a private mount namespace whose /opt, /var/lib,
 * /var/log and /etc are empty tmpfs mounts (so nothing of this machine is touched), with a `curl`
 * stub. What it leaves behind must be root's alone: containers that bind a host path
 * by mistake or design, and the host's other users, must not read the agent's key or code.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), "berth-install-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function stub(name: string, body: string): void {
  const file = path.join(dir, "bin", name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
}

describe("the install script", () => {
  it("makes the agent's directories and files root-only, also over an older install", () => {
    spawnSync("mkdir", ["-p", path.join(dir, "bin")]);
    // curl -sSL -o FILE -w '%{http_code}' URL: writes an executable and answers 200.
    stub(
      "curl",
      'while [ $# -gt 0 ]; do [ "$1" = -o ] && echo "executable" > "$2"; shift; done; echo 200',
    );
    writeFileSync(path.join(dir, "install.sh"), renderInstallScript("http://127.0.0.1:9"));
    const inside = `
      set -e
      cp /etc/ld.so.cache ${dir}/ld.so.cache
      for d in /opt /var/lib /var/log /etc; do mount -t tmpfs tmpfs "$d"; done
      cp ${dir}/ld.so.cache /etc/ld.so.cache
      install -d -m 0755 /opt/berth-agent
      echo 'BERTH_ENROLL_TOKEN=old' > /etc/berth-agent.env && chmod 0644 /etc/berth-agent.env
      PATH=${dir}/bin:$PATH sh ${dir}/install.sh a-one-time-token >/dev/null
      stat -c '%a %u %n' /opt/berth-agent /opt/berth-agent/berth-agent /var/lib/berth-agent /etc/berth-agent.env
    `;
    const run = spawnSync("unshare", ["--mount", "--propagation", "private", "sh", "-c", inside], {
      encoding: "utf8",
    });
    expect(run.stderr).not.toMatch(/error|denied|not found/i);
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split("\n")).toEqual([
      "700 0 /opt/berth-agent",
      "700 0 /opt/berth-agent/berth-agent",
      "700 0 /var/lib/berth-agent",
      "600 0 /etc/berth-agent.env",
    ]);
  });

  it("has systemd start the agent again when it dies, unless starting again cannot help", () => {
    const script = renderInstallScript("https://berth.example.test");
    const unit = script.slice(script.indexOf("[Service]"), script.indexOf("[Install]"));
    expect(unit).toMatch(/^Restart=always$/m);
    expect(unit).toMatch(/^RestartSec=5$/m);
    expect(unit).toMatch(/^RestartPreventExitStatus=2 3$/m);
  });
});
