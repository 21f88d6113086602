import { describe, expect, it } from "vitest";
import { formatDockerRun, formatPublish } from "@/lib/containers/format-docker-run";
import { parseDockerRun, parsePublish } from "@/lib/containers/parse-docker-run";
import { RunSpecSchema, type RunSpecInput } from "@/lib/protocol/containers";

const parse = parseDockerRun;

/** Parses a line that must read cleanly and returns its spec. */
function clean(line: string): RunSpecInput {
  const result = parse(line);
  expect(result.errors).toEqual([]);
  expect(result.unknownFlags).toEqual([]);
  return result.spec;
}

describe("parseDockerRun: the command in front", () => {
  it("reads a bare image", () => {
    expect(parse("docker run nginx")).toEqual({
      spec: { image: "nginx" },
      unknownFlags: [],
      ignoredFlags: [],
      errors: [],
    });
  });

  it.each([
    "docker run nginx",
    "docker container run nginx",
    "sudo docker run nginx",
    "sudo -E docker run nginx",
    "/usr/bin/docker run nginx",
    "$ docker run nginx",
    "podman run nginx",
    "run nginx",
    "nginx",
    "  docker   run   nginx  ",
  ])("accepts %j", (line) => {
    expect(clean(line)).toEqual({ image: "nginx" });
  });

  it("accepts flags without any docker run in front", () => {
    expect(clean("-p 8080:80 nginx")).toEqual({
      image: "nginx",
      ports: [{ hostPort: 8080, containerPort: 80, protocol: "tcp" }],
    });
  });

  it("reads docker create as a container that is not started", () => {
    expect(clean("docker create --name web nginx")).toEqual({
      image: "nginx",
      name: "web",
      start: false,
    });
    expect(clean("docker container create nginx").start).toBe(false);
  });

  it("sets docker's own options and environment aside as ignored", () => {
    const result = parse("DOCKER_HOST=tcp://h:2375 docker -H tcp://h:2375 --debug run nginx");
    expect(result.spec).toEqual({ image: "nginx" });
    expect(result.ignoredFlags).toEqual(["DOCKER_HOST=tcp://h:2375", "-H tcp://h:2375", "--debug"]);
    expect(result.errors).toEqual([]);
    expect(parse("docker --context prod run nginx").ignoredFlags).toEqual(["--context prod"]);
  });

  it("refuses other docker commands in plain words", () => {
    const result = parse("docker exec -it web sh");
    expect(result.spec).toEqual({ image: "" });
    expect(result.errors).toEqual(['"docker exec" is not a docker run command.']);
    expect(parse("docker compose up -d").errors[0]).toContain('"docker compose"');
  });
});

describe("parseDockerRun: shell words", () => {
  it("joins lines continued with a backslash, also with CRLF line ends", () => {
    const line = "docker run -d \\\n  --name web \\\r\n  -p 8080:80 \\\n  nginx:1.27";
    expect(parse(line).spec).toEqual({
      image: "nginx:1.27",
      name: "web",
      ports: [{ hostPort: 8080, containerPort: 80, protocol: "tcp" }],
    });
  });

  it("keeps single-quoted text as is, backslashes and dollars included", () => {
    expect(clean(`docker run -e 'A=it\\s $HOME "x"' alpine`).env).toEqual([
      { key: "A", value: 'it\\s $HOME "x"' },
    ]);
  });

  it('reads double quotes with \\ escapes for \\ " $ and `', () => {
    expect(clean(`docker run -e "A=say \\"hi\\" \\$5 \\\\ \\n" alpine`).env).toEqual([
      { key: "A", value: 'say "hi" $5 \\ \\n' },
    ]);
  });

  it("reads backslash escapes outside quotes", () => {
    expect(clean(`docker run -e A=one\\ two\\'s alpine`).env).toEqual([
      { key: "A", value: "one two's" },
    ]);
  });

  it("joins adjacent quoted and unquoted parts into one word", () => {
    expect(clean(`docker run -e A='x y'"z"w alpine`).env).toEqual([{ key: "A", value: "x yzw" }]);
  });

  it("never expands variables or command substitutions", () => {
    expect(clean("docker run -e HOME=$HOME -e D=$(date +%s) -e B=`id -u` alpine").env).toEqual([
      { key: "HOME", value: "$HOME" },
      { key: "D", value: "$(date +%s)" },
      { key: "B", value: "`id -u`" },
    ]);
  });

  it("reports a quote that is never closed", () => {
    const result = parse(`docker run -e 'A=b alpine`);
    expect(result.errors).toContain("A single quote (') is never closed.");
    expect(parse(`docker run -e "A=b alpine`).errors).toContain(
      'A double quote (") is never closed.',
    );
  });

  it("reads only up to a shell operator and says so", () => {
    const result = parse("docker run -d --name web nginx && docker logs -f web");
    expect(result.spec).toEqual({ image: "nginx", name: "web" });
    expect(result.errors).toEqual([
      'Only the docker run command is read: everything from "&&" on is left out.',
    ]);
    expect(parse("docker run nginx 2>&1 | tee log").errors[0]).toContain('"2>&"');
  });

  it("keeps shell operators inside quotes as text", () => {
    expect(clean(`docker run alpine sh -c 'a && b | c; d > e'`).command).toEqual([
      "sh",
      "-c",
      "a && b | c; d > e",
    ]);
  });

  it("skips comments", () => {
    expect(clean("docker run \\\n  --name web \\\n  nginx # the web server")).toEqual({
      image: "nginx",
      name: "web",
    });
  });
});

describe("parseDockerRun: flag spellings", () => {
  it("reads combined short booleans, -i and -t among them, and sets -d aside", () => {
    const result = parse("docker run -dit --rm alpine");
    expect(result.spec).toEqual({
      image: "alpine",
      autoRemove: true,
      interactive: true,
      tty: true,
    });
    expect(result.ignoredFlags).toEqual(["-d"]);
    expect(result.errors).toEqual([]);
  });

  it("lets the last letter of a cluster take a value, attached or not", () => {
    const a = parse("docker run -itp 8080:80 nginx");
    const b = parse("docker run -dp8080:80 nginx");
    for (const r of [a, b]) {
      expect(r.spec.ports).toEqual([{ hostPort: 8080, containerPort: 80, protocol: "tcp" }]);
      expect(r.spec.image).toBe("nginx");
    }
    expect(b.ignoredFlags).toEqual(["-d"]);
  });

  it.each([
    "docker run -p 8080:80 nginx",
    "docker run -p8080:80 nginx",
    "docker run -p=8080:80 nginx",
    "docker run --publish 8080:80 nginx",
    "docker run --publish=8080:80 nginx",
  ])("reads the same port from %j", (line) => {
    expect(clean(line).ports).toEqual([{ hostPort: 8080, containerPort: 80, protocol: "tcp" }]);
  });

  it("reads the long ignored spellings and boolean values", () => {
    const result = parse(
      "docker run --detach --interactive --tty=false --rm=false --read-only=true alpine",
    );
    expect(result.spec).toEqual({ image: "alpine", readOnlyRootfs: true, interactive: true });
    expect(result.ignoredFlags).toEqual(["--detach"]);
    expect(parse("docker run --rm=maybe alpine").errors).toEqual([
      "--rm=maybe: use true or false.",
    ]);
  });

  it("takes the word after a value flag even when it starts with a dash, like docker", () => {
    expect(parse("docker run -e -x alpine").spec.env).toEqual([{ key: "-x", value: "" }]);
  });

  it("stops reading flags at the image and at --", () => {
    expect(clean("docker run nginx -g 'daemon off;' --rm")).toEqual({
      image: "nginx",
      command: ["-g", "daemon off;", "--rm"],
    });
    expect(clean("docker run --rm -- alpine ls -la")).toEqual({
      image: "alpine",
      command: ["ls", "-la"],
      autoRemove: true,
    });
  });

  it("says when a flag's value is missing", () => {
    const result = parse("docker run --name");
    expect(result.errors).toContain("--name needs a value.");
    expect(result.errors).toContain("No image: name one after the flags, e.g. nginx:1.27.");
    expect(parse("docker run -p").errors).toContain("-p needs a value.");
  });
});

