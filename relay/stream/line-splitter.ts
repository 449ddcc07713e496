/**
 * Cuts the stream's bytes into lines. Chunks end anywhere (mid-line, mid-character), X's
 * keep-alives are bare `\r\n`, and lines end in `\r\n`: the splitter keeps the unfinished
 * tail, drops blank lines, and caps what it holds so a stream that never sends a newline
 * cannot grow it without bound.
 */
export function createLineSplitter(maxLineBytes = 4 * 1024 * 1024) {
  const decoder = new TextDecoder('utf-8');
  let tail = '';
  let overflowed = false;

  /** Feeds a chunk; answers the complete, non-blank lines it finished. */
  function push(chunk: Uint8Array): { lines: string[]; overflowed: boolean } {
    const parts = (tail + decoder.decode(chunk, { stream: true })).split('\n');
    // split() always yields at least one element: the text after the last newline.
    tail = parts.pop()!;
    const lines: string[] = [];
    for (const part of parts) {
      if (overflowed) {
        // The rest of an over-long line: drop it, and resume with the next line.
        overflowed = false;
        continue;
      }
      const line = part.endsWith('\r') ? part.slice(0, -1) : part;
      if (line.trim() !== '') lines.push(line);
    }
    const tooLong = tail.length > maxLineBytes;
    if (tooLong) {
      tail = '';
      overflowed = true;
    }
    return { lines, overflowed: tooLong };
  }

  return { push };
}
