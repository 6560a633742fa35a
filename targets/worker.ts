// Target worker (Cloudflare Workers, module syntax). The Ruchy program serves HTTP by defining
//
//   struct Request { method: String, url: String, path: String, query: String, body: String }
//   struct Response { status: i64, content_type: String, body: String }
//   pub fun fetch(req: Request) -> Response { ... }
//
// Request may declare any subset of method, url, path, query, body (all String) and headers
// (HashMap<String, String>, lower-case names); Response needs status and body, and may declare
// content_type (String) and headers (HashMap<String, String>). A handler may also return a String
// (status 200, text/plain). The module is instantiated once per isolate, on the first request;
// a panic answers 500 with the panic text and the next request gets a fresh instance. So does the
// request after the instance's linear memory passed RUCHY_MAX_MEMORY_MB (a binding; default 64):
// compiled code does not free everything it allocates yet, and this keeps a long-lived isolate's
// memory bounded (module state starts over then, as after a panic).
import { Library, RuchyError, type Iface, type LineTable } from '../host/glue.ts';

const REQUEST_FIELDS = new Set(['method', 'url', 'path', 'query', 'body', 'headers']);

interface WorkerRequest { method: string; url: string; headers: Iterable<[string, string]>; text(): Promise<string> }

export function createWorker(ifaceJson: string, name: string, wasm: WebAssembly.Module, lines?: LineTable) {
  const iface = JSON.parse(ifaceJson) as Iface;
  const handler = iface.functions.find(f => f.name === 'fetch');
  if (!handler || handler.params.length !== 1) throw new Error(`${name}: a worker program defines \`pub fun fetch(req: Request) -> Response\``);
  const reqType = handler.params[0].type;
  const reqFields = reqType ? Object.keys(iface.fieldTypes?.[reqType] ?? {}) : [...REQUEST_FIELDS];
  for (const f of reqFields) {
    if (!REQUEST_FIELDS.has(f)) throw new Error(`${name}: Request field \`${f}\` is not one of ${[...REQUEST_FIELDS].join(', ')}`);
  }
  let fns: Record<string, (...a: unknown[]) => unknown> | null = null;
  let memory: WebAssembly.Memory | null = null;
  const instance = () => {
    if (!fns) {
      const lib = new Library(iface, {
        args: [name],
        stdout: s => { for (const l of s.split('\n')) if (l) console.log(l); },
        stderr: s => { for (const l of s.split('\n')) if (l) console.error(l); },
      }, lines);
      fns = lib.attach(new WebAssembly.Instance(wasm, lib.imports)).functions;
      memory = lib.exports.memory;
    }
    return fns;
  };
  return {
    async fetch(request: WorkerRequest, env?: Record<string, unknown>): Promise<Response> {
      const res = await handle(request);
      const size = memory ? memory.buffer.byteLength : 0;
      // opt-in diagnostics (a RUCHY_DEBUG_MEMORY binding): the instance's linear memory size
      if (env && env.RUCHY_DEBUG_MEMORY) res.headers.set('x-ruchy-wasm-memory', String(size));
      const limitMb = Number(env?.RUCHY_MAX_MEMORY_MB ?? 64);
      if (fns && size > limitMb * 1024 * 1024) { fns = null; memory = null; }
      return res;
    },
  };

  async function handle(request: WorkerRequest): Promise<Response> {
    const url = new URL(request.url);
    const all: Record<string, unknown> = {
      method: request.method, url: request.url, path: url.pathname, query: url.search.replace(/^\?/, ''),
      headers: new Map([...request.headers].map(([k, v]) => [k.toLowerCase(), v])),
    };
    if (reqFields.includes('body')) all.body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const req = Object.fromEntries(reqFields.map(f => [f, all[f]]));
    let out: unknown;
    try {
      out = instance().fetch(req);
    } catch (e) {
      if (e instanceof RuchyError && e.kind === 'panic') {
        fns = null; // the instance is unusable after a panic
        return new Response(e.message + '\n', { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' } });
      }
      if (e instanceof RuchyError) return new Response(e.message + '\n', { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' } });
      throw e;
    }
    return toResponse(out);
  }
}

function toResponse(out: unknown): Response {
  if (typeof out === 'string') return new Response(out, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  if (!out || typeof out !== 'object' || !('status' in out) || !('body' in out)) {
    throw new Error('fetch must return a Response { status, body, ... } or a String');
  }
  const r = out as { status: number | bigint; body: unknown; content_type?: unknown; headers?: unknown };
  const headers = new Headers();
  if (r.headers instanceof Map) for (const [k, v] of r.headers) headers.set(String(k), String(v));
  if (typeof r.content_type === 'string' && r.content_type) headers.set('content-type', r.content_type);
  if (!headers.has('content-type')) headers.set('content-type', 'text/plain; charset=utf-8');
  return new Response(String(r.body), { status: Number(r.status), headers });
}