describe("parseDockerRun: ports", () => {
  it.each([
    ["80", [{ containerPort: 80, protocol: "tcp" }]],
    ["8080:80", [{ hostPort: 8080, containerPort: 80, protocol: "tcp" }]],
    ["0:80", [{ containerPort: 80, protocol: "tcp" }]],
    ["8080:80/udp", [{ hostPort: 8080, containerPort: 80, protocol: "udp" }]],
    ["53/UDP", [{ containerPort: 53, protocol: "udp" }]],
    [
      "127.0.0.1:8080:80",
      [{ hostIp: "127.0.0.1", hostPort: 8080, containerPort: 80, protocol: "tcp" }],
    ],
    ["127.0.0.1::80", [{ hostIp: "127.0.0.1", containerPort: 80, protocol: "tcp" }]],
    ["[::1]:8080:80", [{ hostIp: "::1", hostPort: 8080, containerPort: 80, protocol: "tcp" }]],
    ["[::1]::80/sctp", [{ hostIp: "::1", containerPort: 80, protocol: "sctp" }]],
    ["[::]:443:443", [{ hostIp: "::", hostPort: 443, containerPort: 443, protocol: "tcp" }]],
    [
      "8000-8002:9000-9002",
      [
        { hostPort: 8000, containerPort: 9000, protocol: "tcp" },
        { hostPort: 8001, containerPort: 9001, protocol: "tcp" },
        { hostPort: 8002, containerPort: 9002, protocol: "tcp" },
      ],
    ],
    [
      "7000-7001",
      [
        { containerPort: 7000, protocol: "tcp" },
        { containerPort: 7001, protocol: "tcp" },
      ],
    ],
  ])("reads -p %s", (value, ports) => {
    expect(parsePublish(value)).toEqual({ ports });
    expect(clean(`docker run -p ${value} nginx`).ports).toEqual(ports);
  });

  it.each([
    ["8080:80/http", '"http" is not a protocol: use tcp, udp or sctp.'],
    ["8080:", "The container port is missing."],
    ["8080:70000", '"70000" is not a container port (1-65535) or range (8000-8010).'],
    ["web:80", '"web" is not a host port (1-65535) or range.'],
    ["300.1.1.1:80:80", '"300.1.1.1" is not an IP address.'],
    [
      "8000-8002:80",
      "A host port range onto one container port is not supported: pick one host port.",
    ],
    ["8000-8001:80-82", "The host and container ranges must be the same length."],
    ["1-5000", "A range of 5000 ports is more than Berth publishes at once."],
    ["[::1:80", "An IPv6 address in [brackets] must be followed by ':'."],
  ])("explains why -p %s is wrong", (value, error) => {
    expect(parsePublish(value)).toEqual({ ports: [], error });
    const shown = value.startsWith("[") ? `'${value}'` : value;
    expect(parse(`docker run -p ${value} nginx`).errors).toEqual([`-p ${shown}: ${error}`]);
  });

  it("reads -P and --publish-all", () => {
    expect(clean("docker run -P nginx")).toEqual({ image: "nginx", publishAll: true });
    expect(clean("docker run --publish-all nginx").publishAll).toBe(true);
  });
});

describe("parseDockerRun: environment and labels", () => {
  it("reads -e and --env in every spelling, later values winning", () => {
    expect(clean("docker run -e A=1 --env B=x=y --env=C= -e A=2 -eD=4 alpine").env).toEqual([
      { key: "A", value: "2" },
      { key: "B", value: "x=y" },
      { key: "C", value: "" },
      { key: "D", value: "4" },
    ]);
  });

  it("keeps -e NAME with an empty value and asks for it, since the shell's value is unknown", () => {
    const result = parse("docker run -e API_TOKEN alpine");
    expect(result.spec.env).toEqual([{ key: "API_TOKEN", value: "" }]);
    expect(result.errors).toEqual([
      "-e API_TOKEN copies API_TOKEN from your shell, which a pasted line cannot see: enter its value (it is empty for now).",
    ]);
  });

  it("refuses a variable without a name", () => {
    const result = parse("docker run -e =x alpine");
    expect(result.spec.env).toBeUndefined();
    expect(result.errors).toEqual(["-e =x: the variable has no name."]);
  });

  it("cannot read --env-file or --label-file and says so", () => {
    const result = parse("docker run --env-file ./app.env --label-file=labels alpine");
    expect(result.errors).toEqual([
      "--env-file ./app.env: Berth cannot read files named in a pasted line; add those variables one by one.",
      "--label-file labels: Berth cannot read files named in a pasted line; add those labels one by one.",
    ]);
    expect(result.unknownFlags).toEqual([]);
  });

  it("reads labels, with or without a value", () => {
    expect(
      clean("docker run -l app=web --label 'team=a b' --label=tier -l x=1=2 alpine").labels,
    ).toEqual({ app: "web", team: "a b", tier: "", x: "1=2" });
  });
});

