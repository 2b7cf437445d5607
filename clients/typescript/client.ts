/**
 * A small typed client for the Stances API, on `fetch` alone.
 *
 * Every type comes from the OpenAPI document: `npm run types` writes
 * `generated/schema.d.ts` from `openapi.yaml` (openapi-typescript), and nothing here restates
 * a field. When the spec changes, `npm run typecheck` says which call no longer fits.
 *
 *   const api = new StancesClient({ baseUrl: "http://127.0.0.1:8000" });
 *   for await (const quote of api.eachQuote({ speaker: "russia" })) console.log(quote.text);
 *
 *   const writer = new StancesClient({ baseUrl, token: "stn_…" }); // `stances tokens create`
 *   const { data, etag } = await writer.createQuote({ id, text, source, kind: "partial", date });
 *   await writer.updateQuote(id, { notes: "checked" }, etag);
 */

import type { components, operations } from "./generated/schema";

export type Schemas = components["schemas"];
export type Problem = Schemas["Problem"];
export type OperationId = keyof operations;

type Operation<K extends OperationId> = operations[K];
type JsonBody<R> = R extends { content: { "application/json": infer B } } ? B : never;

/** The JSON a successful answer carries (200, else 201; `undefined` for 204). */
export type Success<K extends OperationId> = Operation<K>["responses"] extends { 200: infer R }
  ? JsonBody<R>
  : Operation<K>["responses"] extends { 201: infer R }
    ? JsonBody<R>
    : undefined;

export type Query<K extends OperationId> = Operation<K>["parameters"] extends { query?: infer Q }
  ? NonNullable<Q>
  : never;

export type Body<K extends OperationId> = Operation<K> extends {
  requestBody: { content: { "application/json": infer B } };
}
  ? B
  : never;

/** A page's items, for operations that answer `{items, next_cursor}`. */
export type Item<K extends OperationId> = Success<K> extends { items: (infer I)[] } ? I : never;

export interface Answer<T> {
  data: T;
  status: number;
  /** The state's entity tag: send it back as `If-Match` to change that state. */
  etag: string | null;
  headers: Headers;
}

/** An answer outside 2xx, with its RFC 9457 problem document. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    readonly headers: Headers,
  ) {
    super(problem ? `${status} ${problem.title}: ${problem.detail ?? ""}` : `HTTP ${status}`);
    this.name = "ApiError";
  }
}

export interface ClientOptions {
  /** Where the API is served, e.g. "http://127.0.0.1:8000" (no trailing `/v1`). */
  baseUrl: string;
  /** A write token; reads need none. */
  token?: string;
  fetch?: typeof fetch;
}

type QueryValue = string | number | boolean | readonly string[] | null | undefined;

interface Call {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  query?: object;
  body?: unknown;
  headers?: Record<string, string | undefined>;
}

const id = encodeURIComponent;

export class StancesClient {
  private readonly baseUrl: string;
  private readonly token?: string;
  private readonly fetchImpl: typeof fetch;

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.token = options.token;
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** One operation by its operationId's types; the methods below are thin names for it. */
  async call<K extends OperationId>(_operation: K, call: Call): Promise<Answer<Success<K>>> {
    const url = new URL(this.baseUrl + call.path);
    for (const [name, value] of Object.entries(call.query ?? {}) as [string, QueryValue][]) {
      if (value === undefined || value === null) continue;
      // `style: form, explode: false`: arrays (facets) travel comma-separated.
      url.searchParams.set(name, Array.isArray(value) ? value.join(",") : String(value));
    }
    const headers: Record<string, string> = { Accept: "application/json" };
    for (const [name, value] of Object.entries(call.headers ?? {})) {
      if (value !== undefined) headers[name] = value;
    }
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    if (call.body !== undefined) headers["Content-Type"] = "application/json";
    const response = await this.fetchImpl(url, {
      method: call.method,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    });
    const isJson = /json/.test(response.headers.get("Content-Type") ?? "");
    const payload: unknown = response.status !== 204 && isJson ? await response.json() : undefined;
    if (!response.ok) {
      throw new ApiError(response.status, (payload as Problem) ?? null, response.headers);
    }
    return {
      data: payload as Success<K>,
      status: response.status,
      etag: response.headers.get("ETag"),
      headers: response.headers,
    };
  }

