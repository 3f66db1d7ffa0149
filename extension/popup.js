import { ServiceError, verify } from "./client.js";
import { renderAnswer, renderProblem } from "./render.js";

const form = document.getElementById("check");
const result = document.getElementById("result");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = document.getElementById("text").value.trim();
  if (!text) return;
  result.textContent = "Checking…";
  try {
    const { answer, service } = await verify(text, null);
    renderAnswer(result, answer, { service, text });
  } catch (error) {
    renderProblem(result, error instanceof ServiceError ? error.message : String(error));
  }
});