describe("parseDockerRun: volumes and mounts", () => {
  it("tells named volumes from host paths", () => {
    expect(
      clean("docker run -v data:/var/lib/data -v /srv/www:/usr/share/nginx/html:ro nginx"),
    ).toEqual({
      image: "nginx",
      volumes: [{ name: "data", target: "/var/lib/data", readOnly: false }],
      binds: [{ source: "/srv/www", target: "/usr/share/nginx/html", readOnly: true }],
    });
    expect(clean("docker run --volume=cache:/cache:rw alpine").volumes).toEqual([
      { name: "cache", target: "/cache", readOnly: false },
    ]);
  });

  it("keeps the mount but names options it cannot carry over", () => {
    const result = parse("docker run -v /srv:/data:ro,z alpine");
    expect(result.spec.binds).toEqual([{ source: "/srv", target: "/data", readOnly: true }]);
    expect(result.unknownFlags).toEqual(["-v /srv:/data:ro,z (not supported: z)"]);
  });

  it.each([
    [
      "-v /data",
      "-v /data: anonymous volumes are not supported; give it a name, e.g. -v data:/data.",
    ],
    ["-v data", "-v data: say where to mount it, e.g. -v data:/data."],
    [
      "-v ./site:/site",
      '-v ./site:/site: "./site" is a relative path, which a pasted line cannot resolve: write the absolute host path.',
    ],
    [
      "-v ~/site:/site",
      `-v '~/site:/site': "~/site" uses ~, which only a shell expands: write the absolute host path.`,
    ],
    [
      "-v $PWD/site:/site",
      `-v '$PWD/site:/site': "$PWD/site" needs a shell to expand it, which a pasted line does not have: write the absolute host path.`,
    ],
    [
      "-v $(pwd):/site",
      "-v '$(pwd):/site': \"$(pwd)\" needs a shell to expand it, which a pasted line does not have: write the absolute host path.",
    ],
    [
      "-v -bad-:/x",
      '-v -bad-:/x: "-bad-" is not a volume name (letters, digits and _ . -, starting with a letter or digit).',
    ],
    ["-v a:/b:ro:x", "-v a:/b:ro:x: write it as source:target or source:target:options."],
  ])("explains why %s cannot be used", (flag, error) => {
    const result = parse(`docker run ${flag} alpine`);
    expect(result.errors).toEqual([error]);
    expect(result.spec.volumes).toBeUndefined();
    expect(result.spec.binds).toBeUndefined();
  });

  it("reports a target that is not absolute in plain words", () => {
    expect(parse("docker run -v data:relative alpine").errors).toEqual([
      'Volume "data:relative": Use an absolute path inside the container.',
    ]);
  });

  it("reads --mount for binds, volumes and tmpfs in every key spelling", () => {
    const spec = clean(
      [
        "docker run",
        "--mount type=bind,source=/etc/app,target=/config,readonly",
        "--mount type=bind,src=/srv,dst=/srv,ro=true",
        "--mount 'type=volume,source=db,destination=/var/lib/postgresql/data,readonly=false'",
        "--mount source=cache,target=/cache",
        "--mount type=tmpfs,target=/scratch,tmpfs-size=64m,tmpfs-mode=1777",
        "--mount type=tmpfs,dst=/t",
        "postgres",
      ].join(" "),
    );
    expect(spec.binds).toEqual([
      { source: "/etc/app", target: "/config", readOnly: true },
      { source: "/srv", target: "/srv", readOnly: true },
    ]);
    expect(spec.volumes).toEqual([
      { name: "db", target: "/var/lib/postgresql/data", readOnly: false },
      { name: "cache", target: "/cache", readOnly: false },
    ]);
    expect(spec.tmpfs).toEqual([
      { target: "/scratch", options: "size=64m,mode=1777" },
      { target: "/t" },
    ]);
  });

  it("reads quoted --mount fields with commas", () => {
    expect(
      clean(`docker run --mount 'type=bind,"source=/srv/a,b",target=/data' alpine`).binds,
    ).toEqual([{ source: "/srv/a,b", target: "/data", readOnly: false }]);
  });

  it("explains --mount problems and names what it cannot carry over", () => {
    const a = parse("docker run --mount type=volume,target=/data alpine");
    expect(a.errors).toEqual([
      "--mount type=volume,target=/data: anonymous volumes are not supported; add source=<volume name>.",
    ]);
    const b = parse("docker run --mount type=bind,source=/srv alpine");
    expect(b.errors).toEqual([
      "--mount type=bind,source=/srv: the target path inside the container is missing.",
    ]);
    const c = parse(
      "docker run --mount type=bind,source=/srv,target=/srv,bind-propagation=rshared alpine",
    );
    expect(c.spec.binds).toEqual([{ source: "/srv", target: "/srv", readOnly: false }]);
    expect(c.unknownFlags).toEqual([
      "--mount type=bind,source=/srv,target=/srv,bind-propagation=rshared (not supported: bind-propagation)",
    ]);
    const d = parse("docker run --mount type=image,source=x,target=/x alpine");
    expect(d.unknownFlags).toEqual([
      "--mount type=image,source=x,target=/x (type image is not supported)",
    ]);
    expect(parse("docker run --mount type=bind,source=rel,target=/x alpine").errors[0]).toContain(
      "is a relative path",
    );
    expect(
      parse("docker run --mount type=bind,source=/a,target=/b,readonly=maybe alpine").errors[0],
    ).toBe(
      '--mount type=bind,source=/a,target=/b,readonly=maybe: "readonly=maybe" should be readonly=true or false.',
    );
  });

  it("reads --tmpfs with and without options", () => {
    expect(
      clean("docker run --tmpfs /run --tmpfs /tmp:rw,size=64m,mode=1777 alpine").tmpfs,
    ).toEqual([{ target: "/run" }, { target: "/tmp", options: "rw,size=64m,mode=1777" }]);
  });
});

describe("parseDockerRun: networks", () => {
  it("reads --network and --net with aliases for the first network", () => {
    expect(
      clean("docker run --network app --net-alias web --network-alias www --net other nginx")
        .networks,
    ).toEqual([
      { name: "app", aliases: ["web", "www"] },
      { name: "other", aliases: [] },
    ]);
  });

  it("reads the name=,alias=,ip=,ip6= syntax and names the keys it cannot carry over", () => {
    const result = parse(
      "docker run --network name=app,alias=web --network name=db,alias=x,ip=10.0.0.5,ip6=fd00::5,driver-opt=a=b nginx",
    );
    expect(result.spec.networks).toEqual([
      { name: "app", aliases: ["web"] },
      { name: "db", aliases: ["x"], ipv4Address: "10.0.0.5", ipv6Address: "fd00::5" },
    ]);
    expect(result.unknownFlags).toEqual([
      "--network name=db,alias=x,ip=10.0.0.5,ip6=fd00::5,driver-opt=a=b (not supported: driver-opt)",
    ]);
  });

  it("refuses aliases without a user-defined network", () => {
    expect(parse("docker run --network-alias web nginx").errors).toEqual([
      "--network-alias web: aliases only work on a user-defined network; add --network <name>.",
    ]);
    expect(parse("docker run --net host --net-alias web nginx").errors).toEqual([
      '--network-alias web: aliases only work on a user-defined network, not on "host".',
    ]);
  });
});

