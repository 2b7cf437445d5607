/**
 * Drives clients/typescript/client.ts against a running server (test_typescript_client.py).
 * Reads STANCES_URL and STANCES_TOKEN; prints one JSON line of what it saw.
 */

import { ApiError, StancesClient } from "../../clients/typescript/client";

async function main(): Promise<void> {
  const baseUrl = process.env.STANCES_URL ?? "";
  const api = new StancesClient({ baseUrl });
  const writer = new StancesClient({ baseUrl, token: process.env.STANCES_TOKEN ?? "" });

  const actors = await api.listActors({ limit: 500 });
  const actorIds: string[] = actors.items.map((actor) => actor.id);

  const quoteIds: string[] = [];
  for await (const quote of api.eachQuote({ limit: 5 })) quoteIds.push(quote.id);

  const topics = await api.listTopics({ limit: 1 });
  const topic = topics.items[0];
  const comparison = topic ? await api.compareTopic(topic.id) : null;

  const sources = await api.listSources({ limit: 1 });
  const first = sources.items[0];
  let created: string | null = null;
  let patched = false;
  let stale = 0;
  let anonymous = 0;
  if (first) {
    const source = (await api.getSource(first.id)).data;
    const words = (source.text.split("\n")[0] ?? "").trim().slice(0, 60).trim();
    const id = `ts-contract-${Date.now().toString(36)}`;
    const body = { id, text: words, source: source.id, kind: "partial" as const, date: "2011" };
    try {
      await api.createQuote(body);
    } catch (error) {
      anonymous = error instanceof ApiError ? error.status : -1;
    }
    const made = await writer.createQuote(body, { idempotencyKey: id });
    created = made.data.id;
    const changed = await writer.updateQuote(id, { notes: "typed" }, made.etag ?? "");
    patched = changed.data.notes === "typed" && changed.etag !== made.etag;
    try {
      await writer.updateQuote(id, { notes: "again" }, made.etag ?? "");
    } catch (error) {
      stale = error instanceof ApiError ? error.status : -1;
    }
  }

  const report = {
    actorIds,
    quoteIds,
    topic: comparison?.topic.id ?? null,
    rows: comparison?.rows.length ?? null,
    created,
    patched,
    anonymous,
    stale,
  };
  console.log(JSON.stringify(report));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
