// Target node: the module is read next to app.mjs and instantiated once, synchronously, when
// app.mjs is first imported. print/println go to process.stdout, eprintln and panics to stderr.
import { readFileSync } from 'node:fs';
import { Library, type Iface, type LineTable } from '../host/glue.ts';

export function createNode(ifaceJson: string, name: string, wasmUrl: URL, lines?: LineTable): Record<string, (...a: unknown[]) => unknown> {
  const iface = JSON.parse(ifaceJson) as Iface;
  const lib = new Library(iface, {
    args: [name],
    stdout: s => { process.stdout.write(s); },
    stderr: s => { process.stderr.write(s); },
  }, lines);
  const module = new WebAssembly.Module(readFileSync(wasmUrl));
  return lib.attach(new WebAssembly.Instance(module, lib.imports)).functions;
}