describe("parseDockerRun: restart, limits and security", () => {
  it.each([
    ["no", { name: "no" }],
    ["always", { name: "always" }],
    ["unless-stopped", { name: "unless-stopped" }],
    ["on-failure", { name: "on-failure" }],
    ["on-failure:5", { name: "on-failure", maxRetries: 5 }],
  ])("reads --restart %s", (value, policy) => {
    expect(clean(`docker run --restart ${value} nginx`).restartPolicy).toEqual(policy);
  });

  it("refuses restart policies docker does not have, and --restart with --rm", () => {
    const message = "use no, always, unless-stopped or on-failure (optionally on-failure:N).";
    expect(parse("docker run --restart sometimes nginx").errors).toEqual([
      `--restart sometimes: ${message}`,
    ]);
    expect(parse("docker run --restart=always:3 nginx").errors).toEqual([
      `--restart always:3: ${message}`,
    ]);
    expect(parse("docker run --rm --restart always nginx").errors).toEqual([
      "--rm and --restart cannot be used together: a container that removes itself cannot be restarted.",
    ]);
    expect(parse("docker run --rm --restart no nginx").errors).toEqual([]);
  });

  it("reads CPU, memory and process limits", () => {
    expect(clean("docker run --cpus 0.5 -m 512m --pids-limit 100 nginx")).toEqual({
      image: "nginx",
      cpus: 0.5,
      memoryBytes: 512 * 1024 * 1024,
      pidsLimit: 100,
    });
    expect(clean("docker run --cpus=2 --memory=1.5g nginx")).toMatchObject({
      cpus: 2,
      memoryBytes: 1.5 * 1024 ** 3,
    });
    expect(clean("docker run -m 1GiB nginx").memoryBytes).toBe(1024 ** 3);
    expect(clean("docker run --memory 65536k nginx").memoryBytes).toBe(64 * 1024 ** 2);
  });

  it("treats 0 and -1 as no limit, like docker", () => {
    expect(clean("docker run --cpus 0 -m 0 --pids-limit -1 nginx")).toEqual({ image: "nginx" });
  });

  it("explains limits it cannot read", () => {
    expect(parse("docker run --cpus half -m 512x --pids-limit 1.5 nginx").errors).toEqual([
      "--cpus half: not a number of CPUs (e.g. 0.5 or 2).",
      "-m 512x: not a size; use e.g. 512m or 1.5g.",
      "--pids-limit 1.5: not a whole number of processes.",
    ]);
    expect(parse("docker run -m 4m nginx").errors).toEqual([
      "Memory (-m): The engine needs at least 6 MiB.",
    ]);
  });

  it("reads the security flags and normalises capability names", () => {
    expect(
      clean(
        "docker run --read-only --privileged --cap-add NET_ADMIN --cap-add=cap_sys_time,chown --cap-drop ALL --security-opt no-new-privileges nginx",
      ),
    ).toEqual({
      image: "nginx",
      readOnlyRootfs: true,
      privileged: true,
      capAdd: ["NET_ADMIN", "SYS_TIME", "CHOWN"],
      capDrop: ["ALL"],
      noNewPrivileges: true,
    });
  });

  it.each([
    ["no-new-privileges", true],
    ["no-new-privileges:true", true],
    ["no-new-privileges=true", true],
    ["no-new-privileges:false", false],
  ])("reads --security-opt %s", (value, on) => {
    expect(clean(`docker run --security-opt ${value} nginx`).noNewPrivileges).toBe(on || undefined);
  });

  it("reads every other security option, in the key=value spelling", () => {
    expect(
      clean(
        "docker run --security-opt seccomp=unconfined --security-opt apparmor:x --security-opt label:user:web --security-opt systempaths=unconfined --security-opt no-new-privileges nginx",
      ),
    ).toEqual({
      image: "nginx",
      noNewPrivileges: true,
      securityOpt: ["seccomp=unconfined", "apparmor=x", "label=user:web", "systempaths=unconfined"],
    });
    expect(
      clean(`docker run --security-opt 'seccomp={"defaultAction":"SCMP_ACT_LOG"}' nginx`),
    ).toEqual({ image: "nginx", securityOpt: ['seccomp={"defaultAction":"SCMP_ACT_LOG"}'] });
  });

  it("explains security options it cannot use", () => {
    expect(
      parse(
        "docker run --security-opt seccomp=/etc/profile.json --security-opt label --security-opt no-new-privileges:maybe nginx",
      ).errors,
    ).toEqual([
      "--security-opt seccomp=/etc/profile.json: Berth cannot read files named in a pasted line; use seccomp=unconfined, or paste the profile's JSON as seccomp='{…}'.",
      "--security-opt label: write it as key=value, e.g. seccomp=unconfined or label=disable.",
      "--security-opt no-new-privileges:maybe: use no-new-privileges or no-new-privileges:false.",
    ]);
  });
});

describe("parseDockerRun: identity and process", () => {
  it("reads name, hostname, working directory, user and entrypoint", () => {
    expect(
      clean(
        "docker run --name api -h api.local -w /app -u 1000:1000 --entrypoint /bin/sh node:22 -c 'node server.js'",
      ),
    ).toEqual({
      image: "node:22",
      name: "api",
      hostname: "api.local",
      workingDir: "/app",
      user: "1000:1000",
      entrypoint: ["/bin/sh"],
      command: ["-c", "node server.js"],
    });
    expect(clean("docker run --hostname=h --workdir=/w --user=app alpine")).toMatchObject({
      hostname: "h",
      workingDir: "/w",
      user: "app",
    });
  });

  it("keeps --entrypoint as one word, and an empty one to reset the image's", () => {
    expect(clean(`docker run --entrypoint "sh -c" alpine`).entrypoint).toEqual(["sh -c"]);
    expect(clean(`docker run --entrypoint "" alpine`).entrypoint).toEqual([""]);
  });

  it("reports bad names and relative working directories in plain words", () => {
    expect(parse("docker run --name 'my app' -w app alpine").errors).toEqual([
      "Name (--name): Use letters, digits and _ . - (starting with a letter or digit).",
      "Working directory (-w): Use an absolute path inside the container.",
    ]);
  });

  it("checks the image name", () => {
    expect(parse("docker run --rm").errors).toEqual([
      "No image: name one after the flags, e.g. nginx:1.27.",
    ]);
    expect(parse("docker run MyOrg/App:Latest").errors).toEqual([
      'Image "MyOrg/App:Latest": repository names are lowercase (myorg/app).',
    ]);
    expect(clean("docker run Registry.Example.com:5000/team/app:V2").image).toBe(
      "Registry.Example.com:5000/team/app:V2",
    );
    expect(clean("docker run ghcr.io/org/app@sha256:abc").image).toBe("ghcr.io/org/app@sha256:abc");
  });
});

