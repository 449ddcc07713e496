/**
 * Cuts the stream's bytes into lines. Chunks end anywhere (mid-line, mid-character), X's
 * keep-alives are bare `\r\n`, and lines end in `\r\n`: the splitter keeps the unfinished
 * line, drops blank lines, and caps what it holds so a stream that never sends a newline
 * cannot grow it without bound. The unfinished line is kept in pieces and joined once it
 * ends, so a long line costs time in proportion to its length however finely it is chunked
 * (re-joining it at every chunk made a 64 MB line in 16 kB chunks cost 13 s of CPU).
 */
export function createLineSplitter(maxLineBytes = 4 * 1024 * 1024) {
  const decoder = new TextDecoder('utf-8');
  let pieces: string[] = [];
  let held = 0;
  // Inside a line that went over the cap: drop everything up to its end.
  let skipping = false;

  /**
   * Feeds a chunk; answers the complete, non-blank lines it finished, and whether a line
   * went over the cap in it (reported once per line).
   */
  function push(chunk: Uint8Array): { lines: string[]; overflowed: boolean } {
    const text = decoder.decode(chunk, { stream: true });
    const lines: string[] = [];
    let overflowed = false;
    let from = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', from)) {
      const last = text.slice(from, end);
      from = end + 1;
      const whole = pieces.length ? pieces.join('') + last : last;
      pieces = [];
      held = 0;
      if (skipping) {
        skipping = false;
        continue;
      }
      const line = whole.endsWith('\r') ? whole.slice(0, -1) : whole;
      if (line.trim() !== '') lines.push(line);
    }

    const rest = text.slice(from);
    if (!skipping && rest !== '') {
      pieces.push(rest);
      held += rest.length;
      if (held > maxLineBytes) {
        pieces = [];
        held = 0;
        skipping = true;
        overflowed = true;
      }
    }
    return { lines, overflowed };
  }

  return { push };
}
