// The one call the extension makes: POST /v1/verify, the same use case as the service's page and API.
import { loadSettings } from "./settings.js";

export class ServiceError extends Error {}

// The page the text was found on goes along as its appearance (kept with a saved check, shown in
// ClaimReview); only web pages, never file:// or the browser's own pages.
function appearanceOf(found) {
  if (!found) return null;
  const url = /^https?:\/\//i.test(found.url || "") ? found.url.slice(0, 2000) : null;
  const title = found.title ? found.title.slice(0, 1000) : null;
  return url || title ? { url, title } : null;
}

export async function verify(text, found) {
  const { service, key } = await loadSettings();
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  if (key) headers["X-API-Key"] = key;
  const body = { text };
  const appearance = appearanceOf(found);
  if (appearance) body.appearance = appearance;
  let response;
  try {
    response = await fetch(`${service}/v1/verify`, { method: "POST", headers, body: JSON.stringify(body) });
  } catch {
    // fetch says no more than "failed" for both a service that is down and one whose CORS_ORIGINS
    // does not list this extension (the browser hides which); the message names both.
    throw new ServiceError(
      `The quote verification service at ${service} cannot be reached: it is not running there, or it ` +
        `does not admit this extension (its CORS_ORIGINS setting must list ${location.origin}). ` +
        "The address is set on the extension's options page.",
    );
  }
  const answer = await response.json().catch(() => null);
  if (!response.ok) {
    const why = answer && answer.detail ? answer.detail : `it answered ${response.status}`;
    throw new ServiceError(`The service could not check this text: ${why}.`);
  }
  return { answer, service };
}