describe("parseDockerRun: health checks", () => {
  it("reads every health flag", () => {
    expect(
      clean(
        "docker run --health-cmd 'curl -fsS http://localhost/ || exit 1' --health-interval 1m30s --health-timeout 500ms --health-start-period=2m --health-retries 3 nginx",
      ).healthcheck,
    ).toEqual({
      test: ["CMD-SHELL", "curl -fsS http://localhost/ || exit 1"],
      intervalSeconds: 90,
      timeoutSeconds: 0.5,
      startPeriodSeconds: 120,
      retries: 3,
    });
  });

  it("reads --no-healthcheck", () => {
    expect(clean("docker run --no-healthcheck nginx").healthcheck).toEqual({ test: ["NONE"] });
  });

  it("explains health flags that do not fit together or do not parse", () => {
    expect(parse("docker run --no-healthcheck --health-cmd true nginx").errors).toEqual([
      "--no-healthcheck cannot be combined with --health-cmd.",
    ]);
    const timingOnly = parse("docker run --health-interval 10s --health-retries 2 nginx");
    expect(timingOnly.spec.healthcheck).toBeUndefined();
    expect(timingOnly.errors).toEqual([
      "--health-interval, --health-retries without --health-cmd: Berth cannot change the timing of the image's own health check; add --health-cmd.",
    ]);
    expect(parse("docker run --health-cmd true --health-interval 10 nginx").errors).toEqual([
      "--health-interval 10: use a duration with a unit, e.g. 30s, 1m30s or 500ms.",
    ]);
    expect(parse("docker run --health-cmd true --health-retries x nginx").errors).toEqual([
      "--health-retries x: not a whole number of retries.",
    ]);
  });
});

describe("parseDockerRun: flags it does not carry over", () => {
  it("sets aside flags Berth has no need for, with their values", () => {
    const result = parse(
      "docker run --detach-keys ctrl-x -a stdout --sig-proxy=false -q --cidfile /tmp/id nginx",
    );
    expect(result.spec).toEqual({ image: "nginx" });
    expect(result.ignoredFlags).toEqual([
      "--detach-keys ctrl-x",
      "-a stdout",
      "--sig-proxy=false",
      "-q",
      "--cidfile /tmp/id",
    ]);
    expect(result.unknownFlags).toEqual([]);
  });

  it("names unknown flags with their values and never drops them", () => {
    const result = parse(
      "docker run --blkio-weight 300 --oom-kill-disable --runtime runc --link db:db --volumes-from data --made-up=1 --also-made-up nginx",
    );
    expect(result.spec).toEqual({ image: "nginx" });
    expect(result.unknownFlags).toEqual([
      "--blkio-weight 300",
      "--oom-kill-disable",
      "--runtime runc",
      "--link db:db",
      "--volumes-from data",
      "--made-up=1",
      "--also-made-up",
    ]);
    expect(result.errors).toEqual([]);
  });

  it("names unknown short flags", () => {
    expect(parse("docker run -dZ nginx").unknownFlags).toEqual(["-Z"]);
  });
});

describe("parseDockerRun: namespaces, networking and DNS", () => {
  it("reads --network host, none and container:<name> as the network mode", () => {
    expect(clean("docker run --network host nginx")).toEqual({
      image: "nginx",
      networkMode: "host",
    });
    expect(clean("docker run --net=none nginx").networkMode).toBe("none");
    expect(clean("docker run --network container:web nginx").networkMode).toBe("container:web");
    expect(parse("docker run --network host --network none nginx").errors).toEqual([
      "--network none: a container has one network mode; it is host.",
    ]);
    expect(parse("docker run --network host --network app nginx").errors).toEqual([
      "Network mode (--network): A container on the host's network, no network or another container's network joins no other networks.",
    ]);
  });

  it("reads namespace modes and refuses the ones docker does not have", () => {
    expect(
      clean(
        "docker run --pid host --ipc shareable --uts host --userns host --cgroupns private nginx",
      ),
    ).toEqual({
      image: "nginx",
      pidMode: "host",
      ipcMode: "shareable",
      utsMode: "host",
      usernsMode: "host",
      cgroupnsMode: "private",
    });
    expect(clean("docker run --pid container:db --ipc container:db nginx")).toMatchObject({
      pidMode: "container:db",
      ipcMode: "container:db",
    });
    expect(
      parse("docker run --pid private --ipc x --uts container:a --userns y --cgroupns z nginx")
        .errors,
    ).toEqual([
      "--pid private: use host or container:<name>.",
      "--ipc x: use private, shareable, none, host or container:<name>.",
      "--uts container:a: use host.",
      "--userns y: use host.",
      "--cgroupns z: use host or private.",
    ]);
  });

  it("puts --ip, --ip6 and aliases on the first network and --mac-address on the container", () => {
    expect(
      clean(
        "docker run --network app --ip 172.20.0.5 --ip6 fd00::5 --mac-address 02:42:ac:14:00:05 --network other nginx",
      ),
    ).toEqual({
      image: "nginx",
      networks: [
        { name: "app", aliases: [], ipv4Address: "172.20.0.5", ipv6Address: "fd00::5" },
        { name: "other", aliases: [] },
      ],
      macAddress: "02:42:ac:14:00:05",
    });
    expect(
      clean("docker run --network name=app,ip=172.20.0.5,mac-address=02:42:ac:14:00:05 nginx"),
    ).toEqual({
      image: "nginx",
      networks: [{ name: "app", aliases: [], ipv4Address: "172.20.0.5" }],
      macAddress: "02:42:ac:14:00:05",
    });
  });

  it("explains addresses that cannot be used", () => {
    expect(parse("docker run --ip 10.0.0.5 nginx").errors).toEqual([
      "--ip 10.0.0.5: fixed addresses only work on a user-defined network; add --network <name>.",
    ]);
    expect(parse("docker run --network bridge --ip6 fd00::1 nginx").errors).toEqual([
      '--ip6 fd00::1: fixed addresses only work on a user-defined network, not on "bridge".',
    ]);
    expect(parse("docker run --network name=app,ip=10.0.0.5 --ip 10.0.0.6 nginx").errors).toEqual([
      "--ip 10.0.0.6: the first --network already sets its address.",
    ]);
    expect(parse("docker run --network app --ip 10.0.0.300 nginx").errors).toEqual([
      'Network "app": Not an IPv4 address.',
    ]);
    expect(
      parse("docker run --network a --network name=b,mac-address=02:00:00:00:00:01 nginx").errors,
    ).toEqual([
      "--network name=b,mac-address=02:00:00:00:00:01: a MAC address can only be set on the first network (the one the container is created on).",
    ]);
    expect(parse("docker run --network host --mac-address 02:00:00:00:00:01 nginx").errors).toEqual(
      ["MAC address (--mac-address): A MAC address needs a network of the container's own."],
    );
    expect(parse("docker run --mac-address 02:00:00:00:00 nginx").errors).toEqual([
      "MAC address (--mac-address): Write a MAC address as 02:42:ac:11:00:02.",
    ]);
  });

  it("reads DNS, extra hosts, exposed ports and the domain name", () => {
    expect(
      clean(
        "docker run --dns 10.0.0.2 --dns=fd00::53 --dns-search corp.example --dns-option ndots:2 --dns-opt timeout:1 --add-host db:10.0.0.3 --add-host v6=[fd00::3] --add-host gw:host-gateway --expose 80 --expose 53/udp --expose 9000-9002/tcp --domainname corp.example nginx",
      ),
    ).toEqual({
      image: "nginx",
      dns: ["10.0.0.2", "fd00::53"],
      dnsSearch: ["corp.example"],
      dnsOptions: ["ndots:2", "timeout:1"],
      extraHosts: [
        { host: "db", ip: "10.0.0.3" },
        { host: "v6", ip: "fd00::3" },
        { host: "gw", ip: "host-gateway" },
      ],
      expose: [
        { port: 80, protocol: "tcp" },
        { port: 53, protocol: "udp" },
        { port: 9000, protocol: "tcp" },
        { port: 9001, protocol: "tcp" },
        { port: 9002, protocol: "tcp" },
      ],
      domainname: "corp.example",
    });
  });

  it("explains DNS, host and port values it cannot read", () => {
    expect(
      parse("docker run --dns dns.example --add-host db --add-host x:nowhere --expose 80/ftp nginx")
        .errors,
    ).toEqual([
      "--add-host db: write it as name:ip, e.g. db:10.0.0.2.",
      "--expose 80/ftp: write it as port[/protocol] or a range, e.g. 80, 53/udp or 8000-8010.",
      "DNS server (--dns): Not an IP address.",
      'Extra host "x" (--add-host): Not an IP address.',
    ]);
  });

  it("refuses what a container sharing another's network cannot have", () => {
    expect(
      parse("docker run --network container:web -h me --dns 10.0.0.2 -p 80:80 nginx").errors,
    ).toEqual([
      "Hostname (-h): The host name comes from the container whose network this one shares.",
      "DNS server (--dns): DNS comes from the container whose network this one shares.",
      "Published ports (-p, -P): Published ports belong to the container whose network this one shares.",
    ]);
  });
});

