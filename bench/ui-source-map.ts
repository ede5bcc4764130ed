import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * Where a place in the built renderer (dist/renderer/assets/*.js, minified) comes from, read from the build's own
 * source maps (vite builds them: vite.config.ts), so that a long task's script names a source file and line.
 */

/** A source position: the file as the map names it, 1-based line, and the name there if the map has one. */
export interface SourcePlace {
  readonly source: string;
  readonly line: number;
  readonly name: string | null;
}

interface RawMap {
  readonly sources: readonly string[];
  readonly names: readonly string[];
  readonly mappings: string;
}

/** [generated column, source index, source line, source column, name index or -1], per generated line. */
type Segment = readonly [number, number, number, number, number];

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let source = 0;
  let sourceLine = 0;
  let sourceColumn = 0;
  let name = 0;
  for (const line of mappings.split(';')) {
    const segments: Segment[] = [];
    let column = 0;
    for (const field of line.split(',')) {
      if (field === '') continue;
      const [dColumn = 0, dSource, dLine = 0, dSourceColumn = 0, dName] = decodeVlq(field);
      column += dColumn;
      if (dSource === undefined) continue;
      source += dSource;
      sourceLine += dLine;
      sourceColumn += dSourceColumn;
      let named = -1;
      if (dName !== undefined) {
        name += dName;
        named = name;
      }
      segments.push([column, source, sourceLine, sourceColumn, named]);
    }
    lines.push(segments);
  }
  return lines;
}

/** A map's source path from the repository's root: vite writes them relative to dist/renderer/assets. */
function shortSource(source: string): string {
  const modules = source.lastIndexOf('node_modules/');
  return modules >= 0 ? source.slice(modules) : source.replace(/^(\.\.\/)+/, '');
}

/** One built script and its map. */
class MappedScript {
  private readonly lineStarts: number[] = [0];
  private readonly lines: Segment[][];

  constructor(
    code: string,
    private readonly map: RawMap,
  ) {
    for (let i = code.indexOf('\n'); i >= 0; i = code.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    this.lines = decodeMappings(map.mappings);
  }

  /** The source of a generated 0-based line and column: the last segment at or before it. */
  place(line: number, column: number): SourcePlace | null {
    const segments = this.lines[line] ?? [];
    let found: Segment | undefined;
    for (const segment of segments) {
      if (segment[0] > column) break;
      found = segment;
    }
    if (!found) return null;
    return {
      source: shortSource(this.map.sources[found[1]] ?? '?'),
      line: found[2] + 1,
      name: found[4] >= 0 ? (this.map.names[found[4]] ?? null) : null,
    };
  }

  /** The source of a character offset in the script (as PerformanceScriptTiming.sourceCharPosition counts). */
  placeOfOffset(offset: number): SourcePlace | null {
    let line = 0;
    while (line + 1 < this.lineStarts.length && (this.lineStarts[line + 1] as number) <= offset) line++;
    return this.place(line, offset - (this.lineStarts[line] as number));
  }
}

/** The built renderer's scripts, by file name, read on first use from `assetsDir`. */
export class RendererSourceMaps {
  private readonly scripts = new Map<string, MappedScript | null>();

  constructor(private readonly assetsDir: string) {}

  private script(url: string): MappedScript | null {
    const file = basename(new URL(url, 'http://x/').pathname);
    if (!this.scripts.has(file)) {
      let mapped: MappedScript | null = null;
      try {
        const code = readFileSync(join(this.assetsDir, file), 'utf8');
        const map = JSON.parse(readFileSync(join(this.assetsDir, `${file}.map`), 'utf8')) as RawMap;
        mapped = new MappedScript(code, map);
      } catch {
        // Not one of the renderer's built scripts (or built without a map): left unnamed.
      }
      this.scripts.set(file, mapped);
    }
    return this.scripts.get(file) ?? null;
  }

  /** `url` at a 0-based line and column (a CPU profile's call frame). */
  place(url: string, line: number, column: number): SourcePlace | null {
    return url ? (this.script(url)?.place(line, column) ?? null) : null;
  }

  /** `url` at a character offset (a long animation frame's script). */
  placeOfOffset(url: string, offset: number): SourcePlace | null {
    return url && offset >= 0 ? (this.script(url)?.placeOfOffset(offset) ?? null) : null;
  }
}

export function describePlace(place: SourcePlace | null): string {
  return place ? `${place.source}:${place.line}${place.name ? ` (${place.name})` : ''}` : 'unknown place';
}
