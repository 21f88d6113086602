import { registryHostOf, splitImageName } from "@/lib/protocol";

/** An image reference a container was made from, as a registry names it. */
export type ImageRef = {
  /** the host image names carry: "docker.io", "10.99.0.1:5000" */
  registryHost: string;
  /** the repository on that registry: "library/nginx", "team/app" */
  repository: string;
  tag: string;
  /** the digest a pinned reference names (`name@sha256:…`), else null */
  pinnedDigest: string | null;
  /** "docker.io/library/nginx:1.27": one spelling per image, the key of its check */
  ref: string;
};

const IMAGE_ID = /^(sha256:)?[0-9a-f]{12,64}$/;

/**
 * Normalises what a container's Config.Image says, as the engine resolves it: Docker Hub names
 * get docker.io and library/, a missing tag is latest. Null for an image id (no name to ask).
 */
export function parseImageRef(image: string): ImageRef | null {
  const trimmed = image.trim();
  if (!trimmed || IMAGE_ID.test(trimmed)) return null;
  const at = trimmed.indexOf("@");
  const name = at < 0 ? trimmed : trimmed.slice(0, at);
  const pinnedDigest = at < 0 ? null : trimmed.slice(at + 1);
  const { repository: named, tag } = splitImageName(name);
  const registryHost = registryHostOf(named);
  const slash = named.indexOf("/");
  const first = slash < 0 ? "" : named.slice(0, slash);
  const namesHost = first.includes(".") || first.includes(":") || first === "localhost";
  let repository = namesHost ? named.slice(slash + 1) : named;
  if (registryHost === "docker.io" && !repository.includes("/"))
    repository = `library/${repository}`;
  const ref = pinnedDigest
    ? `${registryHost}/${repository}@${pinnedDigest}`
    : `${registryHost}/${repository}:${tag}`;
  return { registryHost, repository, tag, pinnedDigest, ref };
}

/** "docker.io/library/nginx:1.27" → "nginx:1.27", as users write it. */
export function displayImageRef(ref: string): string {
  return ref.replace(/^docker\.io\/library\/([^/]+)$/, "$1").replace(/^docker\.io\//, "");
}

/**
 * The registry digest the local image has for the reference's repository, from its RepoDigests
 * ("nginx@sha256:…", "10.99.0.1:5000/team/app@sha256:…"); null when it has none (built or
 * loaded here, never pulled or pushed).
 */
export function localDigestsOf(repoDigests: readonly string[], ref: ImageRef): string[] {
  const out: string[] = [];
  for (const entry of repoDigests) {
    const parsed = parseImageRef(entry);
    if (
      parsed?.pinnedDigest &&
      parsed.registryHost === ref.registryHost &&
      parsed.repository === ref.repository
    )
      out.push(parsed.pinnedDigest);
  }
  return out;
}

export type DigestStatus = "up_to_date" | "update_available" | "local_only";

/** What the digests say: the same manifest, a newer one, or nothing to compare with. */
export function compareDigests(local: readonly string[], remote: string): DigestStatus {
  if (local.length === 0) return "local_only";
  return local.includes(remote) ? "up_to_date" : "update_available";
}