describe("parseDockerRun: devices, kernel and resources", () => {
  it("reads --device in every form docker takes", () => {
    expect(
      clean(
        "docker run --device /dev/null --device /dev/zero:/dev/z --device /dev/fuse:r --device /dev/kvm:/dev/kvm:rw nginx",
      ).devices,
    ).toEqual([
      { hostPath: "/dev/null", permissions: "rwm" },
      { hostPath: "/dev/zero", containerPath: "/dev/z", permissions: "rwm" },
      { hostPath: "/dev/fuse", permissions: "r" },
      { hostPath: "/dev/kvm", permissions: "rw" },
    ]);
  });

  it("explains devices it cannot use", () => {
    const result = parse(
      "docker run --device /dev/a:/dev/b:rwx --device dev/x --device /dev/a:b --device /a:/b:/c:/d --device nvidia.com/gpu=all nginx",
    );
    expect(result.errors).toEqual([
      '--device /dev/a:/dev/b:rwx: "rwx" is not a device mode; use r, w and m, e.g. rwm.',
      '--device dev/x: "dev/x" is a relative path, which a pasted line cannot resolve: write the absolute host path.',
      "--device /dev/a:b: b is not an absolute path in the container.",
      "--device /a:/b:/c:/d: write it as /dev/host[:/dev/container][:rwm].",
    ]);
    expect(result.unknownFlags).toEqual([
      "--device nvidia.com/gpu=all (CDI devices need a newer engine API than 1.41)",
    ]);
  });

  it.each([
    ["all", { count: "all" }],
    ["2", { count: 2 }],
    ["count=3,driver=nvidia", { count: 3, driver: "nvidia" }],
    [`'"device=0,1"'`, { deviceIds: ["0", "1"] }],
    ["driver=nvidia", { count: 1, driver: "nvidia" }],
    [
      `'"capabilities=compute,utility",count=all'`,
      { count: "all", capabilities: ["compute", "utility", "gpu"] },
    ],
  ])("reads --gpus %s", (value, gpus) => {
    expect(clean(`docker run --gpus ${value} nvidia/cuda`).gpus).toEqual(gpus);
  });

  it("explains --gpus values it cannot read", () => {
    expect(
      parse("docker run --gpus many nginx").errors.concat(
        parse("docker run --gpus all --gpus 1 nginx").errors,
        parse("docker run --gpus count=1,count=2 nginx").errors,
        parse("docker run --gpus options=x=y nginx").errors,
      ),
    ).toEqual([
      '--gpus many: the count "many" is neither all nor a number of GPUs.',
      "--gpus 1: Berth takes one --gpus request per container.",
      "--gpus count=1,count=2: count is given twice.",
      '--gpus options=x=y: "options" is not something Berth can ask of GPUs; use count, device, driver or capabilities.',
    ]);
  });

  it("reads sysctls and ulimits, and refuses what docker refuses", () => {
    expect(
      clean(
        "docker run --sysctl net.core.somaxconn=1024 --sysctl kernel.shmmax=65536 --ulimit nofile=1024:2048 --ulimit nproc=512 --ulimit core=-1 nginx",
      ),
    ).toEqual({
      image: "nginx",
      sysctls: { "net.core.somaxconn": "1024", "kernel.shmmax": "65536" },
      ulimits: [
        { name: "nofile", soft: 1024, hard: 2048 },
        { name: "nproc", soft: 512, hard: 512 },
        { name: "core", soft: -1, hard: -1 },
      ],
    });
    expect(
      parse(
        "docker run --sysctl vm.swappiness=10 --sysctl net.x --ulimit nofiles=1 --ulimit nofile=2:1 --ulimit nofile nginx",
      ).errors,
    ).toEqual([
      "--sysctl vm.swappiness=10: vm.swappiness is not namespaced, so a container cannot set it; net.*, fs.mqueue.*, kernel.msg*, kernel.sem and kernel.shm* can be set.",
      "--sysctl net.x: write it as name=value, e.g. net.core.somaxconn=1024.",
      "--ulimit nofiles=1: nofiles is not a limit; use one of core, cpu, data, fsize, locks, memlock, msgqueue, nice, nofile, nproc, rss, rtprio, rttime, sigpending, stack.",
      "--ulimit nofile=2:1: the soft limit cannot be above the hard limit.",
      "--ulimit nofile: write it as name=soft[:hard], e.g. nofile=1024:2048.",
    ]);
    expect(parse("docker run --sysctl 'net.bad name=1' nginx").errors).toEqual([
      "Sysctl (--sysctl): Not a sysctl name.",
    ]);
  });

  it("reads CPU and memory tuning, with 0 as unset and -1 as unlimited swap", () => {
    expect(
      clean(
        "docker run -c 512 --cpuset-cpus 0-1,3 -m 256m --memory-reservation 128m --memory-swap 1g --shm-size 128m nginx",
      ),
    ).toEqual({
      image: "nginx",
      cpuShares: 512,
      cpusetCpus: "0-1,3",
      memoryBytes: 256 * 1024 ** 2,
      memoryReservationBytes: 128 * 1024 ** 2,
      memorySwapBytes: 1024 ** 3,
      shmSizeBytes: 128 * 1024 ** 2,
    });
    expect(clean("docker run -m 1g --memory-swap -1 --cpu-shares 0 --shm-size 0 nginx")).toEqual({
      image: "nginx",
      memoryBytes: 1024 ** 3,
      memorySwapBytes: -1,
    });
    expect(
      parse("docker run --cpu-shares x --cpuset-cpus a --shm-size big --memory-swap -2 nginx")
        .errors,
    ).toEqual([
      "--cpu-shares x: not a whole number of shares (e.g. 512).",
      "--shm-size big: not a size; use e.g. 64m or 1g.",
      "--memory-swap -2: not a size; use e.g. 64m or 1g (or -1 for no limit).",
      "CPU set (--cpuset-cpus): List CPUs as 0-2,4.",
    ]);
  });

  it("reads cgroup parent and extra groups", () => {
    expect(
      clean("docker run --cgroup-parent /berth --group-add audio --group-add 1001 nginx"),
    ).toEqual({ image: "nginx", cgroupParent: "/berth", groupAdd: ["audio", "1001"] });
  });
});

