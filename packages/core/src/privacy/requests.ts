import { createHash, randomUUID } from "node:crypto";
import { clock } from "../clock";
import { render } from "../email/layout";
import { queueEmail } from "../email/outbox";
import { privacyLinkEmail, privacyRequestReceived } from "../email/privacy-messages";
import { keys, normaliseEmail } from "../keys";
import { logger } from "../observability";
import { type AddressReading, readAddressLink, sendAddressLink } from "../signed-links";
import { type Item, legalDeadline } from "./holdings";
import { deleteItem, getItem, listRequestItems, putItem, putNew } from "./store";

/**
 * A person's requests about their data. Anyone may ask for a link by giving an address: the link
 * is sent to that address only, and the answer on the page is the same whether the address is
 * known or not — the request does the same work either way (no lookup happens until the link is
 * opened), so neither the words nor the timing say whether Binôme holds anything about it.
 */

export type RequestType = "access" | "rectification" | "erasure";
export type RequestOrigin = "person" | "team";

export type PrivacyRequest = {
  id: string;
  type: RequestType;
  origin: RequestOrigin;
  /** Removed once an erasure is done: the request keeps only what it was and when. */
  email?: string;
  detail?: string;
  receivedAt: string;
  deadline: string;
  status: "open" | "done";
  doneAt?: string;
  /** What was done, in order, without the data itself. */
  actions: { at: string; action: string }[];
};

/** How long a person's link works. */
const linkLifetimeMs = 7 * 24 * 60 * 60 * 1000;
/** At most one link per address in this time: the form cannot be used to flood someone's inbox. */
const throttleMs = 10 * 60 * 1000;
/** A done request is kept a year, to show the request was answered (without personal data). */
const keepDoneRequestMs = 365 * 24 * 60 * 60 * 1000;

const epochSeconds = (ms: number) => Math.ceil(ms / 1000);

/** The person asks: a link to their data goes to the address they gave, and only there. */
export async function sendAccessLink(email: string, lang: "fr" | "en" = "fr"): Promise<void> {
  await sendAddressLink(
    {
      kind: "privacy",
      path: "/mes-donnees",
      lifetimeMs: linkLifetimeMs,
      throttleMs,
      message: (url) => privacyLinkEmail(url, lang),
    },
    email,
  );
}

export type AccessReading = AddressReading;

/** Checks a person's link: signed, known and not expired. */
export const readAccessLink = (token: string): Promise<AccessReading> =>
  readAddressLink("privacy", token);

const fromItem = (item: Item): PrivacyRequest => {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, kind: _k, expiresAt: _e, ...rest } = item;
  return rest as unknown as PrivacyRequest;
};

/** Records a request, to be answered within a month; the person is told it was received. */
export async function recordRequest(input: {
  type: RequestType;
  origin: RequestOrigin;
  email: string;
  detail?: string;
  /** Makes a repeated post of the same form record one request, not two. */
  onceKey?: string;
  lang?: "fr" | "en";
}): Promise<PrivacyRequest> {
  const receivedAt = clock.now();
  const id = input.onceKey
    ? createHash("sha256").update(`privacy.request.${input.onceKey}`).digest("hex").slice(0, 24)
    : randomUUID();
  const request: PrivacyRequest = {
    id,
    type: input.type,
    origin: input.origin,
    email: normaliseEmail(input.email),
    ...(input.detail ? { detail: input.detail } : {}),
    receivedAt: receivedAt.toISOString(),
    deadline: legalDeadline(receivedAt).toISOString(),
    status: "open",
    actions: [{ at: receivedAt.toISOString(), action: `received.${input.origin}` }],
  };
  const created = await putNew({
    ...keys.privacyRequest(id),
    ...keys.privacyRequestList(request.receivedAt, id),
    kind: "privacy-request",
    ...request,
  });
  if (!created) return (await getRequest(id)) ?? request;
  if (input.origin === "person" && input.type !== "access") {
    await queueEmail(`privacy-request#${id}`, {
      to: [request.email as string],
      ...render(privacyRequestReceived(input.type, legalDeadline(receivedAt), input.lang ?? "fr")),
    });
  }
  logger.info("Privacy request recorded", { requestId: id, type: input.type });
  return request;
}

export async function getRequest(id: string): Promise<PrivacyRequest | undefined> {
  const item = await getItem<Item>(keys.privacyRequest(id));
  return item ? fromItem(item) : undefined;
}

export async function listRequests(): Promise<PrivacyRequest[]> {
  return (await listRequestItems()).map(fromItem);
}

/** Adds what was done to a request; `done` closes it; `forget` drops the address and the detail. */
export async function logOnRequest(
  id: string,
  action: string,
  options: { done?: boolean; forget?: boolean } = {},
): Promise<void> {
  const item = await getItem<Item>(keys.privacyRequest(id));
  if (!item) return;
  const at = clock.now().toISOString();
  const request = fromItem(item);
  const updated: Item = {
    ...item,
    actions: [...request.actions, { at, action }],
    ...(options.done ? { status: "done", doneAt: at } : {}),
    ...(options.done ? { expiresAt: epochSeconds(clock.now().getTime() + keepDoneRequestMs) } : {}),
  };
  if (options.forget) {
    delete updated.email;
    delete updated.detail;
  }
  await putItem(updated);
}

/** A person's link stops working once their data is erased. */
export async function dropAccessLink(linkId: string): Promise<void> {
  await deleteItem(keys.privacyLink(linkId));
}