  /** Every item of a list, page after page, following `next_cursor` to its end. */
  async *each<K extends OperationId>(
    operation: K,
    path: string,
    query: Query<K> | undefined,
  ): AsyncGenerator<Item<K>> {
    let cursor: string | null | undefined;
    do {
      const page = await this.call(operation, {
        method: "GET",
        path,
        query: { ...(query ?? {}), ...(cursor ? { cursor } : {}) },
      });
      const { items, next_cursor } = page.data as unknown as {
        items: Item<K>[];
        next_cursor: string | null;
      };
      yield* items;
      cursor = next_cursor;
    } while (cursor);
  }

  async listSources(query?: Query<"listSources">): Promise<Success<"listSources">> {
    return (await this.call("listSources", { method: "GET", path: "/v1/sources", query })).data;
  }

  async getSource(sourceId: string): Promise<Answer<Success<"getSource">>> {
    return this.call("getSource", { method: "GET", path: `/v1/sources/${id(sourceId)}` });
  }

  async listActors(query?: Query<"listActors">): Promise<Success<"listActors">> {
    return (await this.call("listActors", { method: "GET", path: "/v1/actors", query })).data;
  }

  eachActor(query?: Query<"listActors">): AsyncGenerator<Item<"listActors">> {
    return this.each("listActors", "/v1/actors", query);
  }

  async getActor(actorId: string): Promise<Answer<Success<"getActor">>> {
    return this.call("getActor", { method: "GET", path: `/v1/actors/${id(actorId)}` });
  }

  async listTopics(query?: Query<"listTopics">): Promise<Success<"listTopics">> {
    return (await this.call("listTopics", { method: "GET", path: "/v1/topics", query })).data;
  }

  /** Who holds which option of a topic's question, with the evidence. */
  async compareTopic(
    topicId: string,
    query?: Query<"compareTopic">,
  ): Promise<Success<"compareTopic">> {
    const path = `/v1/topics/${id(topicId)}/comparison`;
    return (await this.call("compareTopic", { method: "GET", path, query })).data;
  }

  async listQuotes(query?: Query<"listQuotes">): Promise<Success<"listQuotes">> {
    return (await this.call("listQuotes", { method: "GET", path: "/v1/quotes", query })).data;
  }

  eachQuote(query?: Query<"listQuotes">): AsyncGenerator<Item<"listQuotes">> {
    return this.each("listQuotes", "/v1/quotes", query);
  }

  async getQuote(quoteId: string): Promise<Answer<Success<"getQuote">>> {
    return this.call("getQuote", { method: "GET", path: `/v1/quotes/${id(quoteId)}` });
  }

  /** Needs a token. The same `idempotencyKey` and body again answer the first response. */
  async createQuote(
    body: Body<"createQuote">,
    options: { idempotencyKey?: string } = {},
  ): Promise<Answer<Success<"createQuote">>> {
    return this.call("createQuote", {
      method: "POST",
      path: "/v1/quotes",
      body,
      headers: { "Idempotency-Key": options.idempotencyKey },
    });
  }

  /** Needs a token and the ETag of the state being changed (412 if it changed since). */
  async updateQuote(
    quoteId: string,
    patch: Body<"updateQuote">,
    ifMatch: string,
  ): Promise<Answer<Success<"updateQuote">>> {
    return this.call("updateQuote", {
      method: "PATCH",
      path: `/v1/quotes/${id(quoteId)}`,
      body: patch,
      headers: { "If-Match": ifMatch },
    });
  }
}