describe("parseDockerRun: process, logging and image", () => {
  it("reads init, stop signal and timeout", () => {
    expect(clean("docker run --init --stop-signal SIGQUIT --stop-timeout 30 nginx")).toEqual({
      image: "nginx",
      init: true,
      stopSignal: "SIGQUIT",
      stopTimeoutSeconds: 30,
    });
    expect(clean("docker run --init=false nginx").init).toBe(false);
    expect(parse("docker run --stop-timeout soon --stop-signal 'KILL ME' nginx").errors).toEqual([
      "--stop-timeout soon: not a whole number of seconds.",
      "Stop signal (--stop-signal): Not a signal name or number.",
    ]);
  });

  it("reads the log driver and its options", () => {
    expect(
      clean("docker run --log-driver json-file --log-opt max-size=10m --log-opt max-file=3 nginx"),
    ).toEqual({
      image: "nginx",
      logDriver: "json-file",
      logOptions: { "max-size": "10m", "max-file": "3" },
    });
    expect(parse("docker run --log-opt max-size nginx").errors).toEqual([
      "--log-opt max-size: write it as name=value, e.g. max-size=10m.",
    ]);
    expect(parse("docker run --log-driver none --log-opt max-size=1m nginx").errors).toEqual([
      "--log-opt cannot be used with --log-driver none, which keeps no logs.",
    ]);
  });

  it("reads the platform and the pull policy", () => {
    expect(clean("docker run --platform linux/ARM64 --pull always nginx")).toEqual({
      image: "nginx",
      platform: "linux/arm64",
      pullPolicy: "always",
    });
    expect(clean("docker run --pull=never nginx").pullPolicy).toBe("never");
    expect(parse("docker run --pull sometimes --platform linux/arm64/v8/x nginx").errors).toEqual([
      "--pull sometimes: use always, missing or never.",
      "Platform (--platform): Write a platform as os/arch, e.g. linux/arm64.",
    ]);
  });
});

describe("formatDockerRun", () => {
  it("writes a minimal spec", () => {
    expect(formatDockerRun({ image: "nginx" })).toBe("docker run -d nginx");
    expect(formatDockerRun({ image: "nginx", start: false })).toBe("docker create nginx");
  });

  it("quotes what a shell would otherwise change", () => {
    expect(
      formatDockerRun({
        image: "alpine",
        env: [
          { key: "A", value: "it's $HOME" },
          { key: "B", value: "" },
        ],
        command: ["sh", "-c", "echo hi && sleep 1"],
      }),
    ).toBe(`docker run -d -e 'A=it'\\''s $HOME' -e B= alpine sh -c 'echo hi && sleep 1'`);
  });

  it("writes every port form", () => {
    expect(formatPublish({ containerPort: 80 })).toBe("80");
    expect(formatPublish({ hostPort: 8080, containerPort: 80, protocol: "tcp" })).toBe("8080:80");
    expect(formatPublish({ hostIp: "127.0.0.1", containerPort: 53, protocol: "udp" })).toBe(
      "127.0.0.1::53/udp",
    );
    expect(formatPublish({ hostIp: "::1", hostPort: 8080, containerPort: 80 })).toBe(
      "[::1]:8080:80",
    );
  });

  it("uses --mount when a path has a colon in it", () => {
    expect(
      formatDockerRun({
        image: "a",
        binds: [{ source: "/srv/a:b,c", target: "/data", readOnly: true }],
      }),
    ).toBe(`docker run -d --mount 'type=bind,"source=/srv/a:b,c",target=/data,readonly' a`);
  });

  it("writes a multi-line command a shell reads back", () => {
    const text = formatDockerRun(
      { image: "nginx", name: "web", ports: [{ hostPort: 80, containerPort: 80 }] },
      { multiline: true },
    );
    expect(text).toBe("docker run -d \\\n  --name web \\\n  -p 80:80 \\\n  nginx");
  });

  it("writes the namespace, device and GPU flags as docker spells them", () => {
    expect(
      formatDockerRun({
        image: "cuda",
        interactive: true,
        tty: true,
        networkMode: "host",
        pidMode: "host",
        devices: [{ hostPath: "/dev/fuse", containerPath: "/dev/f", permissions: "rw" }],
        gpus: { deviceIds: ["0", "1"], capabilities: ["compute", "gpu"] },
        ulimits: [{ name: "nofile", soft: 1024, hard: 2048 }],
        memorySwapBytes: -1,
        init: false,
        pullPolicy: "never",
      }),
    ).toBe(
      `docker run -d -i -t --pull never --network host --memory-swap -1 --ulimit nofile=1024:2048 --pid host --device /dev/fuse:/dev/f:rw --gpus '"device=0,1",capabilities=compute' --init=false cuda`,
    );
  });

  it("writes what docker run cannot say exactly as its closest equivalent", () => {
    expect(
      formatDockerRun({
        image: "app",
        entrypoint: ["/bin/sh", "-c"],
        command: ["exec app"],
        healthcheck: { test: ["CMD", "curl", "-f", "http://localhost/a b"] },
      }),
    ).toBe(
      `docker run -d --entrypoint /bin/sh --health-cmd 'curl -f '\\''http://localhost/a b'\\''' app -c 'exec app'`,
    );
  });
});

