/** A line of console output with its 1-based line number in the command's output. */
export interface NumberedLine {
  line: number;
  text: string;
}

/**
 * Split console output into lines and rejoin lines the console wrapped at its width
 * (`console columns`, 80 by default): a line exactly `width` long continues on the next one.
 * Each joined line keeps the number of its first physical line, so evidence points at the real text.
 */
export function unwrapConsoleLines(output: string, width = 80): NumberedLine[] {
  const physical = output.replace(/\r\n?/g, '\n').split('\n');
  const out: NumberedLine[] = [];
  let current: NumberedLine | null = null;
  let continues = false;
  physical.forEach((text, i) => {
    if (current && continues) current.text += text;
    else {
      current = { line: i + 1, text };
      out.push(current);
    }
    continues = text.length === width;
  });
  return out;
}
