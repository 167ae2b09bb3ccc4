// Test helper: a "browser" that calls route handlers directly with
// new Request(...), keeping its own owner cookie like a real one would.
type Handler<P> = (req: Request, context: { params: Promise<P> }) => Promise<Response>;

export interface Reply {
  status: number;
  body: unknown;
  headers: Headers;
}

export class TestBrowser {
  cookie: string | null = null;

  async call<P extends Record<string, string>>(
    handler: Handler<P>,
    opts: { method?: string; path: string; params?: P; body?: unknown; raw?: BodyInit; headers?: Record<string, string> },
  ): Promise<Reply> {
    const headers = new Headers(opts.headers);
    if (this.cookie) headers.set('cookie', this.cookie);
    let body: BodyInit | undefined = opts.raw;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers.set('content-type', 'application/json');
    }
    const req = new Request(`http://localhost:3201${opts.path}`, {
      method: opts.method ?? 'GET',
      headers,
      body,
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
    const res = await handler(req, { params: Promise.resolve(opts.params ?? ({} as P)) });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const type = res.headers.get('content-type') ?? '';
    const parsed = res.status === 204 ? null : type.includes('json') ? await res.json() : new Uint8Array(await res.arrayBuffer());
    return { status: res.status, body: parsed, headers: res.headers };
  }
}