describe("round trip: parse(format(spec))", () => {
  const full: RunSpecInput = {
    image: "registry.example.com:5000/team/app:1.2",
    name: "app-1",
    command: ["serve", "--port", "8080", "it's", "", "$HOME", "a\nb"],
    entrypoint: ["/entry point.sh"],
    workingDir: "/srv/app",
    user: "1000:1000",
    hostname: "app.internal",
    env: [
      { key: "PLAIN", value: "x" },
      { key: "SPACES", value: "a b  c" },
      { key: "QUOTES", value: `'single' "double" \\ back` },
      { key: "EMPTY", value: "" },
      { key: "EQUALS", value: "a=b=c" },
      { key: "DOLLAR", value: "$(rm -rf /) `id` ${X}" },
    ],
    ports: [
      { hostPort: 8080, containerPort: 80, protocol: "tcp" },
      { containerPort: 9000, protocol: "tcp" },
      { hostIp: "127.0.0.1", containerPort: 53, protocol: "udp" },
      { hostIp: "::1", hostPort: 8443, containerPort: 443, protocol: "tcp" },
      { hostIp: "0.0.0.0", hostPort: 3000, containerPort: 3000, protocol: "sctp" },
    ],
    publishAll: true,
    volumes: [
      { name: "data", target: "/data", readOnly: false },
      { name: "conf.v2", target: "/etc/app", readOnly: true },
    ],
    binds: [
      { source: "/srv/www", target: "/var/www", readOnly: true },
      { source: "/srv/with space", target: "/x", readOnly: false },
      { source: "/srv/odd:name,x", target: "/y", readOnly: true },
    ],
    tmpfs: [{ target: "/run" }, { target: "/tmp", options: "size=64m,mode=1777" }],
    networks: [
      {
        name: "front",
        aliases: ["web", "www"],
        ipv4Address: "172.20.0.10",
        ipv6Address: "fd00:1::10",
      },
      { name: "back", aliases: [] },
      { name: "db", aliases: ["app-db"], ipv4Address: "172.21.0.10", ipv6Address: "fd00:2::10" },
    ],
    macAddress: "02:42:ac:14:00:0a",
    dns: ["10.0.0.2", "fd00::53"],
    dnsSearch: ["corp.example", "."],
    dnsOptions: ["ndots:2", "timeout:1"],
    extraHosts: [
      { host: "db.local", ip: "10.0.0.3" },
      { host: "v6", ip: "fd00::3" },
      { host: "gw", ip: "host-gateway" },
    ],
    expose: [
      { port: 9100, protocol: "tcp" },
      { port: 5353, protocol: "udp" },
    ],
    domainname: "corp.example",
    pidMode: "container:db",
    ipcMode: "shareable",
    usernsMode: "host",
    cgroupnsMode: "private",
    restartPolicy: { name: "on-failure", maxRetries: 5 },
    cpus: 1.5,
    memoryBytes: 768 * 1024 * 1024,
    pidsLimit: 200,
    cpuShares: 512,
    cpusetCpus: "0-1,3",
    memoryReservationBytes: 256 * 1024 * 1024,
    memorySwapBytes: 2 * 1024 * 1024 * 1024,
    shmSizeBytes: 128 * 1024 * 1024,
    ulimits: [
      { name: "nofile", soft: 1024, hard: 2048 },
      { name: "nproc", soft: 100, hard: 100 },
    ],
    readOnlyRootfs: true,
    privileged: true,
    capAdd: ["NET_ADMIN"],
    capDrop: ["ALL"],
    noNewPrivileges: true,
    securityOpt: [
      "seccomp=unconfined",
      "label=disable",
      "systempaths=unconfined",
      'seccomp={"defaultAction": "SCMP_ACT_LOG", "names": ["a,b"]}',
    ],
    devices: [
      { hostPath: "/dev/null", permissions: "rwm" },
      { hostPath: "/dev/zero", containerPath: "/dev/z", permissions: "r" },
    ],
    gpus: { count: 2, driver: "nvidia", capabilities: ["compute", "utility", "gpu"] },
    sysctls: { "net.core.somaxconn": "1024", "kernel.shm_rmid_forced": "1" },
    cgroupParent: "/berth",
    groupAdd: ["audio", "1001"],
    init: true,
    stopSignal: "SIGQUIT",
    stopTimeoutSeconds: 20,
    logDriver: "json-file",
    logOptions: { "max-size": "10m", "max-file": "3" },
    interactive: true,
    tty: true,
    platform: "linux/amd64",
    pullPolicy: "always",
    labels: { "com.example.team": "core", empty: "", spaced: "a b" },
    healthcheck: {
      test: ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"],
      intervalSeconds: 90,
      timeoutSeconds: 0.5,
      startPeriodSeconds: 30,
      retries: 3,
    },
    autoRemove: false,
    start: true,
  };

  const normal = (spec: RunSpecInput) => RunSpecSchema.parse(spec);

  it.each([false, true])("keeps a spec that uses every field (multiline: %s)", (multiline) => {
    const line = formatDockerRun(full, { multiline });
    const result = parse(line);
    expect(result.errors).toEqual([]);
    expect(result.unknownFlags).toEqual([]);
    expect(result.ignoredFlags).toEqual(["-d"]);
    expect(normal(result.spec)).toEqual(normal(full));
  });

  it.each<RunSpecInput>([
    { image: "nginx" },
    { image: "nginx", start: false, autoRemove: true },
    { image: "alpine", entrypoint: [""] },
    { image: "alpine", healthcheck: { test: ["NONE"] } },
    { image: "alpine", restartPolicy: { name: "unless-stopped" }, memoryBytes: 1536 * 1024 * 1024 },
    { image: "alpine", restartPolicy: { name: "on-failure" } },
    { image: "alpine", memoryBytes: 10_000_001 },
    {
      image: "alpine",
      networks: [
        { name: "a", aliases: [] },
        { name: "b", aliases: ["x,y"] },
      ],
    },
    {
      image: "alpine",
      networkMode: "host",
      utsMode: "host",
      init: false,
      memoryBytes: 64 * 1024 * 1024,
      memorySwapBytes: -1,
      gpus: { count: "all" },
      pullPolicy: "never",
    },
    { image: "alpine", networkMode: "container:web", pidMode: "host", ipcMode: "container:web" },
    { image: "alpine", networkMode: "none", gpus: { deviceIds: ["0", "GPU-1a2b"] } },
  ])("keeps %j", (spec) => {
    const result = parse(formatDockerRun(spec));
    expect(result.errors).toEqual([]);
    expect(result.unknownFlags).toEqual([]);
    expect(normal(result.spec)).toEqual(normal(spec));
  });

  it("reads its own output of a pasted line back to the same spec", () => {
    const pasted = `sudo docker run -dit --rm --name web -p 127.0.0.1:8080:80 -e "GREETING=hello world" -v /srv/site:/usr/share/nginx/html:ro --mount type=tmpfs,target=/cache,tmpfs-size=16m --network front --network-alias www --cpus .5 -m 256m --health-cmd "wget -qO- localhost || exit 1" --health-interval 30s nginx:1.27 nginx -g 'daemon off;'`;
    const first = parse(pasted);
    expect(first.errors).toEqual([]);
    const again = parse(formatDockerRun(first.spec));
    expect(again.errors).toEqual([]);
    expect(again.spec).toEqual(first.spec);
  });
});
