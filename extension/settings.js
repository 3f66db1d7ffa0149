// Where the service is and the key to send: chrome.storage.sync, set on the options page.
export const DEFAULT_SERVICE = "http://localhost:8000";

export async function loadSettings() {
  const stored = await chrome.storage.sync.get({ service: DEFAULT_SERVICE, key: "" });
  return { service: stored.service.replace(/\/+$/, ""), key: stored.key };
}
