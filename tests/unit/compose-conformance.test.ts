import { describe, expect, it } from "vitest";
import { compilePlan } from "../../agent/src/compose/compile-plan";
import {
  ComposeSourceSchema,
  type ComposePlan,
  type ComposePlannedNetwork,
  type ComposePlannedService,
  type ComposePlannedVolume,
} from "../../lib/protocol/compose";
import type { RunSpec } from "../../lib/protocol/containers";

/**
 * Conformance: compose files and the Engine API objects they must compile to. Each expected
 * field is compared exactly; fields a row does not name are left to other rows.
 */
interface Row {
  name: string;
  files: Record<string, string>;
  composeFiles?: string[];
  environment?: Record<string, string>;
  profiles?: string[];
  services?: Record<
    string,
    Partial<Omit<ComposePlannedService, "spec">> & { spec?: Partial<RunSpec> }
  >;
  networks?: ComposePlannedNetwork[];
  volumes?: ComposePlannedVolume[];
  plan?: Partial<ComposePlan>;
}

const compose = (labels: Record<string, string>) => ({
  ...labels,
  "com.docker.compose.version": "2.40.3",
});

const TABLE: Row[] = [
  {
    name: "ports in short and long form",
    files: {
      "compose.yaml": `services:
  web:
    image: nginx
    ports:
      - "8080:80"
      - "127.0.0.1:5353:53/udp"
      - "9000"
      - "7000-7001:7000-7001"
      - target: 443
        published: "8443"
        host_ip: 0.0.0.0
        protocol: tcp
`,
    },
    services: {
      web: {
        spec: {
          ports: [
            { hostPort: 8080, containerPort: 80, protocol: "tcp" },
            { hostIp: "127.0.0.1", hostPort: 5353, containerPort: 53, protocol: "udp" },
            { containerPort: 9000, protocol: "tcp" },
            { hostPort: 7000, containerPort: 7000, protocol: "tcp" },
            { hostPort: 7001, containerPort: 7001, protocol: "tcp" },
            { hostIp: "0.0.0.0", hostPort: 8443, containerPort: 443, protocol: "tcp" },
          ],
        },
      },
    },
  },
  {
    name: "named, anonymous, bind and tmpfs volumes",
    files: {
      "compose.yaml": `services:
  db:
    image: postgres
    volumes:
      - data:/var/lib/postgresql/data
      - /scratch
      - ./init:/docker-entrypoint-initdb.d:ro
      - /srv/backups:/backups
      - type: tmpfs
        target: /run/cache
        tmpfs: { size: 64m }
    tmpfs: /tmp
volumes:
  data: {}
`,
    },
    services: {
      db: {
        spec: {
          volumes: [
            { name: "app_data", target: "/var/lib/postgresql/data", readOnly: false },
            { name: "app_db_ad8614040b5f", target: "/scratch", readOnly: false },
          ],
          binds: [
            {
              source: "/srv/stacks/app/init",
              target: "/docker-entrypoint-initdb.d",
              readOnly: true,
            },
            { source: "/srv/backups", target: "/backups", readOnly: false },
          ],
          tmpfs: [{ target: "/run/cache", options: "size=67108864" }, { target: "/tmp" }],
        },
      },
    },
    volumes: [
      {
        key: "data",
        name: "app_data",
        external: false,
        spec: {
          name: "app_data",
          driver: "local",
          driverOpts: {},
          labels: compose({
            "com.docker.compose.project": "app",
            "com.docker.compose.volume": "data",
          }),
        },
      },
      {
        key: "db_ad8614040b5f",
        name: "app_db_ad8614040b5f",
        external: false,
        spec: {
          name: "app_db_ad8614040b5f",
          driver: "local",
          driverOpts: {},
          labels: compose({
            "com.docker.compose.project": "app",
            "com.docker.compose.volume": "db_ad8614040b5f",
          }),
        },
      },
    ],
  },
  {
    name: "external and explicitly named volumes",
    files: {
      "compose.yaml": `services:
  app:
    image: busybox
    volumes: [shared:/shared, media:/media]
volumes:
  shared: { external: true }
  media:
    name: media-library
    driver_opts: { type: none, o: bind, device: /srv/media }
    labels: { owner: ops }
`,
    },
    volumes: [
      { key: "shared", name: "shared", external: true },
      {
        key: "media",
        name: "media-library",
        external: false,
        spec: {
          name: "media-library",
          driver: "local",
          driverOpts: { type: "none", o: "bind", device: "/srv/media" },
          labels: compose({
            owner: "ops",
            "com.docker.compose.project": "app",
            "com.docker.compose.volume": "media",
          }),
        },
      },
    ],
  },
  {
    name: "networks with aliases, static addresses and priority",
    files: {
      "compose.yaml": `services:
  api:
    image: api
    networks:
      back:
        aliases: [api.internal]
        ipv4_address: 10.20.0.10
      front:
        priority: 10
networks:
  front: {}
  back:
    internal: true
    ipam:
      config:
        - subnet: 10.20.0.0/24
          gateway: 10.20.0.1
`,
    },
    services: {
      api: {
        spec: {
          networks: [
            { name: "app_front", aliases: ["api"] },
            { name: "app_back", aliases: ["api", "api.internal"], ipv4Address: "10.20.0.10" },
          ],
        },
      },
    },
    networks: [
      {
        key: "front",
        name: "app_front",
        external: false,
        spec: {
          name: "app_front",
          driver: "bridge",
          ipam: [],
          enableIPv6: false,
          internal: false,
          attachable: false,
          labels: compose({
            "com.docker.compose.project": "app",
            "com.docker.compose.network": "front",
          }),
          options: {},
        },
      },
      {
        key: "back",
        name: "app_back",
        external: false,
        spec: {
          name: "app_back",
          driver: "bridge",
          ipam: [{ subnet: "10.20.0.0/24", gateway: "10.20.0.1" }],
          enableIPv6: false,
          internal: true,
          attachable: false,
          labels: compose({
            "com.docker.compose.project": "app",
            "com.docker.compose.network": "back",
          }),
          options: {},
        },
      },
    ],
  },
  {
    name: "the default network when a service joins none, and an external network by name",
    files: {
      "compose.yaml": `services:
  web:
    image: nginx
  proxy:
    image: traefik
    networks: [edge]
networks:
  edge:
    external: true
    name: shared-edge
`,
    },
    services: {
      web: { spec: { networks: [{ name: "app_default", aliases: ["web"] }] } },
      proxy: { spec: { networks: [{ name: "shared-edge", aliases: ["proxy"] }] } },
    },
    networks: [
      { key: "edge", name: "shared-edge", external: true },
      {
        key: "default",
        name: "app_default",
        external: false,
        spec: {
          name: "app_default",
          driver: "bridge",
          ipam: [],
          enableIPv6: false,
          internal: false,
          attachable: false,
          labels: compose({
            "com.docker.compose.project": "app",
            "com.docker.compose.network": "default",
          }),
          options: {},
        },
      },
    ],
  },
  {
    name: "healthcheck durations and test forms",
    files: {
      "compose.yaml": `services:
  db:
    image: postgres
    healthcheck:
      test: pg_isready -U app
      interval: 1m30s
      timeout: 500ms
      start_period: 1h2m
      retries: 5
  web:
    image: nginx
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost"]
  quiet:
    image: busybox
    healthcheck: { disable: true }
`,
    },
    services: {
      db: {
        spec: {
          healthcheck: {
            test: ["CMD-SHELL", "pg_isready -U app"],
            intervalSeconds: 90,
            timeoutSeconds: 0.5,
            startPeriodSeconds: 3720,
            retries: 5,
          },
        },
      },
      web: { spec: { healthcheck: { test: ["CMD", "curl", "-f", "http://localhost"] } } },
      quiet: { spec: { healthcheck: { test: ["NONE"] } } },
    },
  },
  {
    name: "deploy resources, replicas and restart policies",
    files: {
      "compose.yaml": `services:
  worker:
    image: worker
    deploy:
      replicas: 3
      resources:
        limits: { cpus: "1.5", memory: 1g, pids: 200 }
        reservations: { memory: 256M }
      restart_policy: { condition: on-failure, max_attempts: 4 }
  web:
    image: nginx
    restart: unless-stopped
    mem_limit: 64m
    scale: 2
  once:
    image: busybox
    restart: "no"
`,
    },
    services: {
      worker: {
        replicas: 3,
        spec: {
          cpus: 1.5,
          memoryBytes: 1024 ** 3,
          memoryReservationBytes: 256 * 1024 ** 2,
          pidsLimit: 200,
          restartPolicy: { name: "on-failure", maxRetries: 4 },
        },
      },
      web: {
        replicas: 2,
        spec: { memoryBytes: 64 * 1024 ** 2, restartPolicy: { name: "unless-stopped" } },
      },
      once: { replicas: 1, spec: { restartPolicy: { name: "no" } } },
    },
  },
  {
    name: "env_file, .env and interpolation with defaults, required values and $$",
    files: {
      "compose.yaml": `services:
  app:
    image: "app:\${TAG:-latest}"
    env_file: [app.env]
    environment:
      GREETING: "\${GREETING:?set a greeting}"
      PRICE: "$$5"
      MODE: override
    command: ["echo", "\${UNSET:-fallback}"]
`,
      ".env": "GREETING=hello\nTAG=\n",
      "app.env": "MODE=from-file\nDB_URL=postgres://db/${GREETING}\n",
    },
    services: {
      app: {
        spec: {
          image: "app:latest",
          command: ["echo", "fallback"],
          env: [
            { key: "MODE", value: "override" },
            { key: "DB_URL", value: "postgres://db/hello" },
            { key: "GREETING", value: "hello" },
            { key: "PRICE", value: "$5" },
          ],
        },
      },
    },
  },
  {
    name: "the shell environment of the deploy wins over .env",
    files: {
      "compose.yaml": "services:\n  app:\n    image: app:${TAG}\n",
      ".env": "TAG=1\n",
    },
    environment: { TAG: "2" },
    services: { app: { spec: { image: "app:2" } } },
  },
  {
    name: "extends within the file and from another file",
    files: {
      "compose.yaml": `services:
  base:
    image: base
    environment: { A: "1", B: "1" }
    cap_drop: [ALL]
  web:
    extends: base
    environment: { B: "2" }
  api:
    extends: { file: common.yaml, service: api-base }
    user: "1000"
`,
      "common.yaml": "services:\n  api-base:\n    image: api\n    read_only: true\n",
    },
    services: {
      web: {
        spec: {
          image: "base",
          env: [
            { key: "A", value: "1" },
            { key: "B", value: "2" },
          ],
          capDrop: ["ALL"],
        },
      },
      api: { spec: { image: "api", readOnlyRootfs: true, user: "1000" } },
    },
  },
  {
    name: "two files merged, the later one winning",
    files: {
      "compose.yaml": `services:
  web:
    image: nginx:1.25
    ports: ["80:80"]
    command: ["nginx", "-g", "daemon off;"]
    labels: { tier: web, team: a }
`,
      "compose.prod.yaml": `services:
  web:
    image: nginx:1.27
    ports: ["443:443"]
    command: ["nginx"]
    labels: { team: b }
`,
    },
    composeFiles: ["compose.yaml", "compose.prod.yaml"],
    services: {
      web: {
        spec: {
          image: "nginx:1.27",
          ports: [
            { hostPort: 80, containerPort: 80, protocol: "tcp" },
            { hostPort: 443, containerPort: 443, protocol: "tcp" },
          ],
          command: ["nginx"],
          labels: { tier: "web", team: "b" },
        },
      },
    },
    plan: {
      configFiles: ["/srv/stacks/app/compose.yaml", "/srv/stacks/app/compose.prod.yaml"],
    },
  },
  {
    name: "profiles leave services out without making them orphans",
    files: {
      "compose.yaml": `services:
  web:
    image: nginx
  debug:
    image: busybox
    profiles: [tools]
    volumes: [scratch:/s]
  metrics:
    image: prom
    profiles: [monitoring]
volumes:
  scratch: {}
`,
    },
    profiles: ["monitoring"],
    plan: { disabledServices: ["debug"] },
    volumes: [],
  },
  {
    name: "configs and secrets as file contents",
    files: {
      "compose.yaml": `services:
  web:
    image: nginx
    configs:
      - source: site
        target: /etc/nginx/conf.d/site.conf
        mode: 0440
    secrets: [token]
configs:
  site: { file: ./nginx/site.conf }
secrets:
  token: { content: "t0k3n" }
`,
      "nginx/site.conf": "server { listen 80; }\n",
    },
    services: {
      web: {
        files: [
          {
            kind: "config",
            name: "site",
            target: "/etc/nginx/conf.d/site.conf",
            content: "server { listen 80; }\n",
            mode: 0o440,
          },
          { kind: "secret", name: "token", target: "/run/secrets/token", content: "t0k3n" },
        ],
      },
    },
  },
  {
    name: "container_name",
    files: {
      "compose.yaml": "services:\n  db:\n    image: postgres\n    container_name: main-db\n",
    },
    services: { db: { containerName: "main-db", replicas: 1 } },
  },
  {
    name: "network_mode service:, host and none",
    files: {
      "compose.yaml": `services:
  vpn:
    image: vpn
    container_name: vpn-gw
  app:
    image: app
    network_mode: service:vpn
  sidecar:
    image: sidecar
    network_mode: service:app
  probe:
    image: probe
    network_mode: host
  sealed:
    image: sealed
    network_mode: none
`,
    },
    services: {
      app: {
        spec: { networkMode: "container:vpn-gw", networks: [] },
        dependsOn: { vpn: { condition: "service_started", required: true, restart: true } },
      },
      sidecar: { spec: { networkMode: "container:app-app-1" } },
      probe: { spec: { networkMode: "host", networks: [] } },
      sealed: { spec: { networkMode: "none" } },
    },
  },
  {
    name: "build with context, dockerfile, args and target",
    files: {
      "compose.yaml": `services:
  api:
    build:
      context: ./api
      dockerfile: docker/Dockerfile.prod
      args: { VERSION: "1.2", EMPTY: }
      target: runtime
      labels: [org.example.team=api]
  worker:
    image: registry.example/worker:1
    build: ./worker
  inline:
    build:
      dockerfile_inline: "FROM busybox"
`,
      "api/docker/Dockerfile.prod": "FROM busybox AS runtime\n",
      "worker/Dockerfile": "FROM busybox\n",
    },
    services: {
      api: {
        spec: { image: "app-api", pullPolicy: "missing" },
        pullPolicy: "build",
        build: {
          context: "api",
          dockerfile: "docker/Dockerfile.prod",
          args: { VERSION: "1.2" },
          target: "runtime",
          labels: { "org.example.team": "api" },
          noCache: false,
          pull: false,
        },
      },
      worker: {
        spec: { image: "registry.example/worker:1" },
        pullPolicy: "missing",
        build: {
          context: "worker",
          dockerfile: "Dockerfile",
          args: {},
          labels: {},
          noCache: false,
          pull: false,
        },
      },
      inline: {
        build: {
          context: ".",
          dockerfile: "Dockerfile",
          dockerfileInline: "FROM busybox",
          args: {},
          labels: {},
          noCache: false,
          pull: false,
        },
      },
    },
  },
  {
    name: "depends_on with conditions",
    files: {
      "compose.yaml": `services:
  db: { image: postgres }
  migrate: { image: migrate }
  api:
    image: api
    depends_on:
      db: { condition: service_healthy, restart: true }
      migrate: { condition: service_completed_successfully, required: false }
`,
    },
    services: {
      api: {
        dependsOn: {
          db: { condition: "service_healthy", required: true, restart: true },
          migrate: { condition: "service_completed_successfully", required: false, restart: false },
        },
      },
    },
  },
  {
    name: "runtime and security options",
    files: {
      "compose.yaml": `services:
  app:
    image: app
    entrypoint: /bin/sh -c
    command: "'echo hi'"
    working_dir: /app
    user: "1000:1000"
    hostname: app-host
    cap_add: [NET_ADMIN]
    cap_drop: [ALL]
    privileged: false
    read_only: true
    security_opt: ["no-new-privileges:true", "seccomp=unconfined"]
    devices: ["/dev/fuse:/dev/fuse:rwm"]
    dns: [1.1.1.1]
    extra_hosts: ["db.local:10.0.0.5", "host.docker.internal=host-gateway"]
    ulimits: { nofile: { soft: 1024, hard: 4096 }, nproc: 512 }
    sysctls: { net.core.somaxconn: 1024 }
    shm_size: 256m
    stop_signal: SIGINT
    stop_grace_period: 1m
    init: true
    tty: true
    stdin_open: true
    pid: host
    ipc: shareable
    logging: { driver: json-file, options: { max-size: 10m } }
    expose: ["3000", "4000-4001/udp"]
    platform: linux/amd64
    pull_policy: always
`,
    },
    services: {
      app: {
        pullPolicy: "always",
        spec: {
          entrypoint: ["/bin/sh", "-c"],
          command: ["echo hi"],
          workingDir: "/app",
          user: "1000:1000",
          hostname: "app-host",
          capAdd: ["NET_ADMIN"],
          capDrop: ["ALL"],
          privileged: false,
          readOnlyRootfs: true,
          noNewPrivileges: true,
          securityOpt: ["seccomp=unconfined"],
          devices: [{ hostPath: "/dev/fuse", containerPath: "/dev/fuse", permissions: "rwm" }],
          dns: ["1.1.1.1"],
          extraHosts: [
            { host: "db.local", ip: "10.0.0.5" },
            { host: "host.docker.internal", ip: "host-gateway" },
          ],
          ulimits: [
            { name: "nofile", soft: 1024, hard: 4096 },
            { name: "nproc", soft: 512, hard: 512 },
          ],
          sysctls: { "net.core.somaxconn": "1024" },
          shmSizeBytes: 256 * 1024 ** 2,
          stopSignal: "SIGINT",
          stopTimeoutSeconds: 60,
          init: true,
          tty: true,
          interactive: true,
          pidMode: "host",
          ipcMode: "shareable",
          logDriver: "json-file",
          logOptions: { "max-size": "10m" },
          expose: [
            { port: 3000, protocol: "tcp" },
            { port: 4000, protocol: "udp" },
            { port: 4001, protocol: "udp" },
          ],
          platform: "linux/amd64",
          pullPolicy: "always",
        },
      },
    },
  },
];

