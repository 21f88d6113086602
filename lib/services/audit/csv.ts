/**
 * One CSV cell (RFC 4180). Text a spreadsheet would run as a formula (starting with = + - @ or
 * a tab / carriage return) gets a leading apostrophe, so an audit export cannot carry one.
 */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: Array<string | number | null | undefined>): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
