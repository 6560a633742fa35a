// Target browser: no Node APIs. `init()` fetches app.wasm (next to app.mjs, or opts.url) with
// WebAssembly.instantiateStreaming, runs the program's top level once and fills the named exports.
// print/println output goes line by line to opts.stdout (default console.log); eprintln and panics
// to opts.stderr (default console.error). Files the page grants are in-memory (opts.files).
import { Library, type Iface, type LineTable } from '../host/glue.ts';
import { MemoryDir } from '../host/fs-memory.ts';

/** init()'s options; documented for users in the generated app.d.ts (targets/dts.ts) */
export interface BrowserOptions {
  url?: string | URL; stdout?: (line: string) => void; stderr?: (line: string) => void;
  args?: string[]; env?: Record<string, string>; files?: Record<string, string | Uint8Array>;
}

/** splits a text stream into lines for a line-oriented sink */
function lines(sink: (line: string) => void): (s: string) => void {
  let buf = '';
  return s => {
    buf += s;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) { sink(buf.slice(0, i)); buf = buf.slice(i + 1); }
  };
}

export async function createBrowser(ifaceJson: string, name: string, moduleUrl: string, opts: BrowserOptions = {}, lineTable?: LineTable) {
  const iface = JSON.parse(ifaceJson) as Iface;
  const lib = new Library(iface, {
    args: [name, ...(opts.args ?? [])],
    env: opts.env ?? {},
    stdout: lines(opts.stdout ?? (l => console.log(l))),
    stderr: lines(opts.stderr ?? (l => console.error(l))),
    preopens: opts.files ? [{ guestPath: '/files', dir: new MemoryDir(opts.files), read: true, write: true }] : [],
  }, lineTable);
  const url = opts.url ?? new URL('./app.wasm', moduleUrl);
  const { instance } = await WebAssembly.instantiateStreaming(fetch(url), lib.imports);
  return lib.attach(instance).functions;
}