function compile(row: Row) {
  const files = Object.entries(row.files).map(([path, content]) => ({ path, content }));
  const source = ComposeSourceSchema.parse({
    project: "app",
    files,
    composeFiles: row.composeFiles ?? ["compose.yaml"],
    environment: row.environment ?? {},
    profiles: row.profiles ?? [],
  });
  return compilePlan(source, "/srv/stacks");
}

describe("compose conformance", () => {
  it("has a row for each feature the issue lists", () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(15);
  });

  it.each(TABLE)("$name", (row) => {
    const result = compile(row);
    expect(result.problems).toEqual([]);
    const plan = result.plan as ComposePlan;
    for (const [name, expected] of Object.entries(row.services ?? {})) {
      const service = plan.services.find((candidate) => candidate.name === name);
      if (!service) throw new Error(`no service ${name} in the plan`);
      const { spec, ...fields } = expected;
      for (const [key, value] of Object.entries(spec ?? {})) {
        expect({ [key]: service.spec[key as keyof RunSpec] }).toEqual({ [key]: value });
      }
      for (const [key, value] of Object.entries(fields)) {
        expect({ [key]: service[key as keyof ComposePlannedService] }).toEqual({ [key]: value });
      }
    }
    if (row.networks) expect(plan.networks).toEqual(row.networks);
    if (row.volumes) expect(plan.volumes).toEqual(row.volumes);
    for (const [key, value] of Object.entries(row.plan ?? {})) {
      expect({ [key]: plan[key as keyof ComposePlan] }).toEqual({ [key]: value });
    }
  });
});
