// The service's address and an optional key. Saving asks the browser for permission to reach that
// address, and that address only.
import { DEFAULT_SERVICE, loadSettings } from "./settings.js";

const form = document.getElementById("options");
const status = document.getElementById("status");
const { service, key } = await loadSettings();
document.getElementById("service").value = service || DEFAULT_SERVICE;
document.getElementById("key").value = key;

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  let origin;
  try {
    origin = new URL(document.getElementById("service").value).origin;
  } catch {
    status.textContent = "That is not an address: give one like http://localhost:8000.";
    return;
  }
  const granted = await chrome.permissions.request({ origins: [`${origin}/*`] });
  if (!granted) {
    status.textContent = `Not saved: the extension needs permission to reach ${origin}.`;
    return;
  }
  await chrome.storage.sync.set({ service: origin, key: document.getElementById("key").value.trim() });
  status.textContent = `Saved: quotes are checked at ${origin}.`;
});
