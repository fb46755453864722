import http from "node:http";
import type { AddressInfo } from "node:net";

/*
 * A local stand-in for Enhetsregisteret's open API, answering in the register's documented format (HAL JSON), for
 * tests and e2e runs: never the real internet. `mode` makes it misbehave: hang (timeout), answer garbage or 500.
 */

export type FakeEntity = Record<string, unknown> & { organisasjonsnummer: string; navn: string };
export type FakeMode = "normal" | "hang" | "garbage" | "error" | "html";

export type FakeRegister = {
  /** The base URL to give BRREG_URL, e.g. http://127.0.0.1:40123/enhetsregisteret/api */
  url: string;
  mode: FakeMode;
  /** Paths and queries asked, newest last. */
  requests: string[];
  close(): Promise<void>;
};

/** A register entry as the API gives it, with the fields a lookup reads. */
export function fakeEntity(orgNumber: string, name: string, extra: Record<string, unknown> = {}): FakeEntity {
  return {
    organisasjonsnummer: orgNumber,
    navn: name,
    organisasjonsform: { kode: "AS", beskrivelse: "Aksjeselskap" },
    registreringsdatoEnhetsregisteret: "2004-03-12",
    registrertIMvaregisteret: true,
    naeringskode1: { kode: "47.111", beskrivelse: "Butikkhandel med bredt vareutvalg med hovedvekt på nærings- og nytelsesmidler" },
    harRegistrertAntallAnsatte: true,
    antallAnsatte: 37,
    forretningsadresse: {
      land: "Norge",
      landkode: "NO",
      postnummer: "1337",
      poststed: "SANDVIKA",
      adresse: ["Sandvikstorget 1"],
      kommune: "BÆRUM",
      kommunenummer: "3201",
    },
    hjemmeside: "www.example.no",
    konkurs: false,
    underAvvikling: false,
    underTvangsavviklingEllerTvangsopplosning: false,
    maalform: "Bokmål",
    _links: { self: { href: `https://data.brreg.no/enhetsregisteret/api/enheter/${orgNumber}` } },
    ...extra,
  };
}

export async function startFakeRegister(entities: FakeEntity[]): Promise<FakeRegister> {
  const prefix = "/enhetsregisteret/api";
  const state = { mode: "normal" as FakeMode, requests: [] as string[] };
  const open = new Set<http.ServerResponse>();
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    state.requests.push(url.pathname + url.search);
    if (state.mode === "hang") {
      open.add(response);
      return; // never answers
    }
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (state.mode === "error") return json(500, { status: 500, error: "Internal Server Error", path: url.pathname });
    if (state.mode === "garbage") {
      response.writeHead(200, { "content-type": "application/json" });
      return response.end('{"_embedded": {"enheter": [ {"organisasjonsnummer": ');
    }
    if (state.mode === "html") {
      response.writeHead(200, { "content-type": "text/html" });
      return response.end("<html><body>Vedlikehold</body></html>");
    }
    const one = new RegExp(`^${prefix}/enheter/(\\d+)$`).exec(url.pathname);
    if (one) {
      const entity = entities.find((e) => e.organisasjonsnummer === one[1]);
      if (!entity) return json(404, { timestamp: new Date().toISOString(), status: 404, error: "Not Found", message: `Ingen enhet med organisasjonsnummer ${one[1]} ble funnet`, path: url.pathname });
      return json(200, entity);
    }
    if (url.pathname === `${prefix}/enheter`) {
      const name = (url.searchParams.get("navn") ?? "").toLowerCase();
      const size = Number(url.searchParams.get("size") ?? 20);
      const hits = entities.filter((e) => e.navn.toLowerCase().includes(name)).slice(0, size);
      const page = { size, totalElements: hits.length, totalPages: hits.length ? 1 : 0, number: 0 };
      const links = { self: { href: `https://data.brreg.no${url.pathname}${url.search}` } };
      // Like the register: no _embedded at all when nothing matched.
      return json(200, hits.length ? { _embedded: { enheter: hits }, _links: links, page } : { _links: links, page });
    }
    return json(404, { status: 404, error: "Not Found", path: url.pathname });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    get mode() {
      return state.mode;
    },
    set mode(mode: FakeMode) {
      state.mode = mode;
    },
    requests: state.requests,
    async close() {
      for (const response of open) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
