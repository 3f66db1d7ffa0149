// The one call the extension makes: POST /v1/verify, the same use case as the service's page and API.
import { loadSettings } from "./settings.js";

export class ServiceError extends Error {}

export async function verify(text, source) {
  const { service, key } = await loadSettings();
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  if (key) headers["X-API-Key"] = key;
  const body = { text };
  if (source && (source.url || source.title)) body.source = source;
  let response;
  try {
    response = await fetch(`${service}/v1/verify`, { method: "POST", headers, body: JSON.stringify(body) });
  } catch {
    throw new ServiceError(
      `The quote verification service at ${service} cannot be reached. Is it running? ` +
        "Its address is set on the extension's options page.",
    );
  }
  const answer = await response.json().catch(() => null);
  if (!response.ok) {
    const why = answer && answer.detail ? answer.detail : `it answered ${response.status}`;
    throw new ServiceError(`The service could not check this text: ${why}.`);
  }
  return { answer, service };
}
