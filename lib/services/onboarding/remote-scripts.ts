/**
 * The fixed scripts onboarding runs over SSH. None contains anything a user typed: values reach
 * them only as quoted arguments ($1, …) through `remoteCommand`.
 */

/** Prints key=value lines about the host; every value on one line. */
export const INSPECT_SCRIPT = `
echo "uid=$(id -u)"
echo "machine=$(uname -m)"
if [ -r /etc/os-release ]; then
  . /etc/os-release
  echo "os_id=\${ID:-}"
  echo "os_like=\${ID_LIKE:-}"
  echo "os_name=\${PRETTY_NAME:-\${NAME:-}}"
fi
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then echo "sudo=yes"; else echo "sudo=no"; fi
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then echo "systemd=yes"; else echo "systemd=no"; fi
`;

/** Whether the engine answers: through its CLI when there is one, else its socket's presence. */
export const ENGINE_SCRIPT = `
if command -v docker >/dev/null 2>&1; then
  if version=$(docker version --format '{{.Server.Version}}' 2>&1); then echo "engine=$version"; exit 0; fi
  echo "$version"
fi
if [ -S /var/run/docker.sock ]; then echo "engine=unknown version"; exit 0; fi
echo "engine=missing"
`;

/**
 * Installs Debian's Docker Engine package and starts it (systemd when there is one). The
 * package manager's output streams to the browser as it runs.
 */
export const INSTALL_ENGINE_SCRIPT = `
set -e
export DEBIAN_FRONTEND=noninteractive
apt-get update </dev/null
apt-get install -y --no-install-recommends docker.io </dev/null
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemctl enable --now docker
else
  nohup dockerd >>/var/log/dockerd.log 2>&1 </dev/null &
fi
i=0
while ! docker version >/dev/null 2>&1; do
  i=$((i + 1))
  if [ $i -gt 60 ]; then echo "The engine did not start: see /var/log/dockerd.log or journalctl -u docker." >&2; exit 1; fi
  sleep 1
done
echo "Docker Engine $(docker version --format '{{.Server.Version}}') is running."
`;

/**
 * Writes stdin to a new file in the agent's root-only directory and prints its path first. The
 * installer moves it into place; a copy cut short stays there until the next install removes it.
 */
export const UPLOAD_SCRIPT = `
set -e
umask 077
install -d -m 0700 /opt/berth-agent
file=$(mktemp /opt/berth-agent/upload.XXXXXXXX)
echo "$file"
cat > "$file"
`;

export const UPLOADED_FILE = /^\/opt\/berth-agent\/upload\.[A-Za-z0-9]{8}$/;

export type HostFacts = {
  uid: string;
  machine: string;
  osId: string;
  osLike: string;
  osName: string;
  sudo: boolean;
  systemd: boolean;
};

/** The INSPECT_SCRIPT's lines as facts. */
export function parseHostFacts(output: string): HostFacts {
  const values = new Map<string, string>();
  for (const line of output.split("\n")) {
    const at = line.indexOf("=");
    if (at > 0) values.set(line.slice(0, at), line.slice(at + 1).trim());
  }
  return {
    uid: values.get("uid") ?? "",
    machine: values.get("machine") ?? "",
    osId: values.get("os_id") ?? "",
    osLike: values.get("os_like") ?? "",
    osName: values.get("os_name") || values.get("os_id") || "an unknown system",
    sudo: values.get("sudo") === "yes",
    systemd: values.get("systemd") === "yes",
  };
}

/** Berth installs the engine itself only where Debian's packages apply. */
export function installsEnginePackages(facts: HostFacts): boolean {
  return ["debian", "ubuntu"].some(
    (id) => facts.osId === id || facts.osLike.split(" ").includes(id),
  );
}
