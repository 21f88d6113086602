import { describe, expect, it } from "vitest";
import { GitBranchSchema, GitComposePathSchema, parseGitRemote } from "@/lib/stacks/git/git-remote";
import { describeGitFailure, scrubSecrets } from "@/lib/stacks/git/git-session";

describe("repository addresses", () => {
  it("reads https, loopback http, ssh:// and scp-like addresses", () => {
    expect(parseGitRemote("https://git.example.com/team/app.git")).toEqual({
      transport: "https",
      url: "https://git.example.com/team/app.git",
      host: "git.example.com",
    });
    expect(parseGitRemote("http://127.0.0.1:3000/app.git").transport).toBe("http");
    expect(parseGitRemote("http://localhost/app.git").transport).toBe("http");
    expect(parseGitRemote("http://[::1]:8080/app.git").transport).toBe("http");
    expect(parseGitRemote("ssh://deploy@git.example.com:2222/srv/app.git")).toEqual({
      transport: "ssh",
      url: "ssh://deploy@git.example.com:2222/srv/app.git",
      host: "git.example.com",
      port: 2222,
      user: "deploy",
      path: "/srv/app.git",
    });
    expect(parseGitRemote("git@github.com:team/app.git")).toEqual({
      transport: "ssh",
      url: "git@github.com:team/app.git",
      host: "github.com",
      port: 22,
      user: "git",
      path: "team/app.git",
    });
    expect(parseGitRemote("ssh://[fd00::5]/app.git")).toMatchObject({
      host: "fd00::5",
      user: "git",
    });
  });

  it.each([
    ["http://git.example.com/app.git", /Use https:\/\//],
    ["http://10.0.0.5/app.git", /Use https:\/\//],
    ["https://user:secret@git.example.com/app.git", /give the token in its own field/],
    ["https://tok@git.example.com/app.git", /Put no user name or token/],
    ["ssh://git:pw@git.example.com/app.git", /no password/],
    ["git://git.example.com/app.git", /not git:\/\//],
    ["file:///etc/app.git", /not file:\/\//],
    ["ext::sh -c touch% /tmp/pwned", /spaces/],
    ["ext::sh", /https:\/\/ and ssh:\/\/ only/],
    ["/srv/git/app.git", /Give an https/],
    ["./app.git", /Give an https/],
    ["-oProxyCommand=x", /may not start with '-'/],
    ["ssh://-oProxyCommand=x/app.git", /not a valid host name/],
    ["git@host:-upload-pack=x", /may not start with '-'/],
    ["https://git.example.com/app.git?x=1", /'\?' or '#'/],
    ["", /Give the repository's address/],
  ])("refuses %s", (url, message) => {
    expect(() => parseGitRemote(url)).toThrow(message);
  });

  it("accepts branch names git accepts and refuses option-like or odd ones", () => {
    for (const ok of ["main", "release/1.2", "feature_x-y", "v2.0"])
      expect(GitBranchSchema.safeParse(ok).success).toBe(true);
    for (const bad of [
      "-x",
      "a..b",
      "a b",
      "x.lock",
      "/a",
      "a/",
      "@",
      "a@{1}",
      "a~1",
      "a:b",
      ".hidden",
    ])
      expect(GitBranchSchema.safeParse(bad).success, bad).toBe(false);
  });

  it("takes the compose path relative to the repository's root", () => {
    expect(GitComposePathSchema.parse("./deploy/compose.yaml")).toBe("deploy/compose.yaml");
    for (const bad of ["/etc/compose.yaml", "../compose.yaml", "a/../b.yaml", "a//b.yaml", ""])
      expect(GitComposePathSchema.safeParse(bad).success, bad).toBe(false);
  });
});

describe("git's messages shown to users", () => {
  it("say when the server has no git", () => {
    const err = describeGitFailure(
      "berth: could not run git: spawn git ENOENT",
      parseGitRemote("https://x/app.git"),
      {},
    );
    expect(err.message).toBe(
      "The git command could not be run on the Berth server: install git there (the git package).",
    );
  });

  it("hold no secret, in any form it travelled in", () => {
    const token = "ghp_abcdef0123456789";
    const basic = Buffer.from(`git:${token}`).toString("base64");
    const said = `fatal: unable to access 'https://x/': header Authorization: Basic ${basic} token ${token}`;
    const scrubbed = scrubSecrets(said, [token, basic]);
    expect(scrubbed).not.toContain(token);
    expect(scrubbed).not.toContain(basic);
    expect(describeGitFailure(scrubbed, parseGitRemote("https://x/app.git"), {}).message).toContain(
      "git could not fetch from x",
    );
  });
});
