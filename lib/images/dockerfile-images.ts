/**
 * The images a Dockerfile makes the engine pull, so that a build gets the credentials of their
 * registries and of no others. Read as the classic builder reads it: parser directives (the
 * escape character), comments, continued lines, `ARG`s before the first `FROM` with their
 * defaults and the build's `--build-arg` values, `FROM [--platform=…] image [AS name]`, and
 * `COPY --from=image`. Stage names and indexes and `scratch` pull nothing.
 */
export function imagesPulledBy(dockerfile: string, buildArgs: Record<string, string>): string[] {
  const instructions = readInstructions(dockerfile);
  const globalArgs = new Map<string, string>();
  const stages = new Set<string>();
  const images = new Set<string>();
  let seenFrom = false;
  const pulled = (ref: string | null) => {
    if (!ref || ref.toLowerCase() === "scratch" || stages.has(ref.toLowerCase())) return;
    images.add(ref);
  };
  for (const { keyword, args } of instructions) {
    if (keyword === "ARG" && !seenFrom) {
      for (const word of splitWords(args)) {
        const eq = word.indexOf("=");
        const name = eq < 0 ? word : word.slice(0, eq);
        const given = Object.hasOwn(buildArgs, name) ? buildArgs[name] : undefined;
        const value = given ?? (eq < 0 ? undefined : unquote(word.slice(eq + 1)));
        const expanded = value === undefined ? null : expand(value, globalArgs);
        if (expanded !== null) globalArgs.set(name, expanded);
      }
    } else if (keyword === "FROM") {
      seenFrom = true;
      const words = splitWords(args).filter((w) => !w.startsWith("--"));
      pulled(words[0] === undefined ? null : expand(words[0], globalArgs));
      if (words[1]?.toLowerCase() === "as" && words[2]) stages.add(words[2].toLowerCase());
    } else if (keyword === "COPY") {
      for (const word of splitWords(args)) {
        const from = /^--from=(.+)$/i.exec(word)?.[1];
        if (from && !/^\d+$/.test(from)) pulled(expand(unquote(from), globalArgs));
      }
    }
  }
  return [...images];
}

type Instruction = { keyword: string; args: string };

/** Instructions with continued lines joined and comments dropped. */
function readInstructions(text: string): Instruction[] {
  const lines = text.split(/\r?\n/);
  let escape = "\\";
  // Parser directives: `# key=value` lines at the very top, before anything else.
  for (const line of lines) {
    const directive = /^#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(line);
    if (!directive) break;
    if (
      directive[1]!.toLowerCase() === "escape" &&
      (directive[2] === "`" || directive[2] === "\\")
    ) {
      escape = directive[2];
    }
  }
  const instructions: Instruction[] = [];
  let current = "";
  for (const raw of lines) {
    const line = raw.trim();
    if (line.startsWith("#") || (current && line === "")) continue;
    if (line.endsWith(escape)) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    current += line;
    const match = /^(\S+)\s*(.*)$/s.exec(current.trim());
    current = "";
    if (match) instructions.push({ keyword: match[1]!.toUpperCase(), args: match[2]!.trim() });
  }
  return instructions;
}

function splitWords(args: string): string[] {
  return args.split(/\s+/).filter(Boolean);
}

function unquote(value: string): string {
  return /^(["']).*\1$/s.test(value) ? value.slice(1, -1) : value;
}

/**
 * $NAME, ${NAME}, ${NAME:-default} and ${NAME:+alternative}, as the builder substitutes them;
 * null when a name is not set and has no default (the reference cannot be known).
 */
function expand(value: string, vars: Map<string, string>): string | null {
  let unknown = false;
  const out = value.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_, braced: string | undefined, op: string | undefined, word: string | undefined, bare) => {
      const name = (braced ?? bare) as string;
      const set = vars.get(name);
      if (op === "-") return set ? set : (word ?? "");
      if (op === "+") return set ? (word ?? "") : "";
      if (set === undefined) unknown = true;
      return set ?? "";
    },
  );
  return unknown ? null : out;
}
