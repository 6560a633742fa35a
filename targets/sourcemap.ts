// `--source-map`: the wasm source map Binaryen wrote (lines only: columns are reset to 0) (generated columns are byte offsets in the
// module) rewritten with the `source-map` package into the file we ship: the Ruchy source named
// by its base name and embedded (sourcesContent), so browser devtools show the .ruchy lines
// without fetching anything else.
import { SourceMapConsumer, SourceMapGenerator } from 'source-map';
import { basename } from 'node:path';

export async function finishSourceMap(raw: string, file: string, source: string, wasmFile: string): Promise<string> {
  const name = basename(file);
  return SourceMapConsumer.with(JSON.parse(raw), null, consumer => {
    const gen = new SourceMapGenerator({ file: wasmFile });
    consumer.eachMapping(m => {
      const generated = { line: m.generatedLine, column: m.generatedColumn };
      if (m.source === null || m.originalLine === null) gen.addMapping({ generated } as Parameters<SourceMapGenerator['addMapping']>[0]); // end of a located range
      else gen.addMapping({ generated, original: { line: m.originalLine, column: 0 }, source: name });
    });
    gen.setSourceContent(name, source);
    return gen.toString();
  });
}

/** the [offset, line, …] table of a finished map (see LineTable in host/glue.ts) */
export async function lineTable(map: string, file: string): Promise<{ file: string; table: number[] }> {
  const table: number[] = [];
  await SourceMapConsumer.with(JSON.parse(map), null, c => {
    c.eachMapping(m => { table.push(m.generatedColumn, m.originalLine ?? 0); });
  });
  return { file: basename(file), table };
}
