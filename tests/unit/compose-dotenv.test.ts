import { describe, expect, it } from "vitest";
import { DotenvError, parseDotenv } from "../../agent/src/compose/dotenv";

const parse = (text: string, shell: Record<string, string> = {}) =>
  Object.fromEntries(parseDotenv(text, { lookup: (name) => shell[name] }));

describe("parseDotenv", () => {
  it("reads keys, comments, export, colons and blank lines", () => {
    const text = [
      "# a comment",
      "",
      "A=1",
      "export B = two ",
      "C: three",
      "D=",
      "E=a#b",
      "F=value # trailing comment",
    ].join("\n");
    expect(parse(text)).toEqual({ A: "1", B: "two", C: "three", D: "", E: "a#b", F: "value" });
  });

  it("keeps single quotes literal and processes escapes in double quotes", () => {
    const text = [
      "S='no $HOME \\n here' # comment",
      'D="line\\nnext\\t\\"q\\" \\$HOME $HOME"',
      'M="first',
      'second"',
      "U=raw\\n",
    ].join("\n");
    expect(parse(text, { HOME: "/root" })).toEqual({
      S: "no $HOME \\n here",
      D: 'line\nnext\t"q" $HOME /root',
      M: "first\nsecond",
      U: "raw\\n",
    });
  });

  it("takes a bare KEY from the lookup and skips it when unset there", () => {
    expect(parse("FROM_SHELL\nNOT_SET\n", { FROM_SHELL: "yes" })).toEqual({ FROM_SHELL: "yes" });
  });

  it("interpolates from the shell first, then from keys read earlier", () => {
    const text = "BASE=/srv\nDATA=${BASE}/data\nUSER_DIR=${HOME:-none}\n";
    expect(parse(text, { HOME: "/home/u", BASE: "/shell" })).toEqual({
      BASE: "/srv",
      DATA: "/shell/data",
      USER_DIR: "/home/u",
    });
    expect(parse(text)).toMatchObject({ DATA: "/srv/data", USER_DIR: "none" });
  });

  it("keeps the text after = untouched in raw format", () => {
    expect(Object.fromEntries(parseDotenv("K= 'q' $X # c", { raw: true }))).toEqual({
      K: " 'q' $X # c",
    });
  });

  it.each([
    ["A=1\nBAD KEY=2\n", 2, 'invalid variable name "BAD KEY"'],
    ['A=1\n\nB="open\nC=3\n', 3, 'unterminated " quote'],
    ["A='x' y\n", 1, "unexpected text after the closing quote: y"],
    ["A=1\nB=${NEED:?set NEED}\n", 2, "required variable NEED is missing a value: set NEED"],
  ])("rejects %j at line %i", (text, line, message) => {
    let caught: unknown;
    try {
      parseDotenv(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DotenvError);
    expect(caught).toMatchObject({ line, message: `line ${line}: ${message}` });
  });
});
