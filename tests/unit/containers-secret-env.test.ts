import { describe, expect, it } from "vitest";
import {
  SECRET_MASK,
  hasCredentialsInValue,
  isSecretEnvName,
  maskEnv,
  maskEnvEntries,
  maskHistoryStep,
} from "@/lib/containers/secret-env";

describe("isSecretEnvName", () => {
  it.each([
    "PASSWORD",
    "POSTGRES_PASSWORD",
    "MYSQL_ROOT_PASSWORD",
    "DB_PASS",
    "REDIS_PASSWD",
    "MYSQL_PWD",
    "PGPASSWORD",
    "SSH_PASSPHRASE",
    "SECRET",
    "CLIENT_SECRET",
    "SECRET_KEY_BASE",
    "NEXTAUTH_SECRET",
    "DJANGO_SECRETS",
    "GITHUB_TOKEN",
    "GHTOKEN",
    "ACCESS_TOKEN",
    "SLACK_BOT_TOKENS",
    "API_KEY",
    "APIKEY",
    "STRIPE_API_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "PRIVATE_KEY",
    "JWT_PRIVATE_KEY",
    "ENCRYPTION_KEY",
    "SIGNINGKEY",
    "KEY",
    "SENDGRID_KEYS",
    "GOOGLE_APPLICATION_CREDENTIALS",
    "DOCKER_CREDS",
    "SENTRY_DSN",
    "DSN",
    "DATABASE_URL",
    "DB_URI",
    "ANALYTICS_DATABASE_URL",
    "AZURE_CONNECTION_STRING",
    "AUTH_SALT",
    "dbPassword",
    "apiKey",
    "accessToken",
    "clientSecret",
    "db-password",
    "smtp.password",
  ])("masks %s", (name) => {
    expect(isSecretEnvName(name)).toBe(true);
  });

  it.each([
    "PATH",
    "HOME",
    "PWD",
    "OLDPWD",
    "KEYBOARD",
    "KEYBOARD_LAYOUT",
    "MONKEY",
    "TURKEY_COUNT",
    "WHISKEY",
    "HOCKEY_TEAM",
    "PUBLIC_KEY",
    "VAPID_PUBLIC_KEY",
    "KEY_ID",
    "PASSWORD_FILE",
    "POSTGRES_PASSWORD_FILE",
    "SSH_KEY_PATH",
    "TOKEN_TTL",
    "SECRET_NAME",
    "PASSWORD_MIN_LENGTH",
    "NODE_ENV",
    "TZ",
    "LANG",
    "PASSPORT_STRATEGY",
    "TOKENIZER_MODEL",
    "REDIS_URL",
    "",
  ])("shows %j", (name) => {
    expect(isSecretEnvName(name)).toBe(false);
  });
});

describe("hasCredentialsInValue", () => {
  it.each([
    "postgres://app:s3cret@db:5432/app",
    "redis://:hunter2@cache:6379/0",
    "amqp://guest:guest@rabbit",
    "  mongodb+srv://u:p@cluster0.example.net/db  ",
  ])("sees the password in %j", (value) => {
    expect(hasCredentialsInValue(value)).toBe(true);
  });

  it.each([
    "postgres://db:5432/app",
    "http://example.com:8080/path",
    "https://user@example.com/",
    "user:pass@host",
    "mailto:someone@example.com",
    "",
  ])("sees no password in %j", (value) => {
    expect(hasCredentialsInValue(value)).toBe(false);
  });
});

describe("maskEnv", () => {
  it("splits NAME=value and masks secret values", () => {
    expect(
      maskEnv([
        "PATH=/usr/local/bin:/usr/bin",
        "POSTGRES_PASSWORD=hunter2",
        "EQUALS=a=b=c",
        "EMPTY=",
        "UNSET",
        "CACHE_URL=redis://:pw@cache:6379",
        "API_KEY=",
      ]),
    ).toEqual([
      { name: "PATH", value: "/usr/local/bin:/usr/bin", secret: false },
      { name: "POSTGRES_PASSWORD", value: null, secret: true },
      { name: "EQUALS", value: "a=b=c", secret: false },
      { name: "EMPTY", value: "", secret: false },
      { name: "UNSET", value: "", secret: false },
      { name: "CACHE_URL", value: null, secret: true },
      { name: "API_KEY", value: null, secret: true },
    ]);
  });

  it("keeps order and handles an empty list", () => {
    expect(maskEnv([])).toEqual([]);
    expect(maskEnv(["B=1", "A=2"]).map((e) => e.name)).toEqual(["B", "A"]);
  });
});

describe("masking for image pages", () => {
  it("masks secret values in NAME=value entries and keeps the rest", () => {
    expect(maskEnvEntries(["PATH=/bin", "DB_PASSWORD=hunter2", "URL=postgres://a:b@db/x"])).toEqual(
      ["PATH=/bin", `DB_PASSWORD=${SECRET_MASK}`, `URL=${SECRET_MASK}`],
    );
  });
  it("masks secret build arguments and ENV values in history steps, not the commands", () => {
    expect(maskHistoryStep("|2 API_TOKEN=abc VERSION=1.2 /bin/sh -c echo $VERSION")).toBe(
      `|2 API_TOKEN=${SECRET_MASK} VERSION=1.2 /bin/sh -c echo $VERSION`,
    );
    expect(maskHistoryStep("/bin/sh -c #(nop)  ENV DB_PASSWORD=hunter2 MODE=prod")).toBe(
      `/bin/sh -c #(nop)  ENV DB_PASSWORD=${SECRET_MASK} MODE=prod`,
    );
    expect(maskHistoryStep("/bin/sh -c #(nop) COPY file:abc in /")).toBe(
      "/bin/sh -c #(nop) COPY file:abc in /",
    );
  });
});
