// The window a "Check this quote" click opens: checks the selection it was handed and shows the answer.
import { ServiceError, verify } from "./client.js";
import { renderAnswer, renderProblem } from "./render.js";

const result = document.getElementById("result");
const { pending } = await chrome.storage.session.get("pending");
if (!pending) {
  renderProblem(result, "Nothing to check: select some text on a page, right-click it and choose “Check this quote”.");
} else {
  document.getElementById("quoted").textContent = pending.text;
  if (pending.title || pending.url) document.getElementById("found-on").textContent = `Found on ${pending.title || pending.url}`;
  try {
    const { answer, service } = await verify(pending.text, { url: pending.url, title: pending.title });
    renderAnswer(result, answer, { service, text: pending.text });
  } catch (error) {
    renderProblem(result, error instanceof ServiceError ? error.message : String(error));
  }
}
